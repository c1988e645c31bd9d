'use client';
// The MapLibre map (loaded lazily: this module pulls in maplibre-gl). It draws what it is given and
// reports what the user does; the selection lives in the URL, owned by MapApp.
import 'maplibre-gl/dist/maplibre-gl.css';
import { setWorkerUrl, type MapLayerMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import MapGL, { AttributionControl, Layer, NavigationControl, ScaleControl, Source, type MapRef } from 'react-map-gl/maplibre';
import { BASEMAP_FIRST_LABEL_LAYER_ID, MAPLIBRE_WORKER_URL, basemapStyle } from '@/lib/basemap-style';
import type { Bbox } from '@/lib/bbox';
import { ZOOM } from '@/lib/limits';
import { arcAnchor } from '@/lib/map/popup-fit';
import {
  ARROW_IMAGE,
  INTERACTIVE_LAYERS,
  SOURCE,
  areaCollection,
  areaFillLayer,
  areaLineLayer,
  arrowIcon,
  clusterCountLayer,
  clusterLayer,
  clusterUnreviewedRingLayer,
  countryAreaFillLayer,
  countryAreaLineLayer,
  countryLevelCountries,
  countryLevelLabelLayer,
  eventHaloLayer,
  eventLabelLayer,
  eventLayer,
  feedClusterCountLayer,
  feedClusterLayer,
  feedEventLayer,
  isClusterFeature,
  mapEventProps,
  movementArrowLayer,
  movementCasingLayer,
  movementCollection,
  movementDashedLayer,
  movementEndLayer,
  movementEnds,
  movementHitLayer,
  movementLineLayer,
  singleEvents,
  viewCollection,
  visible,
  type MapEventProps,
  type ViewFeature,
} from '@/lib/map-layers';
import type { ClusterCollection, ClusterProperties, StoreEventSummaryFeature } from '@/lib/store/contract';
import type { EventFeature, MovementFeature } from '@/lib/types';
import type { SourceType } from '@/lib/vocab';
import type { ViewState } from '@/lib/url-state';
import { ClusterPopup, EventPopup, MovementPopup } from './event-popup';
import { FittedPopup } from './fitted-popup';
import styles from './map-view.module.css';

// maplibre-gl 6 cannot find its module worker once bundled: serve our copy from public/.
setWorkerUrl(MAPLIBRE_WORKER_URL);

export interface FlyTarget {
  key: number;
  view: Partial<ViewState> & { lng: number; lat: number };
  animate: boolean;
  /** put the point in the lower part of the map so the popup above it has room */
  lift?: boolean;
}

export type Selection = { kind: 'event' | 'movement'; id: string } | null;

/** Areas and route lines sit under the place names; markers and arrows stay on top. */
const UNDER_LABELS = BASEMAP_FIRST_LABEL_LAYER_ID;

/** How far below the centre a selected marker sits, as a share of the map's height. */
const LIFT = 0.28;

export interface MapViewProps {
  initialView: ViewState;
  target: FlyTarget | null;
  /** the server's clusters and single events for the view, per source type (null: none asked) */
  articleView: ClusterCollection | null;
  feedView: ClusterCollection | null;
  /** false while the view's clusters are still on their way (the previous ones are drawn) */
  mapCurrent: boolean;
  leavesUrl(source: SourceType, clusterId: string): string;
  movements: MovementFeature[];
  layers: { events: boolean; feeds: boolean; movements: boolean; areas: boolean };
  selection: Selection;
  selected: EventFeature | null;
  selectedMovement: MovementFeature | null;
  hoveredId?: string;
  onHover(id: string | null): void;
  onSelect(selection: Selection): void;
  onMoveEnd(view: ViewState, bounds: Bbox): void;
  shareUrl(selection: NonNullable<Selection>): string;
}

type ClusterList = { lng: number; lat: number; items: MapEventProps[] };

export default function MapView(props: MapViewProps) {
  const { articleView, feedView, movements, layers, selection, selected, selectedMovement, hoveredId, onHover, onSelect, onMoveEnd } = props;
  const mapRef = useRef<MapRef | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [rendered, setRendered] = useState({ events: 0, arcs: 0 });
  const [clusterList, setClusterList] = useState<ClusterList | null>(null);
  const style = useMemo(() => basemapStyle(typeof window === 'undefined' ? '' : window.location.origin), []);

  // Article events and feed events are clustered apart (by the server): a cluster never mixes quoted
  // and machine-coded dots. Areas are drawn for single article events, not for clusters.
  const eventData = useMemo(() => viewCollection(articleView), [articleView]);
  const feedData = useMemo(() => viewCollection(feedView), [feedView]);
  const articleSingles = useMemo(() => singleEvents(articleView), [articleView]);
  const areaData = useMemo(() => areaCollection(articleSingles), [articleSingles]);
  const countryAreas = useMemo(() => countryLevelCountries(articleSingles), [articleSingles]);
  const movementData = useMemo(() => movementCollection(movements), [movements]);
  const endData = useMemo(() => movementEnds(movements), [movements]);
  const highlighted = [selection?.id, hoveredId];

  const reportBounds = useCallback(() => {
    const map = mapRef.current;
    if (!map) return;
    const b = map.getBounds();
    const c = map.getCenter();
    onMoveEnd(
      { lng: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() },
      [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())],
    );
  }, [onMoveEnd]);

  // Fly (or jump, for Back/Forward) when MapApp asks: a list click, a restored permalink.
  useEffect(() => {
    const map = mapRef.current;
    // Wait for the first load: before it the container may not have its final size.
    if (!map || !loaded || !props.target) return;
    const { view, animate, lift } = props.target;
    const h = map.getContainer().clientHeight;
    const opts = {
      center: [view.lng, view.lat] as [number, number],
      zoom: view.zoom ?? map.getZoom(),
      bearing: view.bearing ?? map.getBearing(),
      pitch: view.pitch ?? map.getPitch(),
      offset: [0, lift ? h * LIFT : 0] as [number, number],
    };
    if (animate) map.flyTo({ ...opts, duration: 900, essential: true });
    else map.jumpTo(opts);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.target?.key, loaded]);

  // Escape closes whichever popup is open, as dialogs do.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (clusterList) setClusterList(null);
      else if (selection) onSelect(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clusterList, selection, onSelect]);

  // A cluster list belongs to the data it was opened on.
  useEffect(() => setClusterList(null), [articleView, feedView]);

  // The movement popup hangs from a point of its arc that is on screen: the destination when
  // visible. Chosen once per opening, so it does not wander while the user pans.
  const [movementAnchor, setMovementAnchor] = useState<{ id: string; at: [number, number] } | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!selectedMovement || !map || !loaded) return setMovementAnchor(null);
    const id = selectedMovement.properties.id;
    if (movementAnchor?.id === id) return;
    const choose = () => {
      const coords = selectedMovement.geometry.coordinates;
      const c = map.getContainer();
      const at = arcAnchor(coords, (lng, lat) => map.project([lng, lat]), c.clientWidth, c.clientHeight);
      const end = coords[coords.length - 1] as [number, number];
      if (!at) map.jumpTo({ center: end });
      setMovementAnchor({ id, at: at ?? end });
    };
    // A list click flies to the destination: choose where the popup hangs once the map is there.
    if (!map.isMoving()) return choose();
    map.once('moveend', choose);
    return () => void map.off('moveend', choose);
  }, [selectedMovement, loaded, movementAnchor?.id]);

  const onLoad = useCallback(() => {
    setLoaded(true);
    reportBounds();
  }, [reportBounds]);

  // The arrow icon is generated, not fetched: supply it the moment a layer first asks for it, so
  // the data layers need not wait for the basemap. A callback ref runs as soon as the map exists.
  const reportRef = useRef(reportBounds);
  reportRef.current = reportBounds;
  const attachMap = useCallback((ref: MapRef | null) => {
    const first = !mapRef.current && ref;
    mapRef.current = ref;
    const map = ref?.getMap();
    map?.setMissingStyleImageResolver((id) => {
      if (id === ARROW_IMAGE && !map.hasImage(ARROW_IMAGE)) map.addImage(ARROW_IMAGE, arrowIcon(32), { sdf: true });
    });
    // The camera is known as soon as the map exists: ask for its events now, not after the basemap.
    if (first) reportRef.current();
  }, []);

  // Tell tests and the benchmark what is actually drawn: on each settle, and on frames until the
  // first events appear (the basemap may still be loading then).
  const onIdle = useCallback(() => {
    const map = mapRef.current;
    if (!map) return;
    const eventsDrawn = map.queryRenderedFeatures({ layers: ['events', 'clusters', 'feed-events', 'feed-clusters'].filter((l) => map.getLayer(l)) }).length;
    const arcsDrawn = new Set(map.queryRenderedFeatures({ layers: ['movements', 'movements-dashed'].filter((l) => map.getLayer(l)) }).map((f) => f.properties?.id)).size;
    setRendered((r) => (r.events === eventsDrawn && r.arcs === arcsDrawn ? r : { events: eventsDrawn, arcs: arcsDrawn }));
  }, []);
  const onRender = useCallback(() => {
    if (rendered.events === 0) onIdle();
  }, [rendered.events, onIdle]);

  const { leavesUrl } = props;
  const openCluster = useCallback(
    async (source: SourceType, cluster: ClusterProperties, center: [number, number]) => {
      const map = mapRef.current?.getMap();
      if (!map) return;
      // Zoom in to where the cluster splits (a whole zoom: the server's cells change at whole zooms);
      // events at one place never separate by zooming, and past the map's zoom they cannot: list them.
      const zoom = cluster.expansionZoom;
      if (zoom !== null && zoom <= map.getMaxZoom() && zoom > map.getZoom()) return map.easeTo({ center, zoom: zoom + 0.05 });
      const r = await fetch(leavesUrl(source, cluster.clusterId));
      if (!r.ok) return;
      const leaves = ((await r.json()) as { features: StoreEventSummaryFeature[] }).features;
      if (leaves.length) setClusterList({ lng: center[0], lat: center[1], items: leaves.map((l) => mapEventProps(l.properties)) });
    },
    [leavesUrl],
  );

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      setClusterList(null);
      if (!f) return onSelect(null);
      if (f.layer.id === 'clusters' || f.layer.id === 'feed-clusters') {
        const p = f.properties as ClusterProperties & { expansionZoom?: number | null };
        return void openCluster(f.layer.id === 'clusters' ? 'article' : 'feed', { ...p, expansionZoom: p.expansionZoom ?? null }, (f.geometry as GeoJSON.Point).coordinates as [number, number]);
      }
      if (f.layer.id === 'movements-hit') return onSelect({ kind: 'movement', id: String(f.properties?.id) });
      const center = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      mapRef.current?.easeTo({ center, offset: [0, (mapRef.current?.getContainer().clientHeight ?? 0) * LIFT], duration: 500 });
      onSelect({ kind: 'event', id: String(f.properties?.id) });
    },
    [onSelect, openCluster],
  );

  const onMouseMove = useCallback(
    (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      onHover(f && !f.layer.id.endsWith('clusters') ? String(f.properties?.id) : null);
    },
    [onHover],
  );

  // Expose projection and what is drawn to end-to-end tests, so they click where a marker really
  // is and compare what the page shows with a fresh load of its URL.
  // Events are single ids and clusters as "cluster z/x/y ×n" (+ " (u unreviewed)"); eventCount adds up what both stand for.
  const drawnRef = useRef({ events: [] as string[], eventCount: 0, bySource: { article: 0, feed: 0 }, movements: [] as string[], current: true });
  const article = layers.events ? eventData.features : [];
  const feed = layers.feeds ? feedData.features : [];
  const countOf = (fs: ViewFeature[]) => fs.reduce((n, f) => n + (isClusterFeature(f) ? f.properties.pointCount : 1), 0);
  drawnRef.current = {
    events: [...article, ...feed].map((f) => (isClusterFeature(f) ? `cluster ${f.properties.clusterId} ×${f.properties.pointCount}${f.properties.unreviewed ? ` (${f.properties.unreviewed} unreviewed)` : ''}` : (f.properties as MapEventProps).id)),
    eventCount: countOf(article) + countOf(feed),
    bySource: { article: countOf(article), feed: countOf(feed) },
    movements: layers.movements ? movements.map((m) => m.properties.id) : [],
    current: props.mapCurrent,
  };
  useEffect(() => {
    const w = window as unknown as { __situationMap?: unknown };
    w.__situationMap = {
      project: (lng: number, lat: number) => mapRef.current?.project([lng, lat]),
      view: () => {
        const m = mapRef.current;
        return m ? { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() } : null;
      },
      drawn: () => ({ ...drawnRef.current, events: [...drawnRef.current.events].sort(), movements: [...drawnRef.current.movements].sort() }),
      // What is rendered within a few pixels of a place: event ids and "cluster z/x/y".
      at: (lng: number, lat: number) => {
        const m = mapRef.current;
        if (!m) return [];
        const p = m.project([lng, lat]);
        const layers = ['events', 'clusters'].filter((l) => m.getLayer(l));
        return m.queryRenderedFeatures([[p.x - 8, p.y - 8], [p.x + 8, p.y + 8]], { layers }).map((f) => (f.properties?.cluster ? `cluster ${f.properties.clusterId}` : String(f.properties?.id)));
      },
    };
  }, []);

  const [cursor, setCursor] = useState<string>('grab');
  const selectedCoords = selected?.geometry.coordinates;

  return (
    <div
      className={styles.wrap}
      data-testid="map"
      data-loaded={loaded}
      data-events-rendered={rendered.events > 0}
      data-rendered-events={rendered.events}
      data-rendered-arcs={rendered.arcs}
    >
      <MapGL
        ref={attachMap}
        initialViewState={{ longitude: props.initialView.lng, latitude: props.initialView.lat, zoom: props.initialView.zoom, bearing: props.initialView.bearing, pitch: props.initialView.pitch }}
        mapStyle={style}
        style={{ width: '100%', height: '100%' }}
        minZoom={ZOOM.min}
        maxZoom={ZOOM.max}
        renderWorldCopies={false}
        attributionControl={false}
        interactiveLayerIds={loaded ? INTERACTIVE_LAYERS : []}
        cursor={cursor}
        onMouseEnter={() => setCursor('pointer')}
        onMouseLeave={() => {
          setCursor('grab');
          onHover(null);
        }}
        onMouseMove={onMouseMove}
        onClick={onClick}
        onLoad={onLoad}
        onIdle={onIdle}
        onRender={onRender}
        onMoveEnd={reportBounds}
      >
        <NavigationControl position="top-right" visualizePitch />
        <ScaleControl position="bottom-left" />
        <AttributionControl position="bottom-right" compact customAttribution="Natural Earth · GeoNames" />
        <Layer {...visible(countryAreaFillLayer(countryAreas), layers.areas)} beforeId={UNDER_LABELS} />
        <Layer {...visible(countryAreaLineLayer(countryAreas), layers.areas)} beforeId={UNDER_LABELS} />
        <Source id={SOURCE.areas} type="geojson" data={areaData}>
          <Layer {...visible(areaFillLayer, layers.areas)} beforeId={UNDER_LABELS} />
          <Layer {...visible(areaLineLayer, layers.areas)} beforeId={UNDER_LABELS} />
        </Source>
        <Source id={SOURCE.movements} type="geojson" data={movementData}>
          <Layer {...visible(movementCasingLayer(highlighted), layers.movements)} beforeId={UNDER_LABELS} />
          <Layer {...visible(movementLineLayer, layers.movements)} beforeId={UNDER_LABELS} />
          <Layer {...visible(movementDashedLayer, layers.movements)} beforeId={UNDER_LABELS} />
          <Layer {...visible(movementArrowLayer, layers.movements)} />
          <Layer {...visible(movementHitLayer, layers.movements)} />
        </Source>
        <Source id={SOURCE.ends} type="geojson" data={endData}>
          <Layer {...visible(movementEndLayer, layers.movements)} />
        </Source>
        <Source id={SOURCE.feeds} type="geojson" data={feedData}>
          <Layer {...visible(feedClusterLayer, layers.feeds)} />
          <Layer {...visible(feedClusterCountLayer, layers.feeds)} />
          <Layer {...visible(feedEventLayer, layers.feeds)} />
        </Source>
        <Source id={SOURCE.events} type="geojson" data={eventData}>
          <Layer {...visible(clusterUnreviewedRingLayer, layers.events)} />
          <Layer {...visible(clusterLayer, layers.events)} />
          <Layer {...visible(clusterCountLayer, layers.events)} />
          <Layer {...visible(eventHaloLayer(highlighted), layers.events)} />
          <Layer {...visible(eventLayer, layers.events)} />
          <Layer {...visible(eventLabelLayer, layers.events)} />
          <Layer {...visible(countryLevelLabelLayer, layers.events)} />
        </Source>
        {selected && selectedCoords && (
          <FittedPopup key={`e-${selected.properties.id}`} lng={selectedCoords[0]!} lat={selectedCoords[1]!} onClose={() => onSelect(null)} focusAfterOpen>
            <EventPopup event={selected} shareUrl={props.shareUrl({ kind: 'event', id: selected.properties.id })} />
          </FittedPopup>
        )}
        {selectedMovement && movementAnchor?.id === selectedMovement.properties.id && (
          <FittedPopup key={`m-${selectedMovement.properties.id}`} lng={movementAnchor.at[0]} lat={movementAnchor.at[1]} onClose={() => onSelect(null)} focusAfterOpen>
            <MovementPopup movement={selectedMovement} shareUrl={props.shareUrl({ kind: 'movement', id: selectedMovement.properties.id })} />
          </FittedPopup>
        )}
        {clusterList && (
          <FittedPopup lng={clusterList.lng} lat={clusterList.lat} onClose={() => setClusterList(null)}>
            <ClusterPopup
              items={clusterList.items}
              onPick={(id) => {
                setClusterList(null);
                onSelect({ kind: 'event', id });
              }}
            />
          </FittedPopup>
        )}
      </MapGL>
    </div>
  );
}
