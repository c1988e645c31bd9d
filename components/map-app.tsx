'use client';
// The interactive shell: reads the view from the URL (use-url-state), the data for that view
// (use-view-data), and wires the lazily loaded map to the list, the filters and the timeline.
import { Suspense, lazy, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SWRConfig } from 'swr';
import type { Bbox } from '@/lib/bbox';
import type { InitialView } from '@/lib/initial-view';
import { EVENT_ZOOM } from '@/lib/map/camera';
import { CATEGORY_COLORS } from '@/lib/palette';
import type { DateRange } from '@/lib/timeline';
import { eventFilterQuery, layerVisible, serializeUrlState, type ViewState } from '@/lib/url-state';
import { CopyLinkButton } from './copy-link-button';
import { SideList } from './event-list';
import { FilterBar } from './filter-bar';
import type { FlyTarget, Selection } from './map-view';
import { Timeline } from './timeline';
import { widenDomain } from '@/lib/resolve-view';
import { useShowExtracted } from './use-show-extracted';
import { useUrlState, type StatePatch } from './use-url-state';
import { pendingLabel, useDataUpdates } from './use-data-updates';
import { useViewData, type MapWindow } from './use-view-data';
import styles from './map-app.module.css';

// The map chunk (maplibre) starts downloading as soon as this module runs in the browser, before
// hydration has finished; it is rendered only on the client.
const mapModule = typeof window === 'undefined' ? null : import('./map-view');
const MapView = lazy(() => mapModule ?? import('./map-view'));
// Writing is rare next to reading: the panel's code is fetched when it is first opened.
const AddArticlePanel = lazy(() => import('./add-article-panel'));

function MapLoading() {
  return (
    <div className={styles.mapLoading} data-testid="map" data-loaded="false">
      Loading map…
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function MapApp({ initial, fallback, legend }: { initial: InitialView; fallback: Record<string, unknown>; legend?: ReactNode }) {
  // The server's data, keyed by the API URLs the client would fetch: used for exactly those keys.
  return (
    <SWRConfig value={{ fallback }}>
      <MapShell initial={initial} legend={legend} />
    </SWRConfig>
  );
}

function MapShell({ initial, legend }: { initial: InitialView; legend?: ReactNode }) {
  // The dates the data spans grow when an article is added here (use-show-extracted).
  const [facts, setFacts] = useState(initial.facts);
  const { resolved, update, restoreKey } = useUrlState(initial.search, facts);
  const { state } = resolved;
  // A drag or playback in progress shows its range before it is committed to the URL.
  const [liveRange, setLiveRange] = useState<DateRange | null>(null);
  const range = liveRange ?? resolved.range;
  const [mapWindow, setMapWindow] = useState<MapWindow | null>(null);
  const updates = useDataUpdates(initial.data);
  // Data shown since the page loaded may reach past the dates it knew of: the timeline and the date
  // fields take it in, instead of clamping it away.
  const shownExtent = updates.shown.extent;
  useEffect(() => {
    if (shownExtent) setFacts((f) => widenDomain(f, shownExtent));
  }, [shownExtent]);
  const data = useViewData(state, range, update, mapWindow, updates.shownRevision);
  const notice = updates.pending && (
    <button type="button" className={styles.newData} data-testid="new-data" onClick={updates.show}>
      {pendingLabel(updates.pending)}
    </button>
  );
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [hovered, setHovered] = useState<string | null>(null);
  const [listOpen, setListOpen] = useState(false);
  // A permalink to an event without a camera opens with the event centred, its popup above it.
  const [target, setTarget] = useState<FlyTarget | null>(() =>
    initial.selected && !initial.state.map
      ? { key: 1, view: { lng: initial.selected.geometry.coordinates[0]!, lat: initial.selected.geometry.coordinates[1]! }, animate: false, lift: true }
      : null,
  );

  // Let the map and counts update before the list re-renders its rows.
  const listEvents = useDeferredValue(data.list.events);
  const listMovements = useDeferredValue(data.movementsInView);

  // Back/Forward: put the camera where the restored entry had it.
  useEffect(() => {
    if (restoreKey && state.map) setTarget({ key: Date.now(), view: state.map, animate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoreKey]);

  const onMoveEnd = useCallback(
    (view: ViewState, bounds: Bbox) => {
      setMapWindow((w) => (w && w.zoom === view.zoom && w.bounds.every((v, i) => v === bounds[i]) ? w : { bounds, zoom: view.zoom }));
      update({ map: view }, 'replace');
    },
    [update],
  );

  // Closing a popup gives focus back to the list row that opened it. Found again by id: the flight
  // to the event moved the view, so the list was asked again and the row is a new element.
  // It may still be loading then: the focus waits for the row.
  const opener = useRef<{ kind: 'event' | 'movement'; id: string } | null>(null);
  const [refocus, setRefocus] = useState<{ kind: 'event' | 'movement'; id: string } | null>(null);
  const select = useCallback(
    (sel: Selection) => {
      update({ event: sel?.kind === 'event' ? sel.id : undefined, movement: sel?.kind === 'movement' ? sel.id : undefined }, 'push');
      setRefocus(sel ? null : opener.current);
      opener.current = null;
    },
    [update],
  );
  const selectFromList = useCallback(
    (kind: 'event' | 'movement', id: string) => {
      // An event flies into view with room for its popup above it; a movement stays where the user
      // looks: its popup hangs from the part of the arc on screen, and the map moves only if it must.
      if (kind === 'event') {
        const e = data.list.events.find((x) => x.properties.id === id);
        const zoom = Math.max(state.map?.zoom ?? 0, EVENT_ZOOM);
        if (e) setTarget({ key: Date.now(), view: { lng: e.geometry.coordinates[0]!, lat: e.geometry.coordinates[1]!, zoom }, animate: true, lift: true });
      }
      setListOpen(false);
      select({ kind, id });
      opener.current = { kind, id };
    },
    [data.list.events, select, state.map?.zoom],
  );

  useEffect(() => {
    if (!refocus) return;
    const row = document.querySelector<HTMLElement>(`li[data-${refocus.kind}-id="${CSS.escape(refocus.id)}"] button`);
    if (!row) return;
    row.focus();
    setRefocus(null);
  }, [refocus, listEvents, listMovements]);

  const onRangeChange = useCallback(
    (r: DateRange, { commit }: { commit: boolean }) => {
      if (commit) {
        setLiveRange(null);
        update({ from: r.from, to: r.to }, 'push');
      } else setLiveRange(r);
    },
    [update],
  );

  const onFilters = useCallback((patch: StatePatch) => update(patch, 'push'), [update]);

  const [adding, setAdding] = useState(false);
  const closeAdding = useCallback(() => setAdding(false), []);
  const showExtracted = useShowExtracted(range, update, setTarget, setFacts);

  const permalink = `?${serializeUrlState({ ...state, from: range.from, to: range.to, embed: false })}`;
  const shareUrl = useCallback(
    (sel: NonNullable<Selection>) => {
      const item =
        sel.kind === 'event'
          ? (data.list.events.find((x) => x.properties.id === sel.id) ?? (data.selected?.properties.id === sel.id ? data.selected : undefined))
          : (data.movements.find((x) => x.properties.id === sel.id) ?? (data.selectedMovement?.properties.id === sel.id ? data.selectedMovement : undefined));
      // The link must show the item, so its range covers it.
      const r = item && !(item.properties.start <= range.to && item.properties.end >= range.from) ? { from: item.properties.start, to: item.properties.end } : range;
      return `?${serializeUrlState({ [sel.kind]: sel.id, from: r.from, to: r.to, embed: false })}`;
    },
    [data.list.events, data.movements, data.selected, data.selectedMovement, range],
  );

  const layers = { events: layerVisible(state, 'events'), feeds: layerVisible(state, 'feeds'), movements: layerVisible(state, 'movements'), areas: layerVisible(state, 'areas') };
  // Feed records are counted apart: a feed counts reports, an article event is one quoted happening.
  const counts =
    data.count === null || data.movementsLoading
      ? 'Loading…'
      : `${plural(data.count, 'event')} · ${plural(data.movements.length, 'movement')} in range${data.feedCount ? ` · ${data.feedCount} of the events from feeds` : ''}`;
  const selection: Selection = state.event ? { kind: 'event', id: state.event } : state.movement ? { kind: 'movement', id: state.movement } : null;

  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const map = !mounted ? (
    <MapLoading />
  ) : (
    <Suspense fallback={<MapLoading />}>
      <MapView
        initialView={initial.view}
        target={target}
        articleView={data.map.article}
        feedView={data.map.feed}
        mapCurrent={data.map.current}
        leavesUrl={data.leavesUrl}
        movements={data.movements}
        layers={layers}
        selection={selection}
        selected={data.selected}
        selectedMovement={data.selectedMovement}
        hoveredId={hovered ?? undefined}
        onHover={setHovered}
        onSelect={select}
        onMoveEnd={onMoveEnd}
        shareUrl={shareUrl}
      />
    </Suspense>
  );

  if (state.embed) {
    return (
      <div className={styles.embed} data-testid="app" data-embed="true" data-busy={data.busy}>
        <div className={styles.mapCell}>{map}</div>
        <div className={styles.embedBar}>
          <span data-testid="range-count">{counts}</span>
          {notice}
          <a href={`/${permalink}`} target="_blank" rel="noopener noreferrer">
            Open in Situation Map ↗
          </a>
        </div>
      </div>
    );
  }

  return (
    <div className={styles.app} data-testid="app" data-busy={data.busy}>
      <header className={styles.header}>
        <h1 className={styles.brand}>
          Situation Map <span className={styles.sub}>Shoigu in Tehran, Aug 2024 · {initial.articleCount} articles</span>
        </h1>
        <span className={styles.counts} data-testid="range-count" aria-live="polite">
          {counts}
        </span>
        {notice}
        <button type="button" className={styles.addArticle} data-testid="add-article-open" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          Add article
        </button>
        <CopyLinkButton url={permalink} label="Copy a link to this exact view" text="Share" />
      </header>
      {adding && (
        <Suspense fallback={null}>
          <AddArticlePanel actors={initial.actors} onClose={closeAdding} onChanged={updates.refresh} onShow={showExtracted} />
        </Suspense>
      )}
      <div className={styles.main}>
        <div className={styles.mapCell}>
          {map}
          {legend && <div className={styles.legendCell}>{legend}</div>}
          <button type="button" className={styles.listToggle} data-map-overlay aria-expanded={listOpen} onClick={() => setListOpen((o) => !o)}>
            {listOpen ? 'Map' : `List (${data.list.inView === null ? '…' : data.list.inView + listMovements.length})`}
          </button>
        </div>
        <aside className={listOpen ? styles.asideOpen : styles.aside}>
          <SideList
            events={listEvents}
            movements={listMovements}
            inView={{ events: data.list.inView, movements: listMovements.length }}
            totals={{ events: data.count, movements: data.movements.length }}
            loading={data.list.loading}
            more={data.list.more}
            loadingMore={data.list.loadingMore}
            onMore={data.list.loadMore}
            selectedId={selection?.id}
            hoveredId={hovered ?? undefined}
            onHover={setHovered}
            onSelect={selectFromList}
          />
        </aside>
      </div>
      <footer className={styles.footer}>
        <FilterBar categories={state.categories} kinds={state.kinds} actor={state.actor} q={state.q} layers={state.layers} actors={initial.actors} onChange={onFilters} />
        <Timeline
          filters={eventFilterQuery(state)}
          domain={facts.domain}
          presets={initial.presets}
          range={range}
          onRangeChange={onRangeChange}
          playing={playing}
          onPlayingChange={setPlaying}
          speed={speed}
          onSpeedChange={setSpeed}
          categoryColors={CATEGORY_COLORS}
          count={data.count}
        />
      </footer>
    </div>
  );
}
