'use client';
// The data a view shows, asked of the server for that view only: the map's clusters for the tiles on
// screen, the list's pages for the box on screen, the counts, the movements and the selection. Every
// request is keyed by the API URL the state writes (lib/map/view-query, lib/url-state), so a response
// belongs to exactly one state. While a new key loads the view says so (`busy`); only the map keeps
// drawing its previous markers meanwhile, so a drag or pan never blanks it.
import { useEffect, useMemo, useRef } from 'react';
import useSWR from 'swr';
import useSWRInfinite from 'swr/infinite';
import { lineIntersectsBbox, type Bbox } from '@/lib/bbox';
import { inDateRange, type EventSummaryFeature } from '@/lib/events';
import { clustersUrl, countUrl, leavesUrl, listUrl, type DatedState } from '@/lib/map/view-query';
import type { ClusterCollection } from '@/lib/store/contract';
import type { CountBody } from '@/lib/store/views';
import type { DateRange } from '@/lib/timeline';
import type { EventFeature, MovementCollection, MovementFeature } from '@/lib/types';
import { movementsUrl, sourceTypesShown, type UrlState } from '@/lib/url-state';
import type { SourceType } from '@/lib/vocab';
import type { HistoryMode, StatePatch } from './use-url-state';

export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url}: ${status}`);
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  // Always asked of the server (an ETag makes an unchanged answer a 304): after new data arrives,
  // the browser's HTTP cache must not hand back the answer from before it.
  const r = await fetch(url, { cache: 'no-cache' });
  if (!r.ok) throw new HttpError(url, r.status);
  return (await r.json()) as T;
}

/** The body with the URL it answers, so a kept response is never mistaken for the current one. */
async function fetchTagged<T>(url: string): Promise<{ url: string; body: T }> {
  return { url, body: await fetchJson<T>(url) };
}

interface SummaryPage {
  type: 'FeatureCollection';
  features: EventSummaryFeature[];
  nextCursor: string | null;
}

/** Where the map looks: the box on screen and its zoom. */
export interface MapWindow {
  bounds: Bbox;
  zoom: number;
}

// Server-rendered data is fresh: fetch a key only when the view first needs it.
const OPTS = { revalidateOnFocus: false, revalidateIfStale: false, keepPreviousData: false } as const;
const MAP_OPTS = { ...OPTS, keepPreviousData: true } as const;

const byNewest = (a: { properties: { start: string; title: string } }, b: { properties: { start: string; title: string } }) =>
  a.properties.start !== b.properties.start ? (a.properties.start < b.properties.start ? 1 : -1) : a.properties.title < b.properties.title ? -1 : 1;

function useClusters(url: string | null) {
  const { data, error } = useSWR<{ url: string; body: ClusterCollection }>(url, fetchTagged, MAP_OPTS);
  const current = !!url && data?.url === url;
  return { data: url ? (data?.body ?? null) : null, current: !url || current, error: url ? error : undefined };
}

/** `shownRevision`: the data version on screen; when it moves on, the list's pages are asked again. */
export function useViewData(state: UrlState, range: DateRange, update: (patch: StatePatch, mode: HistoryMode) => void, view: MapWindow | null, shownRevision?: string) {
  const dated: DatedState = { ...state, from: range.from, to: range.to };
  const sources = sourceTypesShown(state);

  const articles = useClusters(view && sources.includes('article') ? clustersUrl(dated, 'article', view.bounds, view.zoom) : null);
  const feeds = useClusters(view && sources.includes('feed') ? clustersUrl(dated, 'feed', view.bounds, view.zoom) : null);
  const total = useSWR<CountBody>(sources.length ? countUrl(dated, sources) : null, fetchJson, OPTS);
  const inView = useSWR<CountBody>(view && sources.length ? countUrl(dated, sources, view.bounds) : null, fetchJson, OPTS);
  const list = useSWRInfinite<SummaryPage>(
    (i, prev: SummaryPage | null) => (!view || !sources.length ? null : i === 0 ? listUrl(dated, sources, view.bounds) : prev?.nextCursor ? listUrl(dated, sources, view.bounds, prev.nextCursor) : null),
    fetchJson,
    { ...OPTS, revalidateFirstPage: false },
  );
  // A global mutate skips useSWRInfinite's keys (SWR leaves them out of key filters): the list
  // follows a new data version here, or it would keep rows a review just rejected.
  const listMutate = list.mutate;
  const firstRevision = useRef(shownRevision);
  useEffect(() => {
    if (shownRevision === firstRevision.current) return;
    firstRevision.current = shownRevision;
    void listMutate();
  }, [shownRevision, listMutate]);
  const { data: movementFc } = useSWR<MovementCollection>(movementsUrl(state), fetchJson, OPTS);
  const selectedEvent = useSWR<EventFeature>(state.event ? `/api/events/${state.event}` : null, fetchJson, OPTS);
  const selectedMovement = useSWR<MovementFeature>(state.movement ? `/api/movements/${state.movement}` : null, fetchJson, OPTS);

  // An id the data does not know (a stale link, an item since removed) is dropped, as the server does.
  const missing = (e: unknown) => e instanceof HttpError && e.status === 404;
  useEffect(() => {
    if (state.event && missing(selectedEvent.error)) update({ event: undefined }, 'replace');
    if (state.movement && missing(selectedMovement.error)) update({ movement: undefined }, 'replace');
  }, [state.event, state.movement, selectedEvent.error, selectedMovement.error, update]);

  // Few movements, whole arcs: filtered here by range, as the page draws them all.
  const allMovements = useMemo(() => (movementFc ? [...movementFc.features].sort(byNewest) : null), [movementFc]);
  const movements = useMemo(() => (allMovements ? inDateRange(allMovements, range.from, range.to) : []), [allMovements, range.from, range.to]);
  const movementsInView = useMemo(() => (view ? movements.filter((m) => lineIntersectsBbox(m.geometry.coordinates, view.bounds)) : movements), [movements, view]);
  // While the next view's first page loads, the rows of the last one stay (under "Loading…"): a row
  // the reader is on keeps its element, and with it the focus, when it is in both.
  const lastRows = useRef<EventSummaryFeature[]>([]);
  const hidden = !sources.length;
  const listEvents = useMemo(() => (list.data ? list.data.flatMap((p) => p.features) : hidden ? [] : lastRows.current), [list.data, hidden]);
  lastRows.current = listEvents;

  const noEvents = !sources.length;
  const countOf = (c: CountBody | undefined) => (noEvents ? 0 : (c?.count ?? null));
  const listLoading = !noEvents && (!view || !list.data);
  return {
    /** the map's clusters and single events, per source type; kept while the next view loads */
    map: { article: articles.data, feed: feeds.data, current: articles.current && feeds.current },
    /** events matching the filters in range (null while loading), and how many of them come from feeds */
    count: countOf(total.data),
    feedCount: noEvents ? 0 : (total.data?.bySource.feed ?? null),
    /** the list: newest first, a page at a time, for the box on screen */
    list: {
      events: listEvents,
      inView: countOf(inView.data),
      loading: listLoading,
      more: !!list.data?.[list.data.length - 1]?.nextCursor,
      loadingMore: list.isValidating && !!list.data && list.size > list.data.length,
      loadMore: () => void list.setSize(list.size + 1),
    },
    movements,
    movementsInView,
    movementsLoading: !allMovements,
    /** any query of this view still on its way: what is shown is not yet all of this view */
    busy: !articles.current || !feeds.current || (!noEvents && (!total.data || !inView.data)) || listLoading || !allMovements,
    failed: !!(articles.error || feeds.error || total.error || inView.error || list.error),
    leavesUrl: (source: SourceType, cluster: string) => leavesUrl(dated, source, cluster),
    selected: state.event && selectedEvent.data?.properties.id === state.event ? selectedEvent.data : null,
    selectedMovement: state.movement && selectedMovement.data?.properties.id === state.movement ? selectedMovement.data : null,
  };
}
