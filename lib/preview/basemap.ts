// The card's basemap: the same generated Natural Earth files the map draws (public/basemap/, written
// by scripts/build-basemap.mjs), in the same colours and line widths (lib/map-tokens.ts), the
// country names the map would label at that zoom, and the countries that country-level places
// stand for, drawn from the same polygons as the map's country-area layers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { BASEMAP_COLORS, BORDER_WIDTH, COASTLINE_WIDTH, COUNTRY_AREA, COUNTRY_LABEL } from '../map-tokens';
import { COUNTRY_AREA_COLOR } from '../palette';
import { fmt, polylinePath, ringPath } from './clip';
import { interpolate, step } from './stops';
import { mercX, mercY, overlaps, PREVIEW_HEIGHT, PREVIEW_WIDTH, toScreen, type Box, type Viewport } from './viewport';

interface Shape {
  /** interleaved world-unit x, y */
  pts: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface CountryLabel {
  name: string;
  short: string;
  /** 1 = largest countries */
  rank: number;
  /** world units */
  x: number;
  y: number;
}

export interface Basemap {
  land: Shape[];
  borders: Shape[];
  /** in the order the map places them: rank, then area */
  labels: CountryLabel[];
  /** every ring of each country, by its Natural Earth name (the basemap's `name`, as the map selects it) */
  countries: Map<string, Shape[]>;
}

function toShape(coords: number[][]): Shape | null {
  if (coords.length < 2) return null;
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
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  return { pts, minX, minY, maxX, maxY };
}

/** Every ring (polygons) or line (lines) of a collection, as lists of positions. */
function lines(fc: FeatureCollection): number[][][] {
  const out: number[][][] = [];
  const add = (g: Geometry | null) => {
    if (!g) return;
    if (g.type === 'Polygon' || g.type === 'MultiLineString') out.push(...g.coordinates);
    else if (g.type === 'MultiPolygon') for (const p of g.coordinates) out.push(...p);
    else if (g.type === 'LineString') out.push(g.coordinates);
    else if (g.type === 'GeometryCollection') g.geometries.forEach(add);
  };
  for (const f of fc.features) add(f.geometry);
  return out;
}

async function readJson<T>(file: string): Promise<T> {
  const full = path.join(process.cwd(), 'public', 'basemap', file);
  try {
    return JSON.parse(await readFile(full, 'utf8')) as T;
  } catch (e) {
    throw new Error(`preview: cannot read ${full} (run node scripts/build-basemap.mjs): ${(e as Error).message}`);
  }
}

async function load(): Promise<Basemap> {
  const [land, borders, labels, countries] = await Promise.all([
    readJson<FeatureCollection>('land.json'),
    readJson<FeatureCollection>('borders.json'),
    readJson<FeatureCollection<Point, { name: string; name_short: string; rank: number }>>('country-labels.json'),
    readJson<FeatureCollection<Geometry, { name: string }>>('countries.json'),
  ]);
  const shapes = (fc: FeatureCollection) => lines(fc).map(toShape).filter((s): s is Shape => s !== null);
  const byName = new Map<string, Shape[]>();
  for (const f of countries.features) {
    const name = f.properties?.name;
    if (typeof name !== 'string') continue;
    byName.set(name, [...(byName.get(name) ?? []), ...shapes({ type: 'FeatureCollection', features: [f] })]);
  }
  return {
    countries: byName,
    land: shapes(land),
    borders: shapes(borders),
    labels: labels.features.map((f: Feature<Point, { name: string; name_short: string; rank: number }>) => ({
      name: f.properties.name,
      short: f.properties.name_short,
      rank: f.properties.rank,
      x: mercX(f.geometry.coordinates[0] ?? 0),
      y: mercY(f.geometry.coordinates[1] ?? 0),
    })),
  };
}

let basemap: Promise<Basemap> | undefined;

/** Read and pre-projected once per process; a failed read is retried on the next call. */
export function getBasemap(): Promise<Basemap> {
  if (!basemap) {
    basemap = load();
    basemap.catch(() => {
      basemap = undefined;
    });
  }
  return basemap;
}

/** Project a shape on the world copy `k` worlds east, dropping points closer than a pixel to the last. */
function projectShape(vp: Viewport, s: Shape, k: number): number[] {
  const out: number[] = [];
  const n = s.pts.length / 2;
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < n; i++) {
    const [x, y] = toScreen(vp, s.pts[2 * i]! + k, s.pts[2 * i + 1]!);
    if (i !== n - 1 && Math.abs(x - lx) < 0.6 && Math.abs(y - ly) < 0.6) continue;
    out.push(x, y);
    lx = x;
    ly = y;
  }
  return out;
}

/** The world copies (offsets in worlds) on which a shape shows in the viewport. */
function worldCopies(vp: Viewport, s: Shape): number[] {
  if (s.maxY < vp.cy - vp.halfY || s.minY > vp.cy + vp.halfY) return [];
  const ks: number[] = [];
  for (let k = Math.floor(vp.cx - vp.halfX) - 1; k <= Math.ceil(vp.cx + vp.halfX); k++) {
    if (s.maxX + k >= vp.cx - vp.halfX && s.minX + k <= vp.cx + vp.halfX) ks.push(k);
  }
  return ks;
}

/** Sea, land with its coastline, and borders, as SVG elements. */
export function basemapSvg(vp: Viewport, bm: Basemap): string {
  let land = '';
  for (const s of bm.land) for (const k of worldCopies(vp, s)) land += ringPath(projectShape(vp, s, k));
  let borders = '';
  for (const s of bm.borders) for (const k of worldCopies(vp, s)) borders += polylinePath(projectShape(vp, s, k));
  const c = BASEMAP_COLORS;
  // The map paints land, then every country over it in `country`; at this scale the countries
  // cover all the land, so the land is filled with the colour that shows.
  return (
    `<rect width="${PREVIEW_WIDTH}" height="${PREVIEW_HEIGHT}" fill="${c.sea}"/>` +
    (land
      ? `<path d="${land}" fill="${c.country}" stroke="${c.coastline}" stroke-width="${fmt2(interpolate(COASTLINE_WIDTH, vp.zoom))}" stroke-linejoin="round"/>`
      : '') +
    (borders
      ? `<path d="${borders}" fill="none" stroke="${c.border}" stroke-width="${fmt2(interpolate(BORDER_WIDTH, vp.zoom))}" stroke-linejoin="round" stroke-linecap="round"/>`
      : '')
  );
}

/**
 * The countries that country-level places stand for, as the map's country-area layers draw them:
 * each country's own polygons (holes and islands included) under a faint fill and a dashed outline,
 * all fills under all outlines. `names` select countries by name only; a name the basemap lacks
 * draws nothing, as on the map. Only numbers and palette colours are written.
 */
export function countryAreasSvg(vp: Viewport, bm: Basemap, names: Iterable<string>): string {
  let d = '';
  for (const name of [...new Set(names)].sort()) {
    for (const s of bm.countries.get(name) ?? []) for (const k of worldCopies(vp, s)) d += ringPath(projectShape(vp, s, k));
  }
  if (!d) return '';
  const a = COUNTRY_AREA;
  const [dash, gap] = a.lineDash;
  // Rings are clipped to the image plus a margin, so the clip edges stroked here fall off-image.
  return (
    `<path d="${d}" fill="${COUNTRY_AREA_COLOR}" fill-opacity="${a.fillOpacity}" fill-rule="evenodd" stroke="none"/>` +
    `<path d="${d}" fill="none" stroke="${COUNTRY_AREA_COLOR}" stroke-opacity="${a.lineOpacity}" stroke-width="${a.lineWidth}"` +
    ` stroke-dasharray="${fmt2(dash * a.lineWidth)} ${fmt2(gap * a.lineWidth)}" stroke-linejoin="round"/>`
  );
}

function fmt2(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export interface PlacedLabel {
  text: string;
  /** centre of the text, image pixels */
  x: number;
  y: number;
  size: number;
  /** px; a longer name wraps onto a second line, as the map's `text-max-width` does */
  maxWidth: number;
}

/**
 * The country names the map shows at this zoom (same ranks, names and sizes), in its placement
 * order, where the name fits inside the image and hits no other label nor any obstacle (markers,
 * legend, title band). `measure` gives a label's width in px at a size.
 */
export function countryLabels(vp: Viewport, bm: Basemap, obstacles: readonly Box[], measure: (text: string, size: number) => number): PlacedLabel[] {
  // MapLibre evaluates layer filters at integer zooms.
  const maxRank = step(COUNTRY_LABEL.maxRankByZoom, Math.floor(vp.zoom));
  const sizes = COUNTRY_LABEL.sizeByZoom;
  const placed: Box[] = [];
  const out: PlacedLabel[] = [];
  for (const l of bm.labels) {
    if (l.rank > maxRank) continue;
    const size = interpolate([2, step(sizes[2], l.rank), 4, step(sizes[4], l.rank), 7, step(sizes[7], l.rank)], vp.zoom);
    const text = (vp.zoom < 5 ? l.short : l.name).toUpperCase();
    let ux = l.x;
    ux += Math.round(vp.cx - ux);
    const [x, y] = toScreen(vp, ux, l.y);
    const maxWidth = COUNTRY_LABEL.maxWidth * size;
    const width = measure(text, size);
    const wraps = width > maxWidth && text.includes(' ');
    const half = (wraps ? maxWidth : width) / 2 + COUNTRY_LABEL.padding + COUNTRY_LABEL.haloWidth;
    const halfH = (wraps ? 2 * COUNTRY_LABEL.lineHeight : 1.4) * size * 0.5;
    const box: Box = { x0: x - half, y0: y - halfH, x1: x + half, y1: y + halfH };
    if (box.x0 < 4 || box.x1 > PREVIEW_WIDTH - 4 || box.y0 < 4 || box.y1 > PREVIEW_HEIGHT - 4) continue;
    if (placed.some((b) => overlaps(b, box)) || obstacles.some((b) => overlaps(b, box))) continue;
    placed.push(box);
    out.push({ text, x, y, size, maxWidth });
  }
  return out;
}
