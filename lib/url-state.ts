// The permalink format, parsed and written here and nowhere else (see README "Permalinks").
//   map=ZOOM/LAT/LNG[/BEARING/PITCH]  from=YYYY-MM-DD  to=YYYY-MM-DD  event=ID
//   category=a,b  actor=ID  q=TEXT  layers=events,movements,areas  embed=1
// Parsing never throws: out-of-range numbers are clamped, malformed values and unknown keys are
// dropped, so any pasted link opens a working map.
import { isIsoDate } from './dates';
import { CATEGORIES, type Category } from './vocab';

export const LAYERS = ['events', 'movements', 'areas'] as const;
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
  event?: string;
  categories?: Category[];
  actor?: string;
  q?: string;
  /** undefined means all layers */
  layers?: LayerName[];
  embed: boolean;
}

export const LIMITS = { minZoom: 0, maxZoom: 18, maxLat: 85.05, maxPitch: 85, maxQ: 200 } as const;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

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

const SLUG = /^[a-z0-9][a-z0-9_-]{0,119}$/i;

export function parseUrlState(src: ParamSource): UrlState {
  const get = getter(src);
  const state: UrlState = { embed: get('embed') === '1' || get('embed') === 'true' };

  const map = parseMap(get('map'));
  if (map) state.map = map;

  let from = get('from');
  let to = get('to');
  if (from && !isIsoDate(from)) from = undefined;
  if (to && !isIsoDate(to)) to = undefined;
  // A reversed range is a slip of the hand, not a request for nothing: swap it.
  if (from && to && from > to) [from, to] = [to, from];
  if (from) state.from = from;
  if (to) state.to = to;

  const event = get('event');
  if (event && SLUG.test(event)) state.event = event;

  const cats = get('category')
    ?.split(',')
    .map((c) => c.trim())
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c));
  if (cats && cats.length) state.categories = [...new Set(cats)].sort((a, b) => CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b));

  const actor = get('actor');
  if (actor && SLUG.test(actor)) state.actor = actor;

  const q = get('q')?.trim().slice(0, LIMITS.maxQ);
  if (q) state.q = q;

  const layersRaw = get('layers');
  if (layersRaw !== undefined) {
    const layers = layersRaw
      .split(',')
      .map((l) => l.trim())
      .filter((l): l is LayerName => (LAYERS as readonly string[]).includes(l));
    // An unreadable list falls back to every layer; an explicit empty list hides them all.
    if (layers.length || layersRaw.trim() === '') state.layers = LAYERS.filter((l) => layers.includes(l));
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

/** The canonical query string (keys in a fixed order, defaults omitted), without the leading '?'. */
export function serializeUrlState(s: UrlState): string {
  const parts: [string, string][] = [];
  if (s.map) parts.push(['map', formatMap(s.map)]);
  if (s.from) parts.push(['from', s.from]);
  if (s.to) parts.push(['to', s.to]);
  if (s.event) parts.push(['event', s.event]);
  if (s.categories?.length) parts.push(['category', s.categories.join(',')]);
  if (s.actor) parts.push(['actor', s.actor]);
  if (s.q) parts.push(['q', s.q]);
  if (s.layers && s.layers.length !== LAYERS.length) parts.push(['layers', s.layers.join(',')]);
  if (s.embed) parts.push(['embed', '1']);
  // Slashes and commas stay readable in links; everything else is encoded.
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2F/g, '/').replace(/%2C/g, ',')}`).join('&');
}

export function layerVisible(s: UrlState, layer: LayerName): boolean {
  return !s.layers || s.layers.includes(layer);
}
