'use client';
// The data a view shows, derived from its state alone: every request is keyed by the API URL the
// state writes (lib/url-state apiUrl), and nothing is kept from an earlier state, so no cached or
// "previous" data can outlive the state it belongs to. While a new key loads, the view says so.
import { useEffect, useMemo } from 'react';
import useSWR from 'swr';
import { inDateRange, type EventSummaryFeature } from '@/lib/events';
import type { DateRange } from '@/lib/timeline';
import type { EventFeature, MovementCollection, MovementFeature } from '@/lib/types';
import { apiUrl, type UrlState } from '@/lib/url-state';
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
  const r = await fetch(url);
  if (!r.ok) throw new HttpError(url, r.status);
  return (await r.json()) as T;
}

interface SummaryCollection {
  type: 'FeatureCollection';
  features: EventSummaryFeature[];
  /** set when more events match than one page holds */
  nextCursor?: string | null;
}

// Server-rendered data is fresh: fetch a key only when the view first needs it.
const OPTS = { revalidateOnFocus: false, revalidateIfStale: false, keepPreviousData: false } as const;

const byNewest = (a: { properties: { start: string; title: string } }, b: { properties: { start: string; title: string } }) =>
  a.properties.start !== b.properties.start ? (a.properties.start < b.properties.start ? 1 : -1) : a.properties.title < b.properties.title ? -1 : 1;

export function useViewData(state: UrlState, range: DateRange, update: (patch: StatePatch, mode: HistoryMode) => void) {
  const { data: eventFc } = useSWR<SummaryCollection>(apiUrl(state, 'events'), fetchJson, OPTS);
  const { data: movementFc } = useSWR<MovementCollection>(apiUrl(state, 'movements'), fetchJson, OPTS);
  const selectedEvent = useSWR<EventFeature>(state.event ? `/api/events/${state.event}` : null, fetchJson, OPTS);
  const selectedMovement = useSWR<MovementFeature>(state.movement ? `/api/movements/${state.movement}` : null, fetchJson, OPTS);

  // An id the data does not know (a stale link, an item since removed) is dropped, as the server does.
  const missing = (e: unknown) => e instanceof HttpError && e.status === 404;
  useEffect(() => {
    if (state.event && missing(selectedEvent.error)) update({ event: undefined }, 'replace');
    if (state.movement && missing(selectedMovement.error)) update({ movement: undefined }, 'replace');
  }, [state.event, state.movement, selectedEvent.error, selectedMovement.error, update]);

  // Sorted once per response (newest first, the list's order), so a range change is one filter pass.
  const allEvents = useMemo(() => (eventFc ? [...eventFc.features].sort(byNewest) : null), [eventFc]);
  const allMovements = useMemo(() => (movementFc ? [...movementFc.features].sort(byNewest) : null), [movementFc]);
  const events = useMemo(() => (allEvents ? inDateRange(allEvents, range.from, range.to) : []), [allEvents, range.from, range.to]);
  const movements = useMemo(() => (allMovements ? inDateRange(allMovements, range.from, range.to) : []), [allMovements, range.from, range.to]);

  return {
    loading: !allEvents || !allMovements,
    /** more events match the filters than the one page the map loads (PAGE.max) */
    truncated: !!eventFc?.nextCursor,
    allEvents: allEvents ?? [],
    events,
    movements,
    selected: state.event && selectedEvent.data?.properties.id === state.event ? selectedEvent.data : null,
    selectedMovement: state.movement && selectedMovement.data?.properties.id === state.movement ? selectedMovement.data : null,
  };
}
