// What the server needs to render a permalink with no flash of the default view: the URL resolved
// against the data (lib/resolve-view), the camera, and the data the first paint shows, keyed by the
// very API URLs the client would fetch, so the browser's cache starts where the server left off.
import 'server-only';
import { formatInterval } from './dates';
import type { Filter } from './filters';
import { PAGE } from './limits';
import { DEFAULT_VIEW, EVENT_ZOOM, MOVEMENT_ZOOM } from './map/camera';
import { countUrl } from './map/view-query';
import { countBody, movementPage } from './store/views';
import { resolveView, type DataFacts } from './resolve-view';
import { getStore, type Store } from './store';
import { dataVersion, type DataVersion } from './store/changes';
import { clampRange, dayNumber, densestWindow, fromDayNumber, presetsFrom, type DateRange, type Preset } from './timeline';
import type { Actor, EventFeature, MovementFeature } from './types';
import { layerVisible, movementsUrl, parseUrlState, serializeUrlState, sourceTypesShown, type UrlState, type ViewState } from './url-state';



export interface InitialView {
  /** the canonical query string of the resolved state (the address bar's, without '?') */
  search: string;
  state: UrlState;
  range: DateRange;
  facts: DataFacts;
  /** the timeline's presets, from all data, so their meaning does not move with the filters */
  presets: Preset[];
  /** the camera the map opens on */
  view: ViewState;
  selected: EventFeature | null;
  selectedMovement: MovementFeature | null;
  /** events matching the filters, in range (for the page's own title) */
  eventCount: number;
  movementCount: number;
  actors: Actor[];
  articleCount: number;
  /** the data's version the page shows (its revision and totals), for the new-data notice */
  data: DataVersion;
}

export function itemFilter(s: UrlState): Filter {
  return {
    ...(s.categories ? { categories: s.categories } : {}),
    ...(s.kinds ? { kinds: s.kinds } : {}),
    ...(s.actor ? { actors: [s.actor] } : {}),
    ...(s.q ? { q: s.q } : {}),
    ...(layerVisible(s, 'unreviewed') ? {} : { unreviewed: false }),
  };
}

/** The filter for the events a view shows: its filters and the event layers that are on. */
export function eventFilter(s: UrlState): Filter {
  const sourceTypes = sourceTypesShown(s);
  return { ...itemFilter(s), ...(sourceTypes.length === 1 ? { sourceTypes } : {}) };
}

interface StoreFacts {
  facts: DataFacts;
  presets: Preset[];
  actors: Actor[];
  articleCount: number;
}
const factsByRevision = new Map<string, Promise<StoreFacts>>();

/**
 * The data's span, crisis window, presets and actors change only when the data does: computed once
 * per store revision from per-day counts (never by listing every event), not per request.
 */
function storeFacts(store: Store, revision: string): Promise<StoreFacts> {
  let f = factsByRevision.get(revision);
  if (!f) {
    f = (async () => {
      const extent = await store.extent();
      const today = new Date().toISOString().slice(0, 10);
      const domain = extent ? { from: extent.start, to: extent.end } : { from: today, to: today };
      // The crisis window follows the events read from articles: a feed counts reports, in bulk.
      const days = (await store.histogram({ sourceTypes: ['article'] }, { ...domain, binDays: 1 })).bins.filter((b) => b.total > 0).map((b) => [dayNumber(b.from), b.total] as const);
      const crisis = days.length ? densestWindow(days) : domain;
      const lastDay = days.length ? fromDayNumber(days[days.length - 1]![0]) : domain.to;
      const actors = await store.actors();
      let articleCount = 0;
      for (let cursor: string | null | undefined; cursor !== null; ) {
        const page = await store.articles({ limit: PAGE.max, ...(cursor ? { cursor } : {}) });
        articleCount += page.items.length;
        cursor = page.nextCursor;
      }
      return {
        // The crisis window, padded, but never past the data.
        facts: { domain, defaultRange: clampRange(crisis, domain), actorIds: actors.map((a) => a.id) },
        presets: presetsFrom(crisis, lastDay, domain),
        actors,
        articleCount,
      };
    })();
    factsByRevision.clear();
    factsByRevision.set(revision, f);
  }
  return f;
}

export async function resolveInitialView(params: Record<string, string | string[] | undefined> | URLSearchParams): Promise<InitialView> {
  const store = getStore();
  const revision = await store.revision();
  const { facts, presets: presetList, actors, articleCount } = await storeFacts(store, revision);
  const raw = parseUrlState(params);
  const selected = raw.event ? await store.getEvent(raw.event) : null;
  const selectedMovement = raw.movement ? await store.getMovement(raw.movement) : null;
  const { state, range } = resolveView(raw, facts, { event: () => !!selected, movement: () => !!selectedMovement });

  return {
    search: serializeUrlState(state),
    state,
    range,
    facts,
    presets: presetList,
    view: camera(state, selected, selectedMovement),
    selected,
    selectedMovement,
    // Counted by the store, not from the page handed to the client: exact at any size.
    eventCount: await store.countEvents({ ...eventFilter(state), ...range }),
    movementCount: (await store.movements({ ...itemFilter(state), ...range })).length,
    actors,
    articleCount,
    data: await dataVersion(store),
  };
}

/**
 * The data the first paint shows, keyed by the very API URLs the client would fetch (bodies as those
 * routes answer them), so the browser's cache starts where the server left off. Only the page needs
 * it: the preview image and the meta tags stop at resolveInitialView.
 */
export async function clientFallback(v: InitialView): Promise<Record<string, unknown>> {
  const store = getStore();
  // The header's count and the movements; what the map and the list show depends on the screen's
  // size, which only the browser knows, so those it asks for itself.
  const fallback: Record<string, unknown> = {
    [movementsUrl(v.state)]: await movementPage(store, itemFilter(v.state)),
  };
  const sources = sourceTypesShown(v.state);
  if (sources.length) fallback[countUrl({ ...v.state, ...v.range }, sources)] = await countBody(store, { ...eventFilter(v.state), ...v.range });
  if (v.selected) fallback[`/api/events/${v.selected.properties.id}`] = v.selected;
  if (v.selectedMovement) fallback[`/api/movements/${v.selectedMovement.properties.id}`] = v.selectedMovement;
  return fallback;
}

/** A link's own camera; else the selected item centred; else the region of the seed articles. */
function camera(s: UrlState, selected: EventFeature | null, movement: MovementFeature | null): ViewState {
  if (s.map) return s.map;
  if (selected) return { ...DEFAULT_VIEW, zoom: EVENT_ZOOM, lng: selected.geometry.coordinates[0]!, lat: selected.geometry.coordinates[1]! };
  if (movement) {
    const end = movement.geometry.coordinates[movement.geometry.coordinates.length - 1]!;
    return { ...DEFAULT_VIEW, zoom: MOVEMENT_ZOOM, lng: end[0]!, lat: end[1]! };
  }
  return DEFAULT_VIEW;
}

/** Title and description for link previews: the selected item, or the range and its counts. */
export function describeView(v: InitialView): { title: string; description: string } {
  const item = v.selected ?? v.selectedMovement;
  if (item) {
    const p = item.properties;
    const where = v.selected ? v.selected.properties.place.name : `${v.selectedMovement!.properties.origin.name} → ${v.selectedMovement!.properties.destination.name}`;
    const sources = new Set(p.sources.map((s) => s.article)).size;
    return {
      title: `${p.title} — ${formatInterval(p)}, ${where}`,
      description: `${p.summary} (${sources} source${sources === 1 ? '' : 's'})`,
    };
  }
  const events = v.eventCount;
  const movements = v.movementCount;
  const span = formatInterval({ start: v.range.from, end: v.range.to, precision: 'day' });
  return {
    title: `${span} · ${events} event${events === 1 ? '' : 's'} · ${movements} movement${movements === 1 ? '' : 's'}`,
    description: 'Situation Map: what happened where and when, with the exact words of every source.',
  };
}
