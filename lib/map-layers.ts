// The data layers as plain style-spec objects, and the pure functions that turn API features into
// what those layers draw. Selection and hover are filter expressions fed from props.
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';
import { BASEMAP_SOURCE_IDS, FONT_STACK, FONT_STACK_BOLD } from './basemap-style';
import type { EventSummary, EventSummaryFeature } from './events';
import { uncertaintyArea } from './geo';
import { CATEGORY_COLORS, COUNTRY_AREA_COLOR, MOVEMENT_COLORS } from './palette';
import { FEED_MARKER, AREA, CLUSTER, COUNTRY_AREA, COUNTRY_LEVEL_LABEL, EVENT_HALO, EVENT_MARKER, FALLBACK_COLOR, MOVEMENT_ARROW, MOVEMENT_END, MOVEMENT_LINE } from './map-tokens';
import type { ClusterCollection, ClusterProperties } from './store/contract';
import type { MovementFeature } from './types';
import { CATEGORIES, MOVEMENT_KINDS, type MovementKind } from './vocab';

export const SOURCE = { events: 'events', feeds: 'feeds', areas: 'areas', movements: 'movements', ends: 'movement-ends' } as const;
export const ARROW_IMAGE = 'movement-arrow';

const categoryColor: ExpressionSpecification = [
  'match',
  ['get', 'category'],
  ...CATEGORIES.flatMap((c) => [c, CATEGORY_COLORS[c]]),
  FALLBACK_COLOR,
] as unknown as ExpressionSpecification;

const kindColor: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  ...MOVEMENT_KINDS.flatMap((k) => [k, MOVEMENT_COLORS[k]]),
  FALLBACK_COLOR,
] as unknown as ExpressionSpecification;

/** Marker radius grows with the number of distinct articles that report the event. */
const corroborationRadius: ExpressionSpecification = ['interpolate', ['linear'], ['get', 'corroboration'], ...EVENT_MARKER.radiusByCorroboration];

// Clusters come from the server (lib/store clusters: cluster, clusterId, pointCount, expansionZoom).
const IS_CLUSTER: ExpressionSpecification = ['==', ['get', 'cluster'], true];
const NOT_CLUSTER: ExpressionSpecification = ['!=', ['get', 'cluster'], true];
/** 1234 → "1.2k", 56789 → "57k", as supercluster abbreviates. */
const COUNT_LABEL: ExpressionSpecification = [
  'let',
  'n',
  ['get', 'pointCount'],
  [
    'case',
    ['>=', ['var', 'n'], 1e6],
    ['concat', ['to-string', ['round', ['/', ['var', 'n'], 1e6]]], 'M'],
    ['>=', ['var', 'n'], 1e4],
    ['concat', ['to-string', ['round', ['/', ['var', 'n'], 1e3]]], 'k'],
    ['>=', ['var', 'n'], 1e3],
    ['concat', ['to-string', ['/', ['round', ['/', ['var', 'n'], 100]], 10]], 'k'],
    ['to-string', ['var', 'n']],
  ],
];

/** A machine-extracted event nobody has reviewed (summaries carry `review` for extracted events only). */
export const IS_UNREVIEWED: ExpressionSpecification = ['==', ['get', 'review'], 'unreviewed'];

export const idIn = (ids: (string | undefined | null)[]): ExpressionSpecification => ['in', ['get', 'id'], ['literal', ids.filter(Boolean)]];

// ---- Events ----------------------------------------------------------------------------------

// A cluster says what an unreviewed marker says: hollow when nobody has reviewed any of its events,
// ringed when some of them. Its count is drawn in the cluster colour on the hollow fill.
const CLUSTER_ALL_UNREVIEWED: ExpressionSpecification = ['==', ['get', 'unreviewed'], ['get', 'pointCount']];
const CLUSTER_SOME_UNREVIEWED: ExpressionSpecification = ['all', IS_CLUSTER, ['>', ['get', 'unreviewed'], 0], ['<', ['get', 'unreviewed'], ['get', 'pointCount']]];
const clusterRadius: ExpressionSpecification = ['interpolate', ['linear'], ['get', 'pointCount'], ...CLUSTER.radiusByCount];

export const clusterLayer: CircleLayerSpecification = {
  id: 'clusters',
  type: 'circle',
  source: SOURCE.events,
  filter: IS_CLUSTER,
  paint: {
    'circle-color': ['case', CLUSTER_ALL_UNREVIEWED, EVENT_MARKER.unreviewedFill, CLUSTER.color],
    'circle-opacity': CLUSTER.opacity,
    'circle-radius': clusterRadius,
    'circle-stroke-width': CLUSTER.strokeWidth,
    'circle-stroke-color': ['case', CLUSTER_ALL_UNREVIEWED, CLUSTER.color, CLUSTER.stroke],
  },
};

export const clusterUnreviewedRingLayer: CircleLayerSpecification = {
  id: 'clusters-unreviewed-ring',
  type: 'circle',
  source: SOURCE.events,
  filter: CLUSTER_SOME_UNREVIEWED,
  paint: {
    'circle-opacity': 0,
    'circle-radius': ['+', clusterRadius, CLUSTER.strokeWidth + CLUSTER.unreviewedRingGap],
    'circle-stroke-width': CLUSTER.unreviewedRingWidth,
    'circle-stroke-color': CLUSTER.color,
  },
};

export const clusterCountLayer: SymbolLayerSpecification = {
  id: 'cluster-count',
  type: 'symbol',
  source: SOURCE.events,
  filter: IS_CLUSTER,
  layout: { 'text-field': COUNT_LABEL, 'text-font': FONT_STACK_BOLD, 'text-size': 13, 'text-allow-overlap': true },
  paint: { 'text-color': ['case', CLUSTER_ALL_UNREVIEWED, CLUSTER.color, '#fff'] },
};

export const eventHaloLayer = (ids: (string | undefined)[]): CircleLayerSpecification => ({
  id: 'events-halo',
  type: 'circle',
  source: SOURCE.events,
  filter: ['all', NOT_CLUSTER, idIn(ids)],
  paint: {
    'circle-color': categoryColor,
    'circle-opacity': EVENT_HALO.opacity,
    'circle-radius': ['+', corroborationRadius, EVENT_HALO.extraRadius],
    'circle-stroke-color': EVENT_HALO.stroke,
    'circle-stroke-width': EVENT_HALO.strokeWidth,
  },
});

export const eventLayer: CircleLayerSpecification = {
  id: 'events',
  type: 'circle',
  source: SOURCE.events,
  filter: NOT_CLUSTER,
  paint: {
    'circle-color': ['case', IS_UNREVIEWED, EVENT_MARKER.unreviewedFill, categoryColor],
    'circle-radius': corroborationRadius,
    // Unreviewed: hollow, ringed in its colour. A grey ring marks a place the text does not state
    // (inferred); white otherwise.
    'circle-stroke-color': ['case', IS_UNREVIEWED, categoryColor, ['get', 'placeInferred'], EVENT_MARKER.inferredStroke, EVENT_MARKER.stroke],
    'circle-stroke-width': ['case', IS_UNREVIEWED, EVENT_MARKER.unreviewedStrokeWidth, ['get', 'placeInferred'], EVENT_MARKER.inferredStrokeWidth, EVENT_MARKER.strokeWidth],
  },
};

export const eventLabelLayer: SymbolLayerSpecification = {
  id: 'event-labels',
  type: 'symbol',
  source: SOURCE.events,
  minzoom: 5,
  filter: NOT_CLUSTER,
  layout: {
    'text-field': ['get', 'title'],
    'text-font': FONT_STACK,
    'text-size': 11,
    'text-offset': [0, 1.4],
    'text-anchor': 'top',
    'text-max-width': 12,
    'text-optional': true,
  },
  paint: { 'text-color': '#2b2b2b', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
};

/**
 * "country-level" beside a marker that stands for a whole country: the dot marks a point inside
 * it, not where the event happened. Above the marker, clear of the title label below it.
 */
export const countryLevelLabelLayer: SymbolLayerSpecification = {
  id: 'country-level-labels',
  type: 'symbol',
  source: SOURCE.events,
  filter: ['all', NOT_CLUSTER, ['==', ['get', 'placePrecision'], 'country']],
  layout: {
    'text-field': COUNTRY_LEVEL_LABEL.text,
    'text-font': FONT_STACK_BOLD,
    'text-size': COUNTRY_LEVEL_LABEL.size,
    'text-anchor': 'bottom',
    // Clear of the marker, whose radius grows with corroboration (corroborationRadius).
    'text-offset': [
      'interpolate',
      ['linear'],
      ['get', 'corroboration'],
      ...COUNTRY_LEVEL_LABEL.liftByCorroboration.map((v, i) => (i % 2 ? ['literal', [0, -v]] : v)),
    ] as unknown as ExpressionSpecification,
    'text-letter-spacing': COUNTRY_LEVEL_LABEL.letterSpacing,
    'text-optional': true,
  },
  paint: { 'text-color': COUNTRY_AREA_COLOR, 'text-halo-color': COUNTRY_LEVEL_LABEL.halo, 'text-halo-width': COUNTRY_LEVEL_LABEL.haloWidth },
};

// ---- Areas (region-precision places, and the countries of country-level ones) ----------------

export const areaFillLayer: FillLayerSpecification = {
  id: 'areas-fill',
  type: 'fill',
  source: SOURCE.areas,
  paint: { 'fill-color': categoryColor, 'fill-opacity': AREA.fillOpacity },
};

export const areaLineLayer: LineLayerSpecification = {
  id: 'areas-line',
  type: 'line',
  source: SOURCE.areas,
  paint: { 'line-color': categoryColor, 'line-width': AREA.lineWidth, 'line-dasharray': [...AREA.lineDash], 'line-opacity': AREA.lineOpacity },
};

/**
 * A country-level place is the whole country, so the country itself is drawn, from the basemap's
 * own polygons (a circle of "uncertainty" around its middle spilled into the neighbours and
 * left out its far corners). Only the countries that country-level events in view stand for.
 */
const countryFilter = (countries: readonly string[]): ExpressionSpecification => ['in', ['get', 'name'], ['literal', [...countries]]];

export const countryAreaFillLayer = (countries: readonly string[]): FillLayerSpecification => ({
  id: 'country-areas-fill',
  type: 'fill',
  source: BASEMAP_SOURCE_IDS.countries,
  filter: countryFilter(countries),
  paint: { 'fill-color': COUNTRY_AREA_COLOR, 'fill-opacity': COUNTRY_AREA.fillOpacity },
});

export const countryAreaLineLayer = (countries: readonly string[]): LineLayerSpecification => ({
  id: 'country-areas-line',
  type: 'line',
  source: BASEMAP_SOURCE_IDS.countries,
  filter: countryFilter(countries),
  layout: { 'line-join': 'round' },
  paint: { 'line-color': COUNTRY_AREA_COLOR, 'line-width': COUNTRY_AREA.lineWidth, 'line-dasharray': [...COUNTRY_AREA.lineDash], 'line-opacity': COUNTRY_AREA.lineOpacity },
});

// ---- Movements -------------------------------------------------------------------------------

/**
 * Stated routes are solid; a route whose origin (or the whole flow) is inferred or only considered is
 * dashed, and so is one a machine extracted that nobody has reviewed: all are tentative.
 */
const dashedMovement: ExpressionSpecification = ['any', ['get', 'originInferred'], ['!=', ['get', 'status'], 'reported'], IS_UNREVIEWED];

export const movementCasingLayer = (ids: (string | undefined)[]): LineLayerSpecification => ({
  id: 'movements-highlight',
  type: 'line',
  source: SOURCE.movements,
  filter: idIn(ids),
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: { 'line-color': MOVEMENT_LINE.highlightColor, 'line-width': MOVEMENT_LINE.highlightWidth, 'line-opacity': MOVEMENT_LINE.highlightOpacity },
});

export const movementLineLayer: LineLayerSpecification = {
  id: 'movements',
  type: 'line',
  source: SOURCE.movements,
  filter: ['!', dashedMovement],
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: { 'line-color': kindColor, 'line-width': MOVEMENT_LINE.width, 'line-opacity': MOVEMENT_LINE.opacity },
};

export const movementDashedLayer: LineLayerSpecification = {
  id: 'movements-dashed',
  type: 'line',
  source: SOURCE.movements,
  filter: dashedMovement,
  paint: { 'line-color': kindColor, 'line-width': MOVEMENT_LINE.width, 'line-opacity': MOVEMENT_LINE.dashedOpacity, 'line-dasharray': [...MOVEMENT_LINE.dash] },
};

/** A wide invisible line so thin arcs are easy to hover and click. */
export const movementHitLayer: LineLayerSpecification = {
  id: 'movements-hit',
  type: 'line',
  source: SOURCE.movements,
  paint: { 'line-color': '#000', 'line-width': 14, 'line-opacity': 0 },
};

export const movementArrowLayer: SymbolLayerSpecification = {
  id: 'movement-arrows',
  type: 'symbol',
  source: SOURCE.movements,
  layout: {
    'symbol-placement': 'line',
    'symbol-spacing': MOVEMENT_ARROW.spacing,
    'icon-image': ARROW_IMAGE,
    'icon-size': MOVEMENT_ARROW.iconScale,
    'icon-allow-overlap': true,
    'icon-ignore-placement': true,
    'icon-rotation-alignment': 'map',
  },
  paint: { 'icon-color': kindColor, 'icon-opacity': MOVEMENT_ARROW.opacity },
};

export const movementEndLayer: CircleLayerSpecification = {
  id: 'movement-ends',
  type: 'circle',
  source: SOURCE.ends,
  paint: {
    'circle-radius': ['case', ['==', ['get', 'role'], 'destination'], MOVEMENT_END.destinationRadius, MOVEMENT_END.originRadius],
    // Hollow when the text does not state this end: an inferred origin.
    'circle-color': ['case', ['get', 'inferred'], MOVEMENT_END.hollowFill, kindColor],
    'circle-stroke-color': kindColor,
    'circle-stroke-width': MOVEMENT_END.strokeWidth,
  },
};

/** The layer with its visibility set: layer toggles are props, not imperative calls. */
export function visible<L extends { layout?: object }>(layer: L, on: boolean): L {
  return { ...layer, layout: { ...layer.layout, visibility: on ? 'visible' : 'none' } };
}

export const INTERACTIVE_LAYERS = ['feed-clusters', 'feed-events', 'clusters', 'events', 'movements-hit'];

// ---- Feed events (machine-coded, no quote) ----------------------------------------------------

export const feedClusterLayer: CircleLayerSpecification = {
  ...clusterLayer,
  id: 'feed-clusters',
  source: SOURCE.feeds,
  paint: { ...clusterLayer.paint, 'circle-color': FEED_MARKER.clusterColor, 'circle-opacity': 0.92, 'circle-stroke-color': FEED_MARKER.clusterStroke, 'circle-stroke-width': 2 },
};

export const feedClusterCountLayer: SymbolLayerSpecification = {
  ...clusterCountLayer,
  id: 'feed-cluster-count',
  source: SOURCE.feeds,
  paint: { 'text-color': FEED_MARKER.clusterText },
};

export const feedEventLayer: CircleLayerSpecification = {
  id: 'feed-events',
  type: 'circle',
  source: SOURCE.feeds,
  filter: NOT_CLUSTER,
  paint: { 'circle-color': FEED_MARKER.fill, 'circle-radius': FEED_MARKER.radius, 'circle-stroke-color': categoryColor, 'circle-stroke-width': FEED_MARKER.strokeWidth },
};

// ---- Data for the layers ---------------------------------------------------------------------

/** What the event layers and the cluster list read; the rest stays out of the copy sent to the worker. */
export type MapEventProps = Pick<EventSummary, 'id' | 'title' | 'category' | 'corroboration' | 'placeInferred' | 'placeName' | 'placePrecision' | 'start' | 'end' | 'precision' | 'review'>;

export const mapEventProps = (p: EventSummary): MapEventProps => ({
  id: p.id,
  title: p.title,
  category: p.category,
  corroboration: p.corroboration,
  placeInferred: p.placeInferred,
  placeName: p.placeName,
  placePrecision: p.placePrecision,
  start: p.start,
  end: p.end,
  precision: p.precision,
  ...(p.review ? { review: p.review } : {}),
});

export function eventCollection(events: readonly EventSummaryFeature[]): FeatureCollection<Point, MapEventProps> {
  return { type: 'FeatureCollection', features: events.map(({ geometry, properties }) => ({ type: 'Feature', geometry, properties: mapEventProps(properties) })) };
}

export type ViewFeature = Feature<Point, MapEventProps | ClusterProperties>;
export const isClusterFeature = (f: { properties: object }): f is Feature<Point, ClusterProperties> => 'cluster' in f.properties && f.properties.cluster === true;

/** The server's clusters and single events for a view, singles trimmed to what the layers read. */
export function viewCollection(fc: ClusterCollection | null): FeatureCollection<Point, MapEventProps | ClusterProperties> {
  return {
    type: 'FeatureCollection',
    features: (fc?.features ?? []).map((f): ViewFeature => (isClusterFeature(f) ? f : { type: 'Feature', geometry: f.geometry, properties: mapEventProps(f.properties as EventSummary) })),
  };
}

/** The single events of a view (the areas and country outlines are drawn for them). */
export function singleEvents(fc: ClusterCollection | null): EventSummaryFeature[] {
  return (fc?.features ?? []).filter((f) => !isClusterFeature(f)) as EventSummaryFeature[];
}

/** Radius areas of region-precision places; countries are drawn as themselves (countryAreaLineLayer). */
export function areaCollection(events: readonly EventSummaryFeature[]): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = [];
  for (const e of events) {
    const p = e.properties;
    if (p.placePrecision === 'region' && p.radiusKm > 0) {
      const [lng, lat] = e.geometry.coordinates as [number, number];
      features.push(uncertaintyArea(lng, lat, p.radiusKm, { id: p.id, category: p.category, placePrecision: p.placePrecision }));
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The countries that country-level events stand for, by their Natural Earth name (the basemap's
 * `name`). The catalog guarantees a country-level place is named as its country.
 */
export function countryLevelCountries(events: readonly EventSummaryFeature[]): string[] {
  const names = new Set<string>();
  for (const e of events) if (e.properties.placePrecision === 'country') names.add(e.properties.placeName);
  return [...names].sort();
}

export interface MovementLineProps {
  id: string;
  kind: MovementKind;
  status: string;
  title: string;
  originInferred: boolean;
  review?: string;
}

/** Flat properties for styling; the full movement stays in memory for its popup. */
export function movementCollection(movements: readonly MovementFeature[]): FeatureCollection<LineString, MovementLineProps> {
  return {
    type: 'FeatureCollection',
    features: movements.map((m) => ({
      type: 'Feature',
      id: m.properties.id,
      geometry: m.geometry,
      properties: {
        id: m.properties.id,
        kind: m.properties.kind,
        status: m.properties.status,
        title: m.properties.title,
        originInferred: m.properties.origin.inferred,
        ...(m.properties.extraction?.review ? { review: m.properties.extraction.review } : {}),
      },
    })),
  };
}

export function movementEnds(movements: readonly MovementFeature[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: movements.flatMap((m) => {
      const c = m.geometry.coordinates;
      const first = c[0]!;
      const last = c[c.length - 1]!;
      const base = { id: m.properties.id, kind: m.properties.kind };
      return [
        { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: first }, properties: { ...base, role: 'origin', inferred: m.properties.origin.inferred } },
        { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: last }, properties: { ...base, role: 'destination', inferred: m.properties.destination.inferred } },
      ];
    }),
  };
}

/** An SDF chevron pointing right (MapLibre rotates line-placed icons along the line). */
export function arrowIcon(size = MOVEMENT_ARROW.iconPx): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // A filled triangle with its tip at the right edge.
      const dx = x - size * MOVEMENT_ARROW.shape.tail;
      const half = (size * MOVEMENT_ARROW.shape.halfWidth * (size * MOVEMENT_ARROW.shape.length - dx)) / (size * MOVEMENT_ARROW.shape.length);
      const inside = dx >= 0 && dx <= size * MOVEMENT_ARROW.shape.length && Math.abs(y + 0.5 - c) <= half;
      const i = (y * size + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 255;
      data[i + 3] = inside ? 255 : 0;
    }
  }
  return { width: size, height: size, data };
}
