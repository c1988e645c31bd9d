/**
 * Fully offline basemap style for the Situation Map (MapLibre GL JS 6).
 *
 * Every resource comes from our own origin; the files are produced by `scripts/build-basemap.mjs`
 * (postinstall / prebuild) into `public/`:
 *   /basemap/{land,countries,borders,country-labels,capitals}.json   GeoJSON (Natural Earth 50m, GeoNames)
 *   /fonts/noto-sans-{latin,latin-ext,cyrillic}-{400,700}-normal.woff2
 *   /maplibre-gl-worker.mjs
 *
 * Text needs no glyph server: the style has no `glyphs` URL and instead declares the Noto Sans
 * files in the root `font-faces` property (style spec v8, maplibre-gl >= 6). MapLibre loads a file
 * through the CSS Font Loading API the first time it has to draw a codepoint inside that file's
 * `unicode-range`, and rasterises glyphs locally. Codepoints no file covers (e.g. Arabic script)
 * fall back to the browser's local fonts, still without network.
 *
 * Worker: maplibre-gl 6 ships an ES-module worker that it looks for next to `maplibre-gl.mjs`
 * (via `import.meta.url`), which does not survive bundling. Point it at our copy once, before the
 * first map is created (client side only):
 *
 *   import { setWorkerUrl } from 'maplibre-gl';
 *   setWorkerUrl(MAPLIBRE_WORKER_URL);
 *
 * (there is no `workerUrl` Map option in maplibre-gl 6; `setWorkerUrl`/`getWorkerUrl` are the
 * top-level exports, and `prewarm()` must come after `setWorkerUrl` if used.)
 */
import type {
  ExpressionSpecification,
  FontFacesSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { BASEMAP_COLORS, BORDER_WIDTH, COASTLINE_WIDTH, COUNTRY_LABEL } from './map-tokens';

/** Served from `public/`; pass to `setWorkerUrl` from 'maplibre-gl' before creating a map. */
export const MAPLIBRE_WORKER_URL = '/maplibre-gl-worker.mjs';

/** `text-font` for regular-weight labels. Event layers must use this (or FONT_STACK_BOLD). */
export const FONT_STACK: string[] = ['Noto Sans Regular'];
/** `text-font` for bold labels. */
export const FONT_STACK_BOLD: string[] = ['Noto Sans Bold'];

/** Public paths of the generated basemap files (relative to the site origin). */
export const BASEMAP_DATA_PATHS = {
  land: '/basemap/land.json',
  countries: '/basemap/countries.json',
  borders: '/basemap/borders.json',
  countryLabels: '/basemap/country-labels.json',
  capitals: '/basemap/capitals.json',
} as const;

/** Unicode ranges of the @fontsource/noto-sans 5.x subset files (identical for 400 and 700). */
const FONT_SUBSETS: ReadonlyArray<{ subset: string; ranges: string[] }> = [
  {
    subset: 'latin',
    ranges: [
      'U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+0304',
      'U+0308', 'U+0329', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215',
      'U+FEFF', 'U+FFFD',
    ],
  },
  {
    subset: 'latin-ext',
    ranges: [
      'U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+0304', 'U+0308',
      'U+0329', 'U+1D00-1DBF', 'U+1E00-1E9F', 'U+1EF2-1EFF', 'U+2020', 'U+20A0-20AB', 'U+20AD-20C0',
      'U+2113', 'U+2C60-2C7F', 'U+A720-A7FF',
    ],
  },
  {
    subset: 'cyrillic',
    ranges: ['U+0301', 'U+0400-045F', 'U+0490-0491', 'U+04B0-04B1', 'U+2116'],
  },
];

/** Font name (as used in `text-font`) -> CSS weight of the Noto Sans files declared for it. */
const FONT_WEIGHTS: Readonly<Record<string, number>> = {
  'Noto Sans Regular': 400,
  'Noto Sans Bold': 700,
};

/** Every font file the style may load, as public paths (for preloading or tests). */
export const FONT_FILE_PATHS: string[] = Object.values(FONT_WEIGHTS).flatMap((w) =>
  FONT_SUBSETS.map(({ subset }) => `/fonts/noto-sans-${subset}-${w}-normal.woff2`),
);

export const BASEMAP_SOURCE_IDS = {
  land: 'basemap-land',
  countries: 'basemap-countries',
  borders: 'basemap-borders',
  countryLabels: 'basemap-country-labels',
  capitals: 'basemap-capitals',
} as const;

/** Layer ids in drawing order (bottom to top). */
export const BASEMAP_LAYER_IDS = [
  'basemap-sea',
  'basemap-land',
  'basemap-country-fill',
  'basemap-coastline',
  'basemap-borders',
  'basemap-capital-dots',
  'basemap-country-labels',
  'basemap-capital-labels',
  'basemap-country-labels-small',
  'basemap-capital-labels-major',
  'basemap-capital-dot-collision',
] as const;
export type BasemapLayerId = (typeof BASEMAP_LAYER_IDS)[number];

/**
 * First basemap "places" layer (capital dots, then labels): add event layers with
 * `map.addLayer(layer, BASEMAP_FIRST_LABEL_LAYER_ID)` to draw markers above land and borders but
 * below place names, or without `beforeId` to draw them on top of everything (event symbol layers
 * on top are then also placed first, and basemap labels make way for them).
 */
export const BASEMAP_FIRST_LABEL_LAYER_ID: BasemapLayerId = 'basemap-capital-dots';

const ATTRIBUTION = 'Natural Earth · GeoNames';

function fontFaces(origin: string): FontFacesSpecification {
  const faces: FontFacesSpecification = {};
  for (const [name, weight] of Object.entries(FONT_WEIGHTS)) {
    faces[name] = FONT_SUBSETS.map(({ subset, ranges }) => ({
      url: `${origin}/fonts/noto-sans-${subset}-${weight}-normal.woff2`,
      'unicode-range': [...ranges],
    }));
  }
  return faces;
}

/** Country label rank (1 = largest) visible at each integer zoom (filters see integer zooms only). */
const COUNTRY_RANK_BY_ZOOM: ExpressionSpecification = ['step', ['zoom'], ...COUNTRY_LABEL.maxRankByZoom];
/**
 * Small countries (ranks 5-6: 2,000-70,000 km², e.g. Israel, Lebanon, Qatar) get label priority
 * over most capitals. Rank 7 (microstates, de-facto entities, shown from zoom 5) does not.
 */
const SMALL_COUNTRY: ExpressionSpecification = ['match', ['get', 'rank'], [5, 6], true, false];
const CAPITAL_MINZOOM = 3;
/** Capitals of this rank and larger (1M+ people, e.g. Beirut, Amman) label before small countries. */
const MAJOR_CAPITAL_RANK = 2;

/**
 * The complete basemap style.
 *
 * @param origin - site origin such as `window.location.origin` (no trailing slash needed). All URLs
 *   in the style are `${origin}/...`; pass `''` to get root-relative URLs.
 */
export function basemapStyle(origin: string): StyleSpecification {
  const base = origin.replace(/\/+$/, '');
  const geojson = (p: string, extra: Partial<Record<'maxzoom' | 'tolerance', number>> = {}): SourceSpecification => ({
    type: 'geojson',
    data: `${base}${p}`,
    attribution: ATTRIBUTION,
    ...extra,
  });

  const sources: Record<string, SourceSpecification> = {
    [BASEMAP_SOURCE_IDS.land]: geojson(BASEMAP_DATA_PATHS.land, { maxzoom: 9 }),
    [BASEMAP_SOURCE_IDS.countries]: geojson(BASEMAP_DATA_PATHS.countries, { maxzoom: 9 }),
    [BASEMAP_SOURCE_IDS.borders]: geojson(BASEMAP_DATA_PATHS.borders, { maxzoom: 9 }),
    [BASEMAP_SOURCE_IDS.countryLabels]: geojson(BASEMAP_DATA_PATHS.countryLabels, { maxzoom: 9 }),
    [BASEMAP_SOURCE_IDS.capitals]: geojson(BASEMAP_DATA_PATHS.capitals, { maxzoom: 9 }),
  };

  const c = BASEMAP_COLORS;
  const countryLabelLayer = (
    id: BasemapLayerId,
    rankFilter: ExpressionSpecification,
    /** Ems between the point and a label moved beside it. */
    offset: number,
  ): LayerSpecification => ({
    id,
    type: 'symbol',
    source: BASEMAP_SOURCE_IDS.countryLabels,
    filter: ['all', rankFilter, ['<=', ['get', 'rank'], COUNTRY_RANK_BY_ZOOM]],
    layout: {
      'text-field': ['step', ['zoom'], ['get', 'name_short'], 5, ['get', 'name']],
      'text-font': FONT_STACK_BOLD,
      'text-transform': 'uppercase',
      'text-letter-spacing': COUNTRY_LABEL.letterSpacing,
      'text-size': [
        'interpolate', ['linear'], ['zoom'],
        2, ['step', ['get', 'rank'], ...COUNTRY_LABEL.sizeByZoom[2]],
        4, ['step', ['get', 'rank'], ...COUNTRY_LABEL.sizeByZoom[4]],
        7, ['step', ['get', 'rank'], ...COUNTRY_LABEL.sizeByZoom[7]],
      ],
      'text-max-width': COUNTRY_LABEL.maxWidth,
      'text-line-height': COUNTRY_LABEL.lineHeight,
      'text-padding': COUNTRY_LABEL.padding,
      'symbol-sort-key': ['get', 'rank'],
      // Small countries rarely have room at their centre at regional zooms: let the label move
      // beside the point (clear of a capital dot next to it) rather than disappear.
      'text-variable-anchor-offset': [
        'center', [0, 0],
        'right', [-offset, 0],
        'left', [offset, 0],
        'top', [0, offset],
        'bottom', [0, -offset],
      ],
    },
    paint: {
      'text-color': c.countryLabel,
      'text-halo-color': c.halo,
      'text-halo-width': COUNTRY_LABEL.haloWidth,
      'text-halo-blur': COUNTRY_LABEL.haloBlur,
    },
  });

  const capitalLabelLayer = (id: BasemapLayerId, rankFilter: ExpressionSpecification): LayerSpecification => ({
    id,
    type: 'symbol',
    source: BASEMAP_SOURCE_IDS.capitals,
    minzoom: CAPITAL_MINZOOM,
    filter: rankFilter,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': FONT_STACK,
      'text-size': ['interpolate', ['linear'], ['zoom'], 3, 11, 7, 13.5],
      // Beside the dot, else below or above it, clear of the dot's collision box.
      'text-variable-anchor-offset': ['left', [0.45, 0], 'right', [-0.45, 0], 'top', [0, 1], 'bottom', [0, -1]],
      'text-justify': 'auto',
      // Tight boxes: Beirut and Damascus are ~30 px apart at zoom 4.5.
      'text-line-height': 1.05,
      'text-padding': 0.5,
      'symbol-sort-key': ['-', ['get', 'population']],
    },
    paint: {
      'text-color': c.capitalLabel,
      'text-halo-color': c.halo,
      'text-halo-width': 1.4,
      'text-halo-blur': 0.3,
    },
  });

  const layers: LayerSpecification[] = [
    { id: 'basemap-sea', type: 'background', paint: { 'background-color': c.sea } },
    {
      id: 'basemap-land',
      type: 'fill',
      source: BASEMAP_SOURCE_IDS.land,
      paint: { 'fill-color': c.land, 'fill-antialias': true },
    },
    {
      id: 'basemap-country-fill',
      type: 'fill',
      source: BASEMAP_SOURCE_IDS.countries,
      paint: { 'fill-color': c.country, 'fill-antialias': false },
    },
    {
      id: 'basemap-coastline',
      type: 'line',
      source: BASEMAP_SOURCE_IDS.land,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': c.coastline,
        'line-width': ['interpolate', ['linear'], ['zoom'], ...COASTLINE_WIDTH],
      },
    },
    {
      id: 'basemap-borders',
      type: 'line',
      source: BASEMAP_SOURCE_IDS.borders,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': c.border,
        'line-width': ['interpolate', ['linear'], ['zoom'], ...BORDER_WIDTH],
      },
    },
    {
      id: 'basemap-capital-dots',
      type: 'circle',
      source: BASEMAP_SOURCE_IDS.capitals,
      minzoom: CAPITAL_MINZOOM,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 2.2, 7, 3.5],
        'circle-color': c.capitalDot,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    countryLabelLayer('basemap-country-labels', ['!', SMALL_COUNTRY], 0.5),
    capitalLabelLayer('basemap-capital-labels', ['>', ['get', 'rank'], MAJOR_CAPITAL_RANK]),
    // Symbols are placed top layer first. Placement priority, highest first: capital dots, capitals
    // of 1M+ people (Beirut, Amman, ...), small countries (so "Lebanon" or "Qatar" survive at
    // regional zooms), other capitals, then large countries, which have room to spare.
    countryLabelLayer('basemap-country-labels-small', SMALL_COUNTRY, 1.4),
    capitalLabelLayer('basemap-capital-labels-major', ['<=', ['get', 'rank'], MAJOR_CAPITAL_RANK]),
    // Invisible, placed first: reserves each capital dot in the collision index so that no label
    // is drawn over a dot (circle layers take no part in label collision).
    {
      id: 'basemap-capital-dot-collision',
      type: 'symbol',
      source: BASEMAP_SOURCE_IDS.capitals,
      minzoom: CAPITAL_MINZOOM,
      layout: {
        'text-field': '\u2022',
        'text-font': FONT_STACK,
        'text-size': 9,
        'text-padding': 0,
        'text-allow-overlap': true,
        'text-ignore-placement': false,
      },
      paint: { 'text-opacity': 0 },
    },
  ];

  return {
    version: 8,
    name: 'Situation Map basemap (offline)',
    metadata: { 'situation-map:basemap': 'natural-earth-50m' },
    center: [44, 30],
    zoom: 3.6,
    'font-faces': fontFaces(base),
    sources,
    layers,
  };
}
