'use client';
// The interactive shell: owns the app state (mirrored in the URL), fetches data with SWR and wires the
// lazily loaded map to the list, the filters and the timeline.
import { Suspense, lazy, useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import useSWR from 'swr';
import { inDateRange, type EventSummaryFeature } from '@/lib/events';
import { inBbox, type Bbox } from '@/lib/bbox';
import type { InitialView } from '@/lib/initial-view';
import { CATEGORY_COLORS } from '@/lib/palette';
import type { DateRange } from '@/lib/timeline';
import type { EventFeature, MovementCollection } from '@/lib/types';
import { layerVisible, serializeUrlState, type UrlState, type ViewState } from '@/lib/url-state';
import { CopyLinkButton } from './copy-link-button';
import { EventList } from './event-list';
import { FilterBar } from './filter-bar';
import type { FlyTarget } from './map-view';
import { Timeline } from './timeline';
import { useUrlState } from './use-url-state';
import styles from './map-app.module.css';

// The map chunk (maplibre) starts downloading as soon as this module runs in the browser, before
// hydration has finished; it is rendered only on the client.
const mapModule = typeof window === 'undefined' ? null : import('./map-view');
const MapView = lazy(() => mapModule ?? import('./map-view'));

function MapLoading() {
  return (
    <div className={styles.mapLoading} data-testid="map" data-loaded="false">
      Loading map…
    </div>
  );
}

interface SummaryCollection {
  type: 'FeatureCollection';
  features: EventSummaryFeature[];
}

async function fetchJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

/** The query for everything but dates: dates filter on the client so dragging the range is instant. */
function filterQuery(s: UrlState): string {
  return serializeUrlState({ embed: false, ...(s.categories ? { categories: s.categories } : {}), ...(s.actor ? { actor: s.actor } : {}), ...(s.q ? { q: s.q } : {}) });
}

const EVENT_ZOOM = 6;

const byNewest = (a: EventSummaryFeature, b: EventSummaryFeature) =>
  a.properties.start !== b.properties.start ? (a.properties.start < b.properties.start ? 1 : -1) : a.properties.title < b.properties.title ? -1 : 1;

export function MapApp({ initial, legend }: { initial: InitialView; legend?: ReactNode }) {
  const { state, update, restoreKey } = useUrlState(initial.state);
  const committed: DateRange = { from: state.from ?? initial.defaultRange.from, to: state.to ?? initial.defaultRange.to };
  const [liveRange, setLiveRange] = useState<DateRange | null>(null);
  const range = liveRange ?? committed;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [hovered, setHovered] = useState<string | null>(null);
  const [bounds, setBounds] = useState<Bbox | null>(null);
  // A permalink to an event without a viewport opens with the event centred, its popup above it.
  const [target, setTarget] = useState<FlyTarget | null>(() =>
    initial.selected && !initial.state.map
      ? { key: 1, view: { lng: initial.selected.geometry.coordinates[0]!, lat: initial.selected.geometry.coordinates[1]! }, animate: false, lift: true }
      : null,
  );
  const [listOpen, setListOpen] = useState(false);

  const fq = filterQuery(state);
  const initialFq = filterQuery(initial.state);
  // Server-rendered data is fresh: no refetch on mount, only when the filters change.
  const swrOpts = { keepPreviousData: true, revalidateOnFocus: false, revalidateIfStale: false } as const;
  const { data: eventFc } = useSWR<SummaryCollection>(`/api/events?fields=summary${fq ? `&${fq}` : ''}`, fetchJson, {
    ...swrOpts,
    ...(fq === initialFq && initial.events ? { fallbackData: { type: 'FeatureCollection', features: initial.events } } : {}),
  });
  const { data: movementFc } = useSWR<MovementCollection>(`/api/movements${fq ? `?${fq}` : ''}`, fetchJson, {
    ...swrOpts,
    ...(fq === initialFq ? { fallbackData: { type: 'FeatureCollection', features: initial.movements } } : {}),
  });
  const { data: selected } = useSWR<EventFeature>(state.event ? `/api/events/${state.event}` : null, fetchJson, {
    ...swrOpts,
    keepPreviousData: false,
    ...(initial.selected && initial.selected.properties.id === state.event ? { fallbackData: initial.selected } : {}),
  });

  const allEvents = useMemo(() => eventFc?.features ?? [], [eventFc]);
  // Sorted once per data load (newest first, the list's order), so a range change is one filter pass.
  const newestFirst = useMemo(() => [...allEvents].sort(byNewest), [allEvents]);
  const events = useMemo(() => inDateRange(newestFirst, range.from, range.to), [newestFirst, range.from, range.to]);
  const movements = useMemo(() => inDateRange(movementFc?.features ?? [], range.from, range.to), [movementFc, range.from, range.to]);
  // The list may hold thousands of rows: let the map and counts update first.
  const listEvents = useDeferredValue(events);
  const inView = useMemo(() => (bounds ? listEvents.filter((e) => inBbox(e.geometry.coordinates[0]!, e.geometry.coordinates[1]!, bounds)) : listEvents), [listEvents, bounds]);
  const timelineItems = useMemo(() => allEvents.map((e) => e.properties), [allEvents]);

  // Back/Forward: put the map where the restored entry was.
  useEffect(() => {
    if (restoreKey && state.map) setTarget({ key: Date.now(), view: state.map, animate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoreKey]);

  const onMoveEnd = useCallback(
    (view: ViewState, b: Bbox) => {
      setBounds(b);
      update({ map: view }, 'replace');
    },
    [update],
  );

  const select = useCallback((id: string | null) => update({ event: id ?? undefined }, 'push'), [update]);
  const selectFromList = useCallback(
    (id: string) => {
      const e = allEvents.find((x) => x.properties.id === id);
      if (e) {
        const [lng, lat] = e.geometry.coordinates as [number, number];
        setTarget({ key: Date.now(), view: { lng, lat, zoom: Math.max(state.map?.zoom ?? 0, EVENT_ZOOM) }, animate: true, lift: true });
      }
      setListOpen(false);
      select(id);
    },
    [allEvents, select, state.map?.zoom],
  );

  const onRangeChange = useCallback(
    (r: DateRange, { commit }: { commit: boolean }) => {
      if (commit) {
        setLiveRange(null);
        update({ from: r.from, to: r.to }, 'push');
      } else setLiveRange(r);
    },
    [update],
  );

  const onFilters = useCallback((patch: Partial<UrlState>) => update(patch, 'push'), [update]);

  const permalink = `?${serializeUrlState({ ...state, from: range.from, to: range.to, embed: false })}`;
  const eventLink = useCallback(
    (id: string) => {
      const e = allEvents.find((x) => x.properties.id === id) ?? (selected?.properties.id === id ? selected : undefined);
      // The link must show the event's marker, so its range covers the event.
      const r = e && !(e.properties.start <= range.to && e.properties.end >= range.from) ? { from: e.properties.start, to: e.properties.end } : range;
      return `?${serializeUrlState({ event: id, from: r.from, to: r.to, embed: false })}`;
    },
    [allEvents, selected, range],
  );

  const layers = { events: layerVisible(state, 'events'), movements: layerVisible(state, 'movements'), areas: layerVisible(state, 'areas') };
  const counts = `${events.length} event${events.length === 1 ? '' : 's'} · ${movements.length} movement${movements.length === 1 ? '' : 's'} in range`;

  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const map = !mounted ? (
    <MapLoading />
  ) : (
    <Suspense fallback={<MapLoading />}>
      <MapView
      initialView={initial.view}
      target={target}
      events={events}
      movements={movements}
      layers={layers}
      selectedId={state.event}
      selected={state.event && selected?.properties.id === state.event ? selected : null}
      hoveredId={hovered ?? undefined}
      onHover={setHovered}
      onSelect={select}
      onMoveEnd={onMoveEnd}
      shareUrl={eventLink}
      />
    </Suspense>
  );

  if (state.embed) {
    return (
      <div className={styles.embed} data-testid="app" data-embed="true">
        <div className={styles.mapCell}>{map}</div>
        <div className={styles.embedBar}>
          <span data-testid="range-count">{counts}</span>
          <a href={`/${permalink}`} target="_blank" rel="noopener">
            Open in Situation Map ↗
          </a>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.app} data-testid="app">
      <header className={styles.header}>
        <h1 className={styles.brand}>
          Situation Map <span className={styles.sub}>Shoigu in Tehran, Aug 2024 · {initial.articleCount} articles</span>
        </h1>
        <span className={styles.counts} data-testid="range-count" aria-live="polite">
          {counts}
        </span>
        <CopyLinkButton url={permalink} label="Copy a link to this exact view" text="Share" />
      </header>
      <div className={styles.main}>
        <div className={styles.mapCell}>
          {map}
          {legend && <div className={styles.legendCell}>{legend}</div>}
          <button type="button" className={styles.listToggle} aria-expanded={listOpen} onClick={() => setListOpen((o) => !o)}>
            {listOpen ? 'Map' : `List (${inView.length})`}
          </button>
        </div>
        <aside className={listOpen ? styles.asideOpen : styles.aside}>
          <EventList events={inView} total={events.length} selectedId={state.event} hoveredId={hovered ?? undefined} onHover={setHovered} onSelect={selectFromList} />
        </aside>
      </div>
      <footer className={styles.footer}>
        <FilterBar categories={state.categories} actor={state.actor} q={state.q} layers={state.layers} actors={initial.actors} onChange={onFilters} />
        <Timeline
          items={timelineItems}
          domain={initial.domain}
          range={range}
          onRangeChange={onRangeChange}
          playing={playing}
          onPlayingChange={setPlaying}
          speed={speed}
          onSpeedChange={setSpeed}
          categoryColors={CATEGORY_COLORS}
          count={events.length}
        />
      </footer>
    </div>
  );
}
