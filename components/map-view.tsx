'use client';
// The MapLibre map (loaded lazily: this module pulls in maplibre-gl). It draws what it is given and
// reports what the user does; all state lives in MapApp and the URL.
import 'maplibre-gl/dist/maplibre-gl.css';
import { setWorkerUrl, type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import MapGL, { AttributionControl, Layer, NavigationControl, Popup, ScaleControl, Source, type MapRef } from 'react-map-gl/maplibre';
import { BASEMAP_FIRST_LABEL_LAYER_ID, MAPLIBRE_WORKER_URL, basemapStyle } from '@/lib/basemap-style';
import type { EventSummaryFeature } from '@/lib/events';
import type { Bbox } from '@/lib/bbox';
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
  countryAreaFillLayer,
  countryAreaLineLayer,
  countryLevelCountries,
  countryLevelLabelLayer,
  eventCollection,
  eventHaloLayer,
  eventLabelLayer,
  eventLayer,
  movementArrowLayer,
  movementCasingLayer,
  movementCollection,
  movementDashedLayer,
  movementEndLayer,
  movementEnds,
  movementHitLayer,
  movementLineLayer,
  visible,
  type MapEventProps,
} from '@/lib/map-layers';
import type { EventFeature, MovementFeature } from '@/lib/types';
import type { ViewState } from '@/lib/url-state';
import { ClusterPopup, EventPopup, MovementPopup } from './event-popup';
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

/** Areas and route lines sit under the place names; markers and arrows stay on top. */
const UNDER_LABELS = BASEMAP_FIRST_LABEL_LAYER_ID;

/** How far below the centre a selected marker sits, as a share of the map's height. */
const LIFT = 0.28;

export interface MapViewProps {
  initialView: ViewState;
  target: FlyTarget | null;
  events: EventSummaryFeature[];
  movements: MovementFeature[];
  layers: { events: boolean; movements: boolean; areas: boolean };
  selectedId?: string;
  selected: EventFeature | null;
  hoveredId?: string;
  onHover(id: string | null): void;
  onSelect(id: string | null): void;
  onMoveEnd(view: ViewState, bounds: Bbox): void;
  shareUrl(eventId: string): string;
}

export default function MapView(props: MapViewProps) {
  const { events, movements, layers, selectedId, selected, hoveredId, onHover, onSelect, onMoveEnd } = props;
  const mapRef = useRef<MapRef | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [rendered, setRendered] = useState({ events: 0, arcs: 0 });
  const [openMovement, setOpenMovement] = useState<MovementFeature | null>(null);
  const [clusterList, setClusterList] = useState<{ lng: number; lat: number; items: MapEventProps[] } | null>(null);
  const style = useMemo(() => basemapStyle(typeof window === 'undefined' ? '' : window.location.origin), []);

  const eventData = useMemo(() => eventCollection(events), [events]);
  const areaData = useMemo(() => areaCollection(events), [events]);
  const countryAreas = useMemo(() => countryLevelCountries(events), [events]);
  const movementData = useMemo(() => movementCollection(movements), [movements]);
  const endData = useMemo(() => movementEnds(movements), [movements]);
  const highlighted = [selectedId, hoveredId];

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
      else if (openMovement) setOpenMovement(null);
      else if (selectedId) onSelect(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clusterList, openMovement, selectedId, onSelect]);

  // The movement popup belongs to a movement still on the map.
  useEffect(() => {
    if (openMovement && !movements.some((m) => m.properties.id === openMovement.properties.id)) setOpenMovement(null);
  }, [movements, openMovement]);

  const onLoad = useCallback(() => {
    setLoaded(true);
    reportBounds();
  }, [reportBounds]);

  // The arrow icon is generated, not fetched: supply it the moment a layer first asks for it, so
  // the data layers need not wait for the basemap. A callback ref runs as soon as the map exists.
  const attachMap = useCallback((ref: MapRef | null) => {
    mapRef.current = ref;
    const map = ref?.getMap();
    map?.setMissingStyleImageResolver((id) => {
      if (id === ARROW_IMAGE && !map.hasImage(ARROW_IMAGE)) map.addImage(ARROW_IMAGE, arrowIcon(32), { sdf: true });
    });
  }, []);

  // Tell tests and the benchmark what is actually drawn: on each settle, and on frames until the
  // first events appear (the basemap may still be loading then).
  const onIdle = useCallback(() => {
    const map = mapRef.current;
    if (!map) return;
    const eventsDrawn = map.queryRenderedFeatures({ layers: ['events', 'clusters'].filter((l) => map.getLayer(l)) }).length;
    const arcsDrawn = new Set(map.queryRenderedFeatures({ layers: ['movements', 'movements-dashed'].filter((l) => map.getLayer(l)) }).map((f) => f.properties?.id)).size;
    setRendered((r) => (r.events === eventsDrawn && r.arcs === arcsDrawn ? r : { events: eventsDrawn, arcs: arcsDrawn }));
  }, []);
  const onRender = useCallback(() => {
    if (rendered.events === 0) onIdle();
  }, [rendered.events, onIdle]);

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      setClusterList(null);
      if (!f) {
        setOpenMovement(null);
        onSelect(null);
        return;
      }
      const map = mapRef.current?.getMap();
      if (f.layer.id === 'clusters' && map) {
        const source = map.getSource(SOURCE.events) as GeoJSONSource;
        const center = (f.geometry as GeoJSON.Point).coordinates as [number, number];
        const clusterId = f.properties?.cluster_id as number;
        void source.getClusterExpansionZoom(clusterId).then(async (zoom) => {
          // Events at one place never separate by zooming: list them instead.
          if (zoom <= map.getMaxZoom() && zoom > map.getZoom()) map.easeTo({ center, zoom: zoom + 0.2 });
          else {
            const leaves = await source.getClusterLeaves(clusterId, 200, 0);
            setOpenMovement(null);
            setClusterList({ lng: center[0], lat: center[1], items: leaves.map((l) => l.properties as MapEventProps) });
          }
        });
        return;
      }
      if (f.layer.id === 'movements-hit') {
        const m = movements.find((x) => x.properties.id === f.properties?.id) ?? null;
        setOpenMovement(m);
        onSelect(null);
        return;
      }
      setOpenMovement(null);
      const center = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      mapRef.current?.easeTo({ center, offset: [0, (mapRef.current?.getContainer().clientHeight ?? 0) * LIFT], duration: 500 });
      onSelect(String(f.properties?.id));
    },
    [movements, onSelect],
  );

  const onMouseMove = useCallback(
    (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      onHover(f && f.layer.id !== 'clusters' ? String(f.properties?.id) : null);
    },
    [onHover],
  );

  // Expose projection to end-to-end tests so they can click where a marker really is.
  useEffect(() => {
    const w = window as unknown as { __situationMap?: unknown };
    w.__situationMap = {
      project: (lng: number, lat: number) => mapRef.current?.project([lng, lat]),
      view: () => {
        const m = mapRef.current;
        return m ? { lng: m.getCenter().lng, lat: m.getCenter().lat, zoom: m.getZoom() } : null;
      },
    };
  }, []);

  const selectedCoords = selected?.geometry.coordinates;
  // The event popup opens on the side of its marker with more room and never grows past the map's
  // edge: a permalink restores the exact view, so the popup adapts instead of the camera.
  const [popupAnchor, setPopupAnchor] = useState<'top' | 'bottom'>('bottom');
  const fitPopup = useCallback(() => {
    const map = mapRef.current;
    const el = wrapRef.current;
    if (!map || !el || !selectedCoords) return;
    const y = map.project([selectedCoords[0]!, selectedCoords[1]!]).y;
    const h = el.clientHeight;
    const below = h - y > y;
    setPopupAnchor(below ? 'top' : 'bottom');
    el.style.setProperty('--popup-max', `${Math.max(140, (below ? h - y : y) - 56)}px`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedCoords?.[0], selectedCoords?.[1]]);
  useEffect(fitPopup, [fitPopup, loaded]);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(fitPopup);
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitPopup]);
  const [cursor, setCursor] = useState<string>('grab');

  return (
    <div
      ref={wrapRef}
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
        minZoom={1}
        maxZoom={12}
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
        onMove={fitPopup}
      >
        <NavigationControl position="top-right" visualizePitch />
        <ScaleControl position="bottom-left" />
        <AttributionControl position="bottom-right" compact customAttribution="Natural Earth · GeoNames" />
        <>
            <Layer {...visible(countryAreaFillLayer(countryAreas), layers.areas)} beforeId={UNDER_LABELS} />
            <Layer {...visible(countryAreaLineLayer(countryAreas), layers.areas)} beforeId={UNDER_LABELS} />
            <Source id={SOURCE.areas} type="geojson" data={areaData}>
              <Layer {...visible(areaFillLayer, layers.areas)} beforeId={UNDER_LABELS} />
              <Layer {...visible(areaLineLayer, layers.areas)} beforeId={UNDER_LABELS} />
            </Source>
            <Source id={SOURCE.movements} type="geojson" data={movementData}>
              <Layer {...visible(movementCasingLayer([openMovement?.properties.id, hoveredId]), layers.movements)} beforeId={UNDER_LABELS} />
              <Layer {...visible(movementLineLayer, layers.movements)} beforeId={UNDER_LABELS} />
              <Layer {...visible(movementDashedLayer, layers.movements)} beforeId={UNDER_LABELS} />
              <Layer {...visible(movementArrowLayer, layers.movements)} />
              <Layer {...visible(movementHitLayer, layers.movements)} />
            </Source>
            <Source id={SOURCE.ends} type="geojson" data={endData}>
              <Layer {...visible(movementEndLayer, layers.movements)} />
            </Source>
            <Source id={SOURCE.events} type="geojson" data={eventData} cluster clusterRadius={22} clusterMaxZoom={14} promoteId="id">
              <Layer {...visible(clusterLayer, layers.events)} />
              <Layer {...visible(clusterCountLayer, layers.events)} />
              <Layer {...visible(eventHaloLayer(highlighted), layers.events)} />
              <Layer {...visible(eventLayer, layers.events)} />
              <Layer {...visible(eventLabelLayer, layers.events)} />
              <Layer {...visible(countryLevelLabelLayer, layers.events)} />
            </Source>
        </>
        {selected && selectedCoords && (
          <Popup
            key={selected.properties.id}
            longitude={selectedCoords[0]!}
            latitude={selectedCoords[1]!}
            anchor={popupAnchor}
            offset={14}
            maxWidth="380px"
            closeOnClick={false}
            onClose={() => onSelect(null)}
            focusAfterOpen
          >
            <EventPopup event={selected} shareUrl={props.shareUrl(selected.properties.id)} />
          </Popup>
        )}
        {clusterList && (
          <Popup longitude={clusterList.lng} latitude={clusterList.lat} maxWidth="340px" closeOnClick={false} onClose={() => setClusterList(null)}>
            <ClusterPopup
              items={clusterList.items}
              onPick={(id) => {
                setClusterList(null);
                onSelect(id);
              }}
            />
          </Popup>
        )}
        {openMovement && (
          <Popup
            key={openMovement.properties.id}
            longitude={openMovement.geometry.coordinates[Math.floor(openMovement.geometry.coordinates.length / 2)]![0]!}
            latitude={openMovement.geometry.coordinates[Math.floor(openMovement.geometry.coordinates.length / 2)]![1]!}
            maxWidth="380px"
            closeOnClick={false}
            onClose={() => setOpenMovement(null)}
          >
            <MovementPopup movement={openMovement} />
          </Popup>
        )}
      </MapGL>
    </div>
  );
}
