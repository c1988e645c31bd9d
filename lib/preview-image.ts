// Server-side link-preview card (Open Graph / Twitter, 1200x630 PNG) of a map state.
//
// The card is an SVG drawn here (Web-Mercator basemap from Natural Earth via world-atlas,
// events, uncertainty areas, movements, a title band) and rasterised by resvg-js with a
// bundled TTF font (Noto Sans, OFL-1.1, from @expo-google-fonts/noto-sans), system fonts
// off: no network, no external service, and the same input gives the same bytes on every
// machine.
//
// The module re-exports the app's palette (CATEGORY_COLORS, MOVEMENT_COLORS from ./palette)
// and may be imported by client components. So it has no static import of anything
// Node-only: fs, resvg and the atlas are loaded by dynamic imports inside the render path,
// which a browser bundle never runs (resvg and the Node built-ins are marked ignore for the
// bundler, so Node loads them at run time; checked with a Turbopack `next build`: a client
// component importing the palette gets a 647-byte chunk, and the route renders under
// `next start`).
//
// Projection: MapLibre's Web Mercator with 512-px tiles: the world is 512 * 2^zoom px wide,
// `center` sits at the image centre (600, 315), and `bearing` rotates the map as MapLibre
// does (the direction `bearing` degrees clockwise from north points up). Pitch is not
// supported. The bottom title band and the legend are drawn over the map, as the app's own
// panels are drawn over its map.
import type { Category, EventFeature, MovementFeature, MovementKind } from './types';

// The card uses the app's one palette, so the two can never disagree.
import { CATEGORY_COLORS, CATEGORY_LABELS, MOVEMENT_COLORS, MOVEMENT_LABELS } from './palette';

export interface PreviewInput {
  center: [number, number]; // lng, lat
  /** web-mercator zoom as MapLibre uses it (512-px tiles), for a 1200x630 viewport */
  zoom: number;
  /** degrees clockwise from north that point up, as in MapLibre; pitch is not supported */
  bearing?: number;
  events: EventFeature[]; // already filtered to the state
  movements: MovementFeature[];
  /** highlight this event (larger, ringed; the others dimmed) when present */
  selectedId?: string;
  /** e.g. the selected event's title, or "30 Jul – 7 Aug 2024 · 24 events · 9 movements" */
  title: string;
  subtitle?: string;
}

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

const W = PREVIEW_WIDTH;
const H = PREVIEW_HEIGHT;
const TILE_SIZE = 512;
const MAX_LAT = 85.051128779806604;
const EARTH_CIRCUMFERENCE_M = 2 * Math.PI * 6378137;
const FONT_FAMILY = 'Noto Sans';

const STYLE = {
  sea: '#cddbe7',
  land: '#f5f2eb',
  coast: '#9fb1c1',
  border: '#b8ab98',
  bandBg: '#0f1b2d',
  bandAccent: '#e8a33d',
  title: '#ffffff',
  subtitle: '#aebdd0',
  wordmark: '#ffffff',
  legendBg: '#ffffff',
  legendText: '#23303f',
  label: '#9d9484',
  ink: '#14202e',
};

// ---- Projection ---------------------------------------------------------------

function clampLat(lat: number): number {
  return Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
}
/** lng → mercator x in world units [0, 1] (as MapLibre's MercatorCoordinate) */
function mercX(lng: number): number {
  return (lng + 180) / 360;
}
/** lat → mercator y in world units [0, 1], 0 at the north edge */
function mercY(lat: number): number {
  const s = Math.sin((clampLat(lat) * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
}

export interface Viewport {
  /** centre in world units */
  cx: number;
  cy: number;
  /** pixels per world unit: 512 * 2^zoom */
  scale: number;
  cos: number;
  sin: number;
  /** half extent of the visible area in world units (a square around the rotated frame) */
  halfX: number;
  halfY: number;
}

export function makeViewport(center: [number, number], zoom: number, bearing = 0): Viewport {
  const scale = TILE_SIZE * 2 ** zoom;
  const theta = (-bearing * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const rotated = Math.abs(sin) > 1e-9;
  const halfDiag = Math.hypot(W, H) / 2;
  return {
    cx: mercX(center[0]),
    cy: mercY(center[1]),
    scale,
    cos: rotated ? cos : 1,
    sin: rotated ? sin : 0,
    halfX: (rotated ? halfDiag : W / 2) / scale,
    halfY: (rotated ? halfDiag : H / 2) / scale,
  };
}

/** world units → image pixels */
function toScreen(vp: Viewport, ux: number, uy: number): [number, number] {
  const dx = (ux - vp.cx) * vp.scale;
  const dy = (uy - vp.cy) * vp.scale;
  return [W / 2 + dx * vp.cos - dy * vp.sin, H / 2 + dx * vp.sin + dy * vp.cos];
}

/** lng/lat → image pixels, taking the copy of the world nearest the centre */
export function project(vp: Viewport, lng: number, lat: number): [number, number] {
  let ux = mercX(lng);
  ux += Math.round(vp.cx - ux);
  return toScreen(vp, ux, mercY(lat));
}

// ---- Basemap (Natural Earth via world-atlas), loaded and pre-projected once per detail ------

type Detail = '110m' | '50m' | '10m';

interface Shape {
  /** interleaved world-unit x, y */
  pts: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
interface CountryLabel {
  text: string;
  /** label anchor in world units, inside the country's largest polygon */
  x: number;
  y: number;
  /** extent of that polygon in world units */
  w: number;
  h: number;
}
interface Basemap {
  land: Shape[];
  borders: Shape[];
  /** biggest first */
  labels: CountryLabel[];
}

// disputed or de-facto entities not labelled, and shorter names for a few long ones
const LABEL_SKIP = new Set(['N. Cyprus', 'Somaliland', 'Siachen Glacier', 'Antarctica']);
const LABEL_NAMES: Record<string, string> = {
  'United States of America': 'United States',
  'Dem. Rep. Congo': 'DR Congo',
  'Central African Rep.': 'C. African Rep.',
};

/** A point well inside a ring (flat world-unit xy): its centroid, or if that falls outside, the middle of the widest span across the centroid's row. */
function labelPoint(pts: Float64Array): { x: number; y: number; area: number } {
  const n = pts.length / 2;
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = pts[2 * i]!;
    const yi = pts[2 * i + 1]!;
    const xj = pts[2 * j]!;
    const yj = pts[2 * j + 1]!;
    const f = xj * yi - xi * yj;
    a2 += f;
    cx += (xi + xj) * f;
    cy += (yi + yj) * f;
  }
  if (a2 === 0) return { x: pts[0] ?? 0, y: pts[1] ?? 0, area: 0 };
  cx /= 3 * a2;
  cy /= 3 * a2;
  const xs: number[] = [];
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const yi = pts[2 * i + 1]!;
    const yj = pts[2 * j + 1]!;
    if (yi > cy !== yj > cy) {
      const xi = pts[2 * i]!;
      const xj = pts[2 * j]!;
      xs.push(xi + ((cy - yi) * (xj - xi)) / (yj - yi));
    }
  }
  xs.sort((p, q) => p - q);
  let inside = false;
  let best = { x: cx, len: -1 };
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const x0 = xs[k]!;
    const x1 = xs[k + 1]!;
    if (cx >= x0 && cx <= x1) inside = true;
    if (x1 - x0 > best.len) best = { x: (x0 + x1) / 2, len: x1 - x0 };
  }
  return { x: inside ? cx : best.x, y: cy, area: Math.abs(a2) / 2 };
}

const basemaps = new Map<Detail, Promise<Basemap>>();

function detailFor(zoom: number): Detail {
  if (zoom < 2) return '110m';
  if (zoom < 5) return '50m';
  return '10m';
}

/**
 * Natural Earth rings that cross the antimeridian jump from ±180 to ∓180 (d3 cuts them at
 * draw time). Unwrap the longitudes so each ring is one planar shape (it may reach past
 * ±180; world copies take care of that), and close rings that go round a pole (Antarctica)
 * along the pole.
 */
function unwrap(coords: number[][], closed: boolean): number[][] {
  const out: number[][] = [];
  let prev: number | undefined;
  let latSum = 0;
  for (const c of coords) {
    let lng = c[0] ?? 0;
    const lat = c[1] ?? 0;
    if (prev !== undefined) lng += 360 * Math.round((prev - lng) / 360);
    out.push([lng, lat]);
    prev = lng;
    latSum += lat;
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (closed && first && last && Math.abs(last[0]! - first[0]!) > 180) {
    const pole = latSum < 0 ? -90 : 90;
    out.push([last[0]!, pole], [first[0]!, pole], [first[0]!, first[1]!]);
  }
  return out;
}

function toShape(raw: number[][], closed: boolean): Shape | null {
  if (raw.length < 2) return null;
  const coords = unwrap(raw, closed);
  const pts = new Float64Array(coords.length * 2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  coords.forEach((c, i) => {
    const x = mercX(c[0] ?? 0);
    const y = mercY(c[1] ?? 0);
    pts[2 * i] = x;
    pts[2 * i + 1] = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  });
  return { pts, minX, minY, maxX, maxY };
}

async function nodeModules() {
  const fs = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'node:fs');
  const path = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'node:path');
  const mod = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'node:module');
  return { fs, path, mod };
}

/** Absolute path of a file inside an installed package. */
async function packageFile(spec: string): Promise<string> {
  const { fs, path, mod } = await nodeModules();
  const candidates: string[] = [];
  try {
    candidates.push(mod.createRequire(import.meta.url).resolve(spec));
  } catch {
    // bundled server code may not resolve from its own location; fall back to the project
  }
  candidates.push(path.join(process.cwd(), 'node_modules', spec));
  for (const c of candidates) if (fs.existsSync(c)) return c;
  throw new Error(`preview-image: cannot find ${spec} (looked in ${candidates.join(', ')})`);
}

async function loadBasemap(detail: Detail): Promise<Basemap> {
  const { fs } = await nodeModules();
  const topo = await import('topojson-client');
  const file = await packageFile(`world-atlas/countries-${detail}.json`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const topology = JSON.parse(fs.readFileSync(file, 'utf8')) as any;
  const landGeo = topo.feature(topology, topology.objects.land) as unknown as GeoJSON.FeatureCollection | GeoJSON.Feature;
  const land: Shape[] = [];
  const features = 'features' in landGeo ? landGeo.features : [landGeo];
  for (const f of features) {
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    for (const poly of polys) for (const ring of poly) {
      const s = toShape(ring, true);
      if (s) land.push(s);
    }
  }
  const mesh = topo.mesh(topology, topology.objects.countries, (a: unknown, b: unknown) => a !== b);
  const borders: Shape[] = [];
  for (const line of mesh.coordinates) {
    const s = toShape(line, false);
    if (s) borders.push(s);
  }
  const countries = topo.feature(topology, topology.objects.countries) as unknown as GeoJSON.FeatureCollection;
  const labels: Array<CountryLabel & { area: number }> = [];
  for (const f of countries.features) {
    const name = String(f.properties?.name ?? '');
    if (!name || LABEL_SKIP.has(name)) continue;
    const g = f.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let best: (CountryLabel & { area: number }) | undefined;
    for (const poly of polys) {
      const outer = poly[0] ? toShape(poly[0], true) : null;
      if (!outer) continue;
      const p = labelPoint(outer.pts);
      if (!best || p.area > best.area) {
        best = { text: (LABEL_NAMES[name] ?? name).toUpperCase(), x: p.x, y: p.y, w: outer.maxX - outer.minX, h: outer.maxY - outer.minY, area: p.area };
      }
    }
    if (best) labels.push(best);
  }
  labels.sort((a, b) => b.area - a.area || (a.text < b.text ? -1 : 1));
  return { land, borders, labels: labels.map(({ area: _area, ...l }) => l) };
}

function getBasemap(detail: Detail): Promise<Basemap> {
  let p = basemaps.get(detail);
  if (!p) {
    p = loadBasemap(detail);
    p.catch(() => basemaps.delete(detail));
    basemaps.set(detail, p);
  }
  return p;
}

// ---- Geometry helpers in screen space ------------------------------------------------

const PAD = 24; // clip rectangle margin, so clip edges fall off-image
const CLIP = { x0: -PAD, y0: -PAD, x1: W + PAD, y1: H + PAD };

function fmt(n: number): string {
  // one decimal is sub-pixel; avoid "-0"
  const s = n.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

/** Sutherland–Hodgman clip of a closed ring (flat xy array) to the padded image rectangle. */
function clipRing(xy: number[]): number[] {
  let pts = xy;
  const edges: Array<[(x: number, y: number) => boolean, (ax: number, ay: number, bx: number, by: number) => [number, number]]> = [
    [(x) => x >= CLIP.x0, (ax, ay, bx, by) => [CLIP.x0, ay + ((by - ay) * (CLIP.x0 - ax)) / (bx - ax)]],
    [(x) => x <= CLIP.x1, (ax, ay, bx, by) => [CLIP.x1, ay + ((by - ay) * (CLIP.x1 - ax)) / (bx - ax)]],
    [(_x, y) => y >= CLIP.y0, (ax, ay, bx, by) => [ax + ((bx - ax) * (CLIP.y0 - ay)) / (by - ay), CLIP.y0]],
    [(_x, y) => y <= CLIP.y1, (ax, ay, bx, by) => [ax + ((bx - ax) * (CLIP.y1 - ay)) / (by - ay), CLIP.y1]],
  ];
  for (const [inside, cross] of edges) {
    const n = pts.length / 2;
    if (n === 0) break;
    const out: number[] = [];
    let px = pts[2 * (n - 1)]!;
    let py = pts[2 * (n - 1) + 1]!;
    let pIn = inside(px, py);
    for (let i = 0; i < n; i++) {
      const x = pts[2 * i]!;
      const y = pts[2 * i + 1]!;
      const cIn = inside(x, y);
      if (cIn) {
        if (!pIn) out.push(...cross(px, py, x, y));
        out.push(x, y);
      } else if (pIn) {
        out.push(...cross(px, py, x, y));
      }
      px = x;
      py = y;
      pIn = cIn;
    }
    pts = out;
  }
  return pts;
}

function segVisible(ax: number, ay: number, bx: number, by: number): boolean {
  return !(
    (ax < CLIP.x0 && bx < CLIP.x0) ||
    (ax > CLIP.x1 && bx > CLIP.x1) ||
    (ay < CLIP.y0 && by < CLIP.y0) ||
    (ay > CLIP.y1 && by > CLIP.y1)
  );
}

/** Polyline (flat xy) → path data, dropping runs of segments that lie wholly off-image. */
function polylinePath(xy: number[]): string {
  let d = '';
  let pen = false;
  for (let i = 0; i + 3 < xy.length; i += 2) {
    const ax = xy[i]!;
    const ay = xy[i + 1]!;
    const bx = xy[i + 2]!;
    const by = xy[i + 3]!;
    if (segVisible(ax, ay, bx, by)) {
      if (!pen) d += `M${fmt(ax)} ${fmt(ay)}`;
      d += `L${fmt(bx)} ${fmt(by)}`;
      pen = true;
    } else {
      pen = false;
    }
  }
  return d;
}

/** Project a shape (one world copy, offset by `k` worlds) with sub-pixel decimation. */
function projectShape(vp: Viewport, s: Shape, k: number, closed: boolean): number[] {
  const out: number[] = [];
  const n = s.pts.length / 2;
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < n; i++) {
    const [x, y] = toScreen(vp, s.pts[2 * i]! + k, s.pts[2 * i + 1]!);
    const last = i === n - 1;
    if (!last && Math.abs(x - lx) < 0.6 && Math.abs(y - ly) < 0.6) continue;
    out.push(x, y);
    lx = x;
    ly = y;
  }
  if (closed && out.length < 6) return [];
  return out;
}

function worldCopies(vp: Viewport, s: Shape): number[] {
  const ks: number[] = [];
  for (let k = Math.floor(vp.cx - vp.halfX) - 1; k <= Math.ceil(vp.cx + vp.halfX); k++) {
    if (s.maxX + k < vp.cx - vp.halfX || s.minX + k > vp.cx + vp.halfX) continue;
    if (s.maxY < vp.cy - vp.halfY || s.minY > vp.cy + vp.halfY) continue;
    ks.push(k);
  }
  return ks;
}

function basemapSvg(vp: Viewport, bm: Basemap): string {
  let land = '';
  for (const s of bm.land) {
    for (const k of worldCopies(vp, s)) {
      const ring = clipRing(projectShape(vp, s, k, true));
      if (ring.length < 6) continue;
      land += `M${fmt(ring[0]!)} ${fmt(ring[1]!)}`;
      for (let i = 2; i < ring.length; i += 2) land += `L${fmt(ring[i]!)} ${fmt(ring[i + 1]!)}`;
      land += 'Z';
    }
  }
  let borders = '';
  for (const s of bm.borders) {
    for (const k of worldCopies(vp, s)) borders += polylinePath(projectShape(vp, s, k, false));
  }
  // borders scale down a little when zoomed far out, like a vector style would
  const bw = vp.scale < TILE_SIZE * 4 ? 0.6 : 0.9;
  return (
    `<rect width="${W}" height="${H}" fill="${STYLE.sea}"/>` +
    (land ? `<path d="${land}" fill="${STYLE.land}" fill-rule="nonzero" stroke="${STYLE.coast}" stroke-width="0.8" stroke-linejoin="round"/>` : '') +
    (borders ? `<path d="${borders}" fill="none" stroke="${STYLE.border}" stroke-width="${bw}" stroke-linejoin="round" stroke-linecap="round"/>` : '')
  );
}

// ---- Font metrics (for fitting the title), read from the same TTF resvg renders ----

interface FontMetrics {
  unitsPerEm: number;
  advance: (codePoint: number) => number;
}

function parseFontMetrics(buf: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const numTables = buf.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const o = 12 + 16 * i;
    tables.set(buf.toString('latin1', o, o + 4), buf.readUInt32BE(o + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error('preview-image: font lacks head/hhea/hmtx/cmap');
  }
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const numHMetrics = buf.readUInt16BE(hhea + 34);
  const advanceOf = (glyph: number) => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numHMetrics - 1));

  // cmap: prefer a format-12 (full Unicode) subtable, else format 4 (BMP)
  let f4: number | undefined;
  let f12: number | undefined;
  const nSub = buf.readUInt16BE(cmap + 2);
  for (let i = 0; i < nSub; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const off = cmap + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(off);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && f12 === undefined) f12 = off;
    if (format === 4 && f4 === undefined) f4 = off;
  }
  const glyphOf = (cp: number): number => {
    if (f12 !== undefined) {
      const nGroups = buf.readUInt32BE(f12 + 12);
      let lo = 0;
      let hi = nGroups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = f12 + 16 + 12 * mid;
        const start = buf.readUInt32BE(g);
        const end = buf.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return buf.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    }
    if (f4 !== undefined && cp <= 0xffff) {
      const segX2 = buf.readUInt16BE(f4 + 6);
      const ends = f4 + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let s = 0; s < segX2; s += 2) {
        if (cp > buf.readUInt16BE(ends + s)) continue;
        const start = buf.readUInt16BE(starts + s);
        if (cp < start) return 0;
        const delta = buf.readUInt16BE(deltas + s);
        const ro = buf.readUInt16BE(ranges + s);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = buf.readUInt16BE(ranges + s + ro + 2 * (cp - start));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance: (cp) => {
      let a = cache.get(cp);
      if (a === undefined) {
        a = advanceOf(glyphOf(cp));
        cache.set(cp, a);
      }
      return a;
    },
  };
}

interface Fonts {
  files: string[];
  regular: FontMetrics;
  bold: FontMetrics;
}
let fontsPromise: Promise<Fonts> | undefined;

function getFonts(): Promise<Fonts> {
  fontsPromise ??= (async () => {
    const { fs } = await nodeModules();
    const regularFile = await packageFile('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
    const boldFile = await packageFile('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');
    return {
      files: [regularFile, boldFile],
      regular: parseFontMetrics(fs.readFileSync(regularFile)),
      bold: parseFontMetrics(fs.readFileSync(boldFile)),
    };
  })();
  fontsPromise.catch(() => {
    fontsPromise = undefined;
  });
  return fontsPromise;
}

function textWidth(m: FontMetrics, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0) ?? 0);
  return (units / m.unitsPerEm) * size;
}

function ellipsize(m: FontMetrics, text: string, size: number, maxWidth: number): string {
  if (textWidth(m, text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(m, chars.slice(0, mid).join('').trimEnd() + '…', size) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

/** Greedy word wrap into at most `maxLines`, the last line ellipsized. */
function wrap(m: FontMetrics, text: string, size: number, maxWidth: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const next = cur ? `${cur} ${w}` : w;
    if (textWidth(m, next, size) <= maxWidth || !cur) {
      cur = next;
      continue;
    }
    lines.push(cur);
    cur = w;
    if (lines.length === maxLines - 1) {
      cur = words.slice(i).join(' ');
      i = words.length;
      break;
    }
  }
  if (cur) lines.push(cur);
  return lines.map((l, j) => (j === lines.length - 1 ? ellipsize(m, l, size, maxWidth) : l));
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    // characters XML 1.0 forbids
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

// ---- Overlays ------------------------------------------------------------------------

export function markerRadius(corroboration: number): number {
  const c = Math.max(1, Math.min(5, Math.round(Number.isFinite(corroboration) ? corroboration : 1)));
  return 5 + 2 * (c - 1); // 5..13 px
}

function onImage(x: number, y: number, margin: number): boolean {
  return x >= -margin && x <= W + margin && y >= -margin && y <= H + margin;
}

function areaRadiusPx(vp: Viewport, lat: number, radiusKm: number): number {
  const metersPerUnit = EARTH_CIRCUMFERENCE_M * Math.cos((clampLat(lat) * Math.PI) / 180);
  return ((radiusKm * 1000) / metersPerUnit) * vp.scale;
}

interface Marker {
  x: number;
  y: number;
  /** outer radius, selection ring included */
  r: number;
}

function eventsSvg(
  vp: Viewport,
  events: EventFeature[],
  selectedId: string | undefined,
): { areas: string; markers: string; drawn: Marker[]; shown: Set<Category> } {
  const hasSelected = selectedId !== undefined && events.some((e) => e.properties.id === selectedId);
  // stable order whatever the input order: big markers below small ones, the selected on top
  const sorted = [...events].sort((a, b) => {
    const sa = a.properties.id === selectedId ? 1 : 0;
    const sb = b.properties.id === selectedId ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const d = markerRadius(b.properties.corroboration) - markerRadius(a.properties.corroboration);
    if (d !== 0) return d;
    return a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0;
  });
  let areas = '';
  let markers = '';
  const drawn: Marker[] = [];
  const shown = new Set<Category>();
  for (const e of sorted) {
    const [lng, lat] = e.geometry.coordinates;
    if (lng === undefined || lat === undefined) continue;
    const [x, y] = project(vp, lng, lat);
    const p = e.properties;
    const color = CATEGORY_COLORS[p.category] ?? STYLE.ink;
    const selected = hasSelected && p.id === selectedId;
    const dim = hasSelected && !selected;
    const wide = p.place && (p.place.precision === 'region' || p.place.precision === 'country');
    const rKm = p.place?.radiusKm;
    if (wide && rKm !== undefined && rKm > 0) {
      const rr = areaRadiusPx(vp, lat, rKm);
      if (rr > markerRadius(p.corroboration) + 2 && onImage(x, y, rr)) {
        shown.add(p.category);
        areas +=
          `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(rr)}" fill="${color}" fill-opacity="${dim ? 0.08 : 0.16}"` +
          ` stroke="${color}" stroke-opacity="${dim ? 0.35 : 0.7}" stroke-width="1.5" stroke-dasharray="5 4"/>`;
      }
    }
    const r = markerRadius(p.corroboration) + (selected ? 4 : 0);
    if (!onImage(x, y, r + 12)) continue;
    drawn.push({ x, y, r: selected ? r + 7.5 : r + 1 });
    shown.add(p.category);
    if (selected) {
      markers +=
        `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r + 9)}" fill="${color}" fill-opacity="0.18"/>` +
        `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r + 6)}" fill="none" stroke="${STYLE.ink}" stroke-width="2.5"/>` +
        `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r + 3.5)}" fill="none" stroke="#ffffff" stroke-width="2.5"/>`;
    }
    markers +=
      `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}" fill="${color}"${dim ? ' fill-opacity="0.55"' : ''}` +
      ` stroke="#ffffff" stroke-width="${selected ? 2 : 1.5}"${dim ? ' stroke-opacity="0.7"' : ''}/>`;
  }
  return { areas, markers, drawn, shown };
}

/**
 * Shorten a polyline at its end so it stops `gap` px outside the marker its tip lies in
 * (an arrow head hidden under the destination's marker says nothing).
 */
function trimToMarker(xy: number[], markers: Marker[]): number[] {
  const n = xy.length / 2;
  const tx = xy[2 * (n - 1)]!;
  const ty = xy[2 * (n - 1) + 1]!;
  let hit: Marker | undefined;
  for (const m of markers) if (Math.hypot(tx - m.x, ty - m.y) < m.r && (!hit || m.r > hit.r)) hit = m;
  if (!hit) return xy;
  const R = hit.r + 2;
  for (let i = n - 2; i >= 0; i--) {
    const ax = xy[2 * i]!;
    const ay = xy[2 * i + 1]!;
    if (Math.hypot(ax - hit.x, ay - hit.y) < R) continue;
    // segment a (outside) → b (inside): the point at distance R from the centre
    const bx = xy[2 * i + 2]!;
    const by = xy[2 * i + 3]!;
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 30; k++) {
      const t = (lo + hi) / 2;
      if (Math.hypot(ax + (bx - ax) * t - hit.x, ay + (by - ay) * t - hit.y) >= R) lo = t;
      else hi = t;
    }
    return [...xy.slice(0, 2 * i + 2), ax + (bx - ax) * lo, ay + (by - ay) * lo];
  }
  return []; // the whole line lies inside the marker
}

/** Screen points of a movement: longitudes unwrapped (no 360° jumps), shifted to the copy nearest the centre. */
function movementPoints(vp: Viewport, m: MovementFeature): number[] {
  const coords = m.geometry?.coordinates ?? [];
  const lngs: number[] = [];
  const lats: number[] = [];
  let prev: number | undefined;
  for (const c of coords) {
    let lng = c[0];
    const lat = c[1];
    if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    if (prev !== undefined) lng += 360 * Math.round((prev - lng) / 360);
    lngs.push(lng);
    lats.push(lat);
    prev = lng;
  }
  if (lngs.length < 2) return [];
  const mid = (Math.min(...lngs) + Math.max(...lngs)) / 2;
  const shift = Math.round(vp.cx - mercX(mid));
  const out: number[] = [];
  for (let i = 0; i < lngs.length; i++) out.push(...toScreen(vp, mercX(lngs[i]!) + shift, mercY(lats[i]!)));
  return out;
}

function movementsSvg(vp: Viewport, movements: MovementFeature[], markers: Marker[]): { svg: string; shown: Set<MovementKind> } {
  const shown = new Set<MovementKind>();
  const sorted = [...movements].sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));
  let casing = '';
  let lines = '';
  let heads = '';
  for (const m of sorted) {
    const xy = trimToMarker(movementPoints(vp, m), markers);
    if (xy.length < 4) continue;
    const color = MOVEMENT_COLORS[m.properties.kind] ?? STYLE.ink;
    const n = xy.length / 2;
    const tx = xy[2 * (n - 1)]!;
    const ty = xy[2 * (n - 1) + 1]!;
    // direction of travel at the destination, from a point far enough back to be stable
    let bx = xy[0]!;
    let by = xy[1]!;
    for (let i = n - 2; i >= 0; i--) {
      bx = xy[2 * i]!;
      by = xy[2 * i + 1]!;
      if (Math.hypot(tx - bx, ty - by) >= 10) break;
    }
    const len = Math.hypot(tx - bx, ty - by);
    const trimmed = [...xy];
    let head = '';
    const headLen = 13;
    if (len > 0.5) {
      const ux = (tx - bx) / len;
      const uy = (ty - by) / len;
      // end the line inside the arrow head, so its butt does not poke out of the tip
      trimmed[trimmed.length - 2] = tx - ux * headLen * 0.6;
      trimmed[trimmed.length - 1] = ty - uy * headLen * 0.6;
      if (onImage(tx, ty, headLen)) {
        const hw = 6.5;
        const px = tx - ux * headLen;
        const py = ty - uy * headLen;
        head = `M${fmt(tx)} ${fmt(ty)}L${fmt(px - uy * hw)} ${fmt(py + ux * hw)}L${fmt(px + uy * hw)} ${fmt(py - ux * hw)}Z`;
      }
    }
    const d = polylinePath(trimmed);
    if (!d) continue;
    shown.add(m.properties.kind);
    const dashed = m.properties.status !== undefined && m.properties.status !== 'reported';
    casing += d;
    lines += `<path d="${d}" stroke="${color}"${dashed ? ' stroke-dasharray="7 5"' : ''}/>`;
    if (head) heads += `<path d="${head}" fill="${color}"/>`;
  }
  if (!casing) return { svg: '', shown };
  const svg =
    `<path d="${casing}" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="5.5" stroke-linecap="round" stroke-linejoin="round"/>` +
    `<g fill="none" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round">${lines}</g>` +
    (heads ? `<g stroke="#ffffff" stroke-width="1.2" stroke-linejoin="round">${heads}</g>` : '');
  return { svg, shown };
}

function label(category: string): string {
  const s = category.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Legend of the categories and movement kinds drawn on the image, top-left, wrapping into rows. */
function legendSvg(fonts: Fonts, cats: Set<Category>, kinds: Set<MovementKind>): { svg: string; box?: Box } {
  const items: Array<{ text: string; line?: boolean; swatch: (x: number, y: number) => string }> = [];
  for (const c of Object.keys(CATEGORY_COLORS) as Category[]) {
    if (!cats.has(c)) continue;
    items.push({
      text: CATEGORY_LABELS[c] ?? label(c),
      swatch: (x, y) => `<circle cx="${fmt(x + 5)}" cy="${fmt(y)}" r="5" fill="${CATEGORY_COLORS[c]}" stroke="#ffffff" stroke-width="1"/>`,
    });
  }
  for (const k of Object.keys(MOVEMENT_COLORS) as MovementKind[]) {
    if (!kinds.has(k)) continue;
    const color = MOVEMENT_COLORS[k];
    items.push({
      text: MOVEMENT_LABELS[k] ?? k,
      line: true,
      swatch: (x, y) =>
        `<path d="M${fmt(x)} ${fmt(y)}L${fmt(x + 10)} ${fmt(y)}" stroke="${color}" stroke-width="2.6" stroke-linecap="round"/>` +
        `<path d="M${fmt(x + 17)} ${fmt(y)}L${fmt(x + 9)} ${fmt(y - 4.5)}L${fmt(x + 9)} ${fmt(y + 4.5)}Z" fill="${color}"/>`,
    });
  }
  if (items.length === 0) return { svg: '' };
  const size = 15;
  const gap = 18;
  const padX = 14;
  const rowH = 30;
  const maxW = W - 48;
  // lay out into rows
  const rows: Array<Array<{ x: number; item: (typeof items)[number] }>> = [[]];
  let x = padX;
  let widest = 0;
  for (const it of items) {
    const sw = it.line ? 17 : 10;
    const w = sw + 7 + textWidth(fonts.regular, it.text, size);
    if (x + w + padX > maxW && rows[rows.length - 1]!.length > 0) {
      widest = Math.max(widest, x - gap);
      rows.push([]);
      x = padX;
    }
    rows[rows.length - 1]!.push({ x, item: it });
    x += w + gap;
  }
  widest = Math.max(widest, x - gap) + padX;
  const x0 = 24;
  const y0 = 22;
  const box: Box = { x0, y0, x1: x0 + widest, y1: y0 + rows.length * rowH + 6 };
  let out = `<rect x="${x0}" y="${y0}" width="${fmt(widest)}" height="${rows.length * rowH + 6}" rx="8" fill="${STYLE.legendBg}" fill-opacity="0.9" stroke="#000000" stroke-opacity="0.08"/>`;
  rows.forEach((row, r) => {
    const cy = y0 + 3 + rowH / 2 + r * rowH;
    for (const { x: ix, item } of row) {
      const sw = item.line ? 17 : 10;
      out += item.swatch(x0 + ix, cy);
      out += `<text x="${fmt(x0 + ix + sw + 7)}" y="${fmt(cy + 5)}" font-size="${size}" fill="${STYLE.legendText}">${esc(item.text)}</text>`;
    }
  });
  return { svg: out, box };
}

function bandSvg(fonts: Fonts, title: string, subtitle: string | undefined): { svg: string; top: number } {
  const padX = 40;
  const wordSize = 22;
  const wordmarkText = 'Situation Map';
  const wordW = 30 + textWidth(fonts.bold, wordmarkText, wordSize);
  const maxW = W - padX * 2 - wordW - 40;

  // the largest title size that fits one line; else two lines at the smallest
  let titleSize = 36;
  let lines = [title.trim() || 'Situation Map'];
  for (const s of [36, 32, 28]) {
    titleSize = s;
    if (textWidth(fonts.bold, lines[0]!, s) <= maxW) break;
  }
  if (textWidth(fonts.bold, lines[0]!, titleSize) > maxW) lines = wrap(fonts.bold, lines[0]!, titleSize, maxW, 2);
  const sub = subtitle?.trim() ? ellipsize(fonts.regular, subtitle.trim(), 21, maxW) : '';

  const lineH = Math.round(titleSize * 1.22);
  const bandH = 34 + lines.length * lineH + (sub ? 32 : 0) + 12;
  const top = H - bandH;
  let out =
    `<rect x="0" y="${top}" width="${W}" height="${bandH}" fill="${STYLE.bandBg}" fill-opacity="0.94"/>` +
    `<rect x="0" y="${top}" width="${W}" height="3" fill="${STYLE.bandAccent}"/>`;
  let y = top + 24 + titleSize * 0.9;
  for (const l of lines) {
    out += `<text x="${padX}" y="${fmt(y)}" font-size="${titleSize}" font-weight="700" fill="${STYLE.title}">${esc(l)}</text>`;
    y += lineH;
  }
  if (sub) out += `<text x="${padX}" y="${fmt(y - lineH + 36)}" font-size="21" fill="${STYLE.subtitle}">${esc(sub)}</text>`;

  // wordmark: a small target glyph and the name, right-aligned, vertically centred
  const cy = top + bandH / 2 + 1.5;
  const wx = W - padX - wordW;
  out +=
    `<circle cx="${fmt(wx + 10)}" cy="${fmt(cy)}" r="9" fill="none" stroke="${STYLE.bandAccent}" stroke-width="2.4"/>` +
    `<circle cx="${fmt(wx + 10)}" cy="${fmt(cy)}" r="3.4" fill="${STYLE.bandAccent}"/>` +
    `<text x="${fmt(wx + 30)}" y="${fmt(cy + wordSize * 0.36)}" font-size="${wordSize}" font-weight="700" fill="${STYLE.wordmark}">${wordmarkText}</text>`;
  return { svg: out, top };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** Country names, biggest countries first, where the country is wide enough on screen and the name hits nothing drawn on top. */
function labelsSvg(vp: Viewport, bm: Basemap, fonts: Fonts, obstacles: Box[]): string {
  const size = 12;
  const tracking = 1.6;
  const placed: Box[] = [];
  let out = '';
  for (const l of bm.labels) {
    if (placed.length >= 40) break;
    const sw = l.w * vp.scale;
    const sh = l.h * vp.scale;
    if (sh < 22 || sw < 40) continue;
    const tw = textWidth(fonts.bold, l.text, size) + tracking * (Array.from(l.text).length - 1);
    if (tw > sw * 0.75) continue;
    let ux = l.x;
    ux += Math.round(vp.cx - ux);
    const [x, y] = toScreen(vp, ux, l.y);
    const box: Box = { x0: x - tw / 2 - 4, y0: y - size * 0.8, x1: x + tw / 2 + 4, y1: y + size * 0.5 };
    if (box.x0 < 6 || box.x1 > W - 6 || box.y0 < 6 || box.y1 > H - 6) continue;
    if (placed.some((b) => overlaps(b, box)) || obstacles.some((b) => overlaps(b, box))) continue;
    placed.push(box);
    out += `<text x="${fmt(x)}" y="${fmt(y + size * 0.35)}">${esc(l.text)}</text>`;
  }
  if (!out) return '';
  return (
    `<g font-size="${size}" font-weight="700" letter-spacing="${tracking}" text-anchor="middle" fill="${STYLE.label}"` +
    ` stroke="${STYLE.land}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${out}</g>`
  );
}

// ---- Public API ------------------------------------------------------------------------

function validViewport(input: PreviewInput): [[number, number], number, number] {
  const [lng, lat] = input.center;
  const center: [number, number] = [Number.isFinite(lng) ? lng : 0, Number.isFinite(lat) ? clampLat(lat) : 0];
  const zoom = Number.isFinite(input.zoom) ? Math.max(0, Math.min(22, input.zoom)) : 0;
  const bearing = input.bearing !== undefined && Number.isFinite(input.bearing) ? input.bearing : 0;
  return [center, zoom, bearing];
}

/** The card as an SVG string (what renderPreviewPng rasterises). */
export async function renderPreviewSvg(input: PreviewInput): Promise<string> {
  const [center, zoom, bearing] = validViewport(input);
  const vp = makeViewport(center, zoom, bearing);
  const [bm, fonts] = await Promise.all([getBasemap(detailFor(zoom)), getFonts()]);
  const ev = eventsSvg(vp, input.events, input.selectedId);
  const mv = movementsSvg(vp, input.movements, ev.drawn);
  const legend = legendSvg(fonts, ev.shown, mv.shown);
  const band = bandSvg(fonts, input.title, input.subtitle);
  const obstacles: Box[] = [{ x0: 0, y0: band.top - 4, x1: W, y1: H }, ...ev.drawn.map((m) => ({ x0: m.x - m.r - 3, y0: m.y - m.r - 3, x1: m.x + m.r + 3, y1: m.y + m.r + 3 }))];
  if (legend.box) obstacles.push(legend.box);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT_FAMILY}">` +
    basemapSvg(vp, bm) +
    labelsSvg(vp, bm, fonts, obstacles) +
    ev.areas +
    mv.svg +
    ev.markers +
    legend.svg +
    band.svg +
    `</svg>`
  );
}

/** Render the 1200x630 PNG card for a map state. Deterministic: the same input gives the same bytes. */
export async function renderPreviewPng(input: PreviewInput): Promise<Buffer> {
  const [svg, fonts] = await Promise.all([renderPreviewSvg(input), getFonts()]);
  const { renderAsync } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ '@resvg/resvg-js');
  const img = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  return img.asPng();
}
