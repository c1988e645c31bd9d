// Design tokens shared by the interactive map (lib/basemap-style.ts, lib/map-layers.ts) and the
// server-drawn link preview (lib/preview/), so that a shared link looks like the map it opens and
// the two cannot drift apart. Category and movement-kind colours are in ./palette.
//
// Stops are written as MapLibre writes them, flat: `[input, output, input, output, ...]`. The style
// spreads them into its `interpolate` / `step` expressions; the preview evaluates them with the same
// rules (lib/preview/stops.ts).

/** `interpolate ['linear']` stops: `[input, output, ...]`, clamped outside the first and last input. */
export type Stops = readonly [number, number, ...number[]];
/** `step` arguments: `[output below the first stop, stop, output, stop, output, ...]`. */
export type Steps = readonly [number, ...number[]];

// ---- Basemap -----------------------------------------------------------------------------------

/** Calm, light, low-saturation, so coloured event markers stand out. */
export const BASEMAP_COLORS = {
  sea: '#dce6ed',
  land: '#ece9e2',
  country: '#f4f2ed',
  coastline: '#b7c6d2',
  border: '#a3a19c',
  countryLabel: '#6e6a64',
  capitalLabel: '#38362f',
  capitalDot: '#4a4741',
  halo: 'rgba(248, 247, 243, 0.92)',
} as const;

/** Line widths (px) by zoom. */
export const COASTLINE_WIDTH: Stops = [1, 0.4, 5, 0.8, 9, 1.2];
export const BORDER_WIDTH: Stops = [1, 0.4, 4, 0.8, 7, 1.2, 10, 1.6];

export const COUNTRY_LABEL = {
  /** The largest label rank shown (1 = largest countries), by zoom. */
  maxRankByZoom: [2, 2, 3, 3, 6, 5, 7] as Steps,
  /** Text size (px) by rank, at each zoom stop; sizes between stops are interpolated. */
  sizeByZoom: {
    2: [11, 2, 10, 4, 9] as Steps,
    4: [13, 2, 12, 3, 11, 4, 10, 5, 9] as Steps,
    7: [16, 2, 15, 3, 14, 4, 13, 5, 12] as Steps,
  },
  /** em */
  letterSpacing: 0.06,
  /** em; longer names wrap */
  maxWidth: 7,
  lineHeight: 1.1,
  /** px kept clear around a label */
  padding: 2,
  haloWidth: 1.2,
  haloBlur: 0.3,
} as const;

// ---- Data layers -------------------------------------------------------------------------------

/** For a category or kind missing from the palette (never in valid data). */
export const FALLBACK_COLOR = '#666';

export const EVENT_MARKER = {
  /** Radius (px) grows with the number of distinct articles that report the event. */
  radiusByCorroboration: [1, 6, 5, 13] as Stops,
  stroke: '#ffffff',
  strokeWidth: 2,
  /** A grey ring marks a place the text does not state. */
  inferredStroke: '#5f5f5f',
  inferredStrokeWidth: 2.5,
  /** Machine-extracted and not yet reviewed: a hollow ring in the category colour, read as "tentative". */
  unreviewedFill: '#ffffff',
  unreviewedStrokeWidth: 3,
} as const;

/** Around a selected or hovered event. */
export const EVENT_HALO = {
  opacity: 0.25,
  /** px beyond the marker radius */
  extraRadius: 9,
  stroke: '#1b1b1b',
  strokeWidth: 2,
} as const;

export const CLUSTER = {
  color: '#3d4a5c',
  opacity: 0.88,
  radiusByCount: [2, 13, 10, 19, 50, 26] as Stops,
  stroke: 'rgba(255,255,255,0.85)',
  strokeWidth: 3,
  /** the outer ring of a cluster holding some unreviewed events: gap outside the stroke, and width */
  unreviewedRingGap: 1,
  unreviewedRingWidth: 2,
} as const;

/**
 * Events machine-coded by a feed (GDELT): hollow, smaller and drawn under the article events, so a
 * reader tells at a glance a dot someone read from one quoted in an article.
 */
export const FEED_MARKER = {
  radius: 4.5,
  fill: '#ffffff',
  strokeWidth: 2,
  clusterColor: '#ffffff',
  clusterStroke: '#5b6675',
  clusterText: '#3d4a5c',
} as const;

/** Uncertainty areas of region-precision places. */
export const AREA = {
  fillOpacity: 0.16,
  lineWidth: 1.5,
  /** in line widths, as MapLibre's `line-dasharray` */
  lineDash: [3, 2] as readonly [number, number],
  lineOpacity: 0.7,
} as const;

/**
 * The country a country-level place stands for, drawn as the basemap's own polygon of that country
 * in COUNTRY_AREA_COLOR (./palette): a faint fill under a dashed outline.
 */
export const COUNTRY_AREA = {
  fillOpacity: 0.07,
  lineWidth: 1.8,
  /** in line widths, as MapLibre's `line-dasharray` */
  lineDash: [3, 2] as readonly [number, number],
  lineOpacity: 0.75,
} as const;

/** "country-level" above a marker that stands for a whole country, in COUNTRY_AREA_COLOR. */
export const COUNTRY_LEVEL_LABEL = {
  text: 'country-level',
  size: 10,
  /** em */
  letterSpacing: 0.04,
  /**
   * em from the marker's centre up to the bottom of the text, by corroboration: clear of the
   * marker, whose radius grows with it (EVENT_MARKER.radiusByCorroboration).
   */
  liftByCorroboration: [1, 1.2, 5, 1.9] as Stops,
  halo: 'rgba(255,255,255,0.92)',
  haloWidth: 1.4,
} as const;

export const MOVEMENT_LINE = {
  width: 2.5,
  opacity: 0.9,
  dashedOpacity: 0.85,
  /** in line widths, as MapLibre's `line-dasharray` */
  dash: [2, 1.5] as readonly [number, number],
  highlightColor: '#111',
  highlightWidth: 7,
  highlightOpacity: 0.22,
} as const;

/** Direction chevrons along movement lines. */
export const MOVEMENT_ARROW = {
  /** px between chevrons */
  spacing: 90,
  /** the chevron is drawn in a square icon of `iconPx` px, scaled by `iconScale` */
  iconPx: 32,
  iconScale: 0.55,
  /** the chevron, a triangle pointing along the line, in fractions of the icon: base at `tail`, tip at `tail + length`, half as wide as `halfWidth` at its base */
  shape: { tail: 0.2, length: 0.75, halfWidth: 0.42 },
  opacity: 0.95,
} as const;

export const MOVEMENT_END = {
  originRadius: 4,
  destinationRadius: 4.5,
  strokeWidth: 2,
  /** fill of an end the text does not state */
  hollowFill: '#ffffff',
} as const;
