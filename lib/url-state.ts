// The permalink format, parsed and written here and nowhere else (see README "Permalinks").
//   map=ZOOM/LAT/LNG[/BEARING/PITCH]  from=YYYY-MM-DD  to=YYYY-MM-DD  event=ID  movement=ID
//   category=a,b  kind=a,b  actor=ID  q=TEXT  layers=events,movements,areas  embed=1
// Parsing never throws: out-of-range numbers are clamped, malformed values and unknown keys are
// dropped, so any pasted link opens a working map. Checking ids against the data is the job of
// lib/resolve-view.ts; this module knows only the syntax.
import { isIsoDate } from './dates';
import { MAX_LAT, MAX_PITCH, MAX_Q, ZOOM, isId } from './limits';
import { trimSearch } from './search-words';
import type { BinSpec, DateRange } from './timeline';
import { CATEGORIES, MOVEMENT_KINDS, type Category, type MovementKind, type SourceType } from './vocab';

/**
 * `events` are those read from articles; `feeds` those machine-coded by an event feed (GDELT);
 * `unreviewed` the machine-extracted events and movements nobody has reviewed yet (drawn marked).
 */
export const LAYERS = ['events', 'feeds', 'movements', 'areas', 'unreviewed'] as const;
export type LayerName = (typeof LAYERS)[number];

export interface ViewState {
  zoom: number;
  lat: number;
  lng: number;
  bearing: number;
  pitch: number;
}

export interface UrlState {
  map?: ViewState;
  from?: string;
  to?: string;
  /** the selected event; at most one of event and movement is set */
  event?: string;
  movement?: string;
  categories?: Category[];
  kinds?: MovementKind[];
  actor?: string;
  q?: string;
  /** undefined means all layers */
  layers?: LayerName[];
  embed: boolean;
}

export const LIMITS = { minZoom: ZOOM.min, maxZoom: ZOOM.max, maxLat: MAX_LAT, maxPitch: MAX_PITCH, maxQ: MAX_Q } as const;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value of a key, as URLSearchParams.get does: a repeated key never wins twice. */
function getter(src: ParamSource): (k: string) => string | undefined {
  if (src instanceof URLSearchParams) return (k) => src.get(k) ?? undefined;
  return (k) => {
    const v = src[k];
    return Array.isArray(v) ? v[0] : v;
  };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
/** Longitudes wrap rather than clamp: 190 is -170, as on the globe. In-range values pass through
 * untouched, so the arithmetic never turns a link's 51.38898 into 51.38897999999995. */
const wrapLng = (lng: number) => (lng >= -180 && lng < 180 ? lng : ((((lng + 180) % 360) + 360) % 360) - 180);

export function parseMap(value: string | undefined): ViewState | undefined {
  if (!value) return undefined;
  const parts = value.split('/').map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== 3 && parts.length !== 5) return undefined;
  if (parts.some((n) => !Number.isFinite(n))) return undefined;
  const [zoom, lat, lng, bearing = 0, pitch = 0] = parts as number[];
  return {
    zoom: clamp(zoom!, LIMITS.minZoom, LIMITS.maxZoom),
    lat: clamp(lat!, -LIMITS.maxLat, LIMITS.maxLat),
    lng: wrapLng(lng!),
    bearing: wrapBearing(bearing),
    pitch: clamp(pitch, 0, LIMITS.maxPitch),
  };
}

function wrapBearing(b: number): number {
  const w = ((((b + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/** A comma list of known values, deduplicated and in the vocabulary's order; none known → undefined. */
function parseList<T extends string>(raw: string | undefined, vocab: readonly T[]): T[] | undefined {
  const wanted = new Set(raw?.split(',').map((c) => c.trim()));
  const list = vocab.filter((v) => wanted.has(v));
  return list.length ? list : undefined;
}

export function parseUrlState(src: ParamSource): UrlState {
  const get = getter(src);
  const state: UrlState = { embed: get('embed') === '1' || get('embed') === 'true' };

  const map = parseMap(get('map'));
  if (map) state.map = map;

  let from = get('from');
  let to = get('to');
  if (from && !isIsoDate(from)) from = undefined;
  if (to && !isIsoDate(to)) to = undefined;
  // A reversed range in a link is a slip of the hand, not a request for nothing: swap it.
  if (from && to && from > to) [from, to] = [to, from];
  if (from) state.from = from;
  if (to) state.to = to;

  // One popup at a time: an event link wins over a movement in the same link.
  const event = get('event');
  const movement = get('movement');
  if (isId(event)) state.event = event;
  else if (isId(movement)) state.movement = movement;

  const categories = parseList(get('category'), CATEGORIES);
  if (categories) state.categories = categories;
  const kinds = parseList(get('kind'), MOVEMENT_KINDS);
  if (kinds) state.kinds = kinds;

  const actor = get('actor');
  if (isId(actor)) state.actor = actor;

  const q = trimSearch(get('q')?.trim().slice(0, LIMITS.maxQ).trim() ?? '');
  if (q) state.q = q;

  const layersRaw = get('layers');
  if (layersRaw !== undefined) {
    const layers = parseList(layersRaw, LAYERS);
    // An unreadable list falls back to every layer; an explicit empty list hides them all.
    if (layers || layersRaw.trim() === '') state.layers = layers ?? [];
  }
  return state;
}

/** Decimal places for lat/lng so a link is as precise as a pixel at that zoom (as MapLibre's hash). */
export function coordinatePrecision(zoom: number): number {
  return Math.max(0, Math.ceil((zoom * Math.LN2 + Math.log(512 / 360 / 0.5)) / Math.LN10));
}

export function formatMap(v: ViewState): string {
  const p = coordinatePrecision(v.zoom);
  const r = (n: number, d: number) => String(Number(n.toFixed(d)) || 0);
  const base = `${r(v.zoom, 2)}/${r(v.lat, p)}/${r(v.lng, p)}`;
  const bearing = Number(v.bearing.toFixed(1)) || 0;
  const pitch = Math.round(v.pitch);
  return bearing || pitch ? `${base}/${bearing}/${pitch}` : base;
}

/** key=value pairs with slashes and commas left readable; everything else encoded. */
export function encodePairs(parts: [string, string][]): string {
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2F/g, '/').replace(/%2C/g, ',')}`).join('&');
}

/** The filters that decide which events match (no movement kinds), for the API's event views. */
export function filterQuery(s: Pick<UrlState, 'categories' | 'actor' | 'q' | 'layers'>): [string, string][] {
  return [...filterPairs({ ...s, kinds: undefined }), ...unreviewedPair(s)];
}

/** The unreviewed layer is a filter, not a style: off, the server leaves those items out of counts too. */
function unreviewedPair(s: Pick<UrlState, 'layers'>): [string, string][] {
  return s.layers && !s.layers.includes('unreviewed') ? [['unreviewed', 'hide']] : [];
}

/** The filters that decide which items match, in the order both writers emit them. */
function filterPairs(s: Pick<UrlState, 'categories' | 'kinds' | 'actor' | 'q'>): [string, string][] {
  const parts: [string, string][] = [];
  if (s.categories?.length) parts.push(['category', s.categories.join(',')]);
  if (s.kinds?.length) parts.push(['kind', s.kinds.join(',')]);
  if (s.actor) parts.push(['actor', s.actor]);
  if (s.q) parts.push(['q', s.q]);
  return parts;
}

/** The permalink: the canonical query string (keys in a fixed order, defaults omitted), without '?'. */
export function serializeUrlState(s: UrlState): string {
  const parts: [string, string][] = [];
  if (s.map) parts.push(['map', formatMap(s.map)]);
  if (s.from) parts.push(['from', s.from]);
  if (s.to) parts.push(['to', s.to]);
  if (s.event) parts.push(['event', s.event]);
  else if (s.movement) parts.push(['movement', s.movement]);
  parts.push(...filterPairs(s));
  if (s.layers && s.layers.length !== LAYERS.length) parts.push(['layers', s.layers.join(',')]);
  if (s.embed) parts.push(['embed', '1']);
  return encodePairs(parts);
}

/**
 * The movements a view may draw: filters only (the map, the selection and the layers are the page's
 * business). Movements are few and drawn whole, so the page filters them by date itself and dragging
 * the range costs no request. Events are asked per view (lib/map/view-query).
 */
export function movementsUrl(s: UrlState): string {
  const q = encodePairs([...filterPairs(s), ...unreviewedPair(s)]);
  return `/api/movements${q ? `?${q}` : ''}`;
}

/** Which events a view shows: its filters (events take no `kind`) and the event layers that are on. */
function eventFilterPairs(s: UrlState): [string, string][] {
  const sources = sourceTypesShown(s);
  const source: [string, string][] = sources.length === 1 ? [['source', sources[0]!]] : [];
  return [...source, ...filterQuery(s)];
}

/** The events a view shows, as query parameters any events endpoint takes ('' when nothing is filtered). */
export function eventFilterQuery(s: UrlState): string {
  return encodePairs(eventFilterPairs(s));
}

/** The histogram of a window's events under an eventFilterQuery, in the bins `bins` names. */
export function histogramUrl(filters: string, window: DateRange, bins: BinSpec): string {
  const binPairs: [string, string][] = 'binDays' in bins ? [['binDays', String(bins.binDays)]] : [['scale', bins.scale], ['center', bins.center], ['width', String(bins.width)]];
  const q = encodePairs([['from', window.from], ['to', window.to], ...binPairs]);
  return `/api/events/histogram?${q}${filters ? `&${filters}` : ''}`;
}

export function layerVisible(s: UrlState, layer: LayerName): boolean {
  return !s.layers || s.layers.includes(layer);
}

/** Which kinds of event source the visible layers show: article events, feed events or both. */
export function sourceTypesShown(s: UrlState): SourceType[] {
  return [...(layerVisible(s, 'events') ? ['article' as const] : []), ...(layerVisible(s, 'feeds') ? ['feed' as const] : [])];
}
