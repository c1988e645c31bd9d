// MapLibre's Web Mercator with 512-px tiles, for a 1200x630 card: the world is 512 * 2^zoom px
// wide, the centre sits at the image centre, and `bearing` rotates the map as MapLibre does (the
// direction `bearing` degrees clockwise from north points up). Pitch is not drawn: a flat card of a
// tilted view still shows the right places.

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

const W = PREVIEW_WIDTH;
const H = PREVIEW_HEIGHT;
const TILE_SIZE = 512;
const MAX_LAT = 85.051128779806604;
const EARTH_CIRCUMFERENCE_M = 2 * Math.PI * 6378137;
const MAX_ZOOM = 22;

export function clampLat(lat: number): number {
  return Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
}
/** lng → mercator x in world units [0, 1] (as MapLibre's MercatorCoordinate) */
export function mercX(lng: number): number {
  return (lng + 180) / 360;
}
/** lat → mercator y in world units [0, 1], 0 at the north edge */
export function mercY(lat: number): number {
  const s = Math.sin((clampLat(lat) * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI;
}

export interface Viewport {
  zoom: number;
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

/**
 * A viewport for any input: a link's numbers are clamped, not refused, as the page clamps them
 * (non-finite values fall back to the whole world, north up).
 */
export function makeViewport(center: readonly [number, number], zoom: number, bearing = 0): Viewport {
  const [lng, lat] = center;
  const z = Number.isFinite(zoom) ? Math.max(0, Math.min(MAX_ZOOM, zoom)) : 0;
  const b = Number.isFinite(bearing) ? bearing : 0;
  const scale = TILE_SIZE * 2 ** z;
  const theta = (-b * Math.PI) / 180;
  // exactly unrotated at bearing 0 (cos/sin of 0 are exact, but -0 and 360 are not worth a path)
  const rotated = Math.abs(Math.sin(theta)) > 1e-9 || Math.cos(theta) < 0;
  const halfDiag = Math.hypot(W, H) / 2;
  return {
    zoom: z,
    cx: mercX(Number.isFinite(lng) ? lng : 0),
    cy: mercY(Number.isFinite(lat) ? lat : 0),
    scale,
    cos: rotated ? Math.cos(theta) : 1,
    sin: rotated ? Math.sin(theta) : 0,
    halfX: (rotated ? halfDiag : W / 2) / scale,
    halfY: (rotated ? halfDiag : H / 2) / scale,
  };
}

/** world units → image pixels */
export function toScreen(vp: Viewport, ux: number, uy: number): [number, number] {
  const dx = (ux - vp.cx) * vp.scale;
  const dy = (uy - vp.cy) * vp.scale;
  return [W / 2 + dx * vp.cos - dy * vp.sin, H / 2 + dx * vp.sin + dy * vp.cos];
}

/** lng/lat → image pixels, on the copy of the world nearest the centre */
export function project(vp: Viewport, lng: number, lat: number): [number, number] {
  let ux = mercX(lng);
  ux += Math.round(vp.cx - ux);
  return toScreen(vp, ux, mercY(lat));
}

/** A ground distance at a latitude, in image pixels. */
export function kmToPx(vp: Viewport, lat: number, km: number): number {
  const metresPerUnit = EARTH_CIRCUMFERENCE_M * Math.cos((clampLat(lat) * Math.PI) / 180);
  return ((km * 1000) / metresPerUnit) * vp.scale;
}

export function onImage(x: number, y: number, margin: number): boolean {
  return x >= -margin && x <= W + margin && y >= -margin && y <= H + margin;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

const lngOf = (ux: number) => ux * 360 - 180;
const latOf = (uy: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * uy))) * 180) / Math.PI;

/**
 * The part of the world the card shows, as west,south,east,north (west > east across the
 * antimeridian): the store is asked for the events there, not for every event in range.
 */
export function viewportBbox(vp: Viewport): [number, number, number, number] {
  const south = latOf(Math.min(1, vp.cy + vp.halfY));
  const north = latOf(Math.max(0, vp.cy - vp.halfY));
  if (vp.halfX >= 0.5) return [-180, south, 180, north];
  const wrap = (ux: number) => ((ux % 1) + 1) % 1;
  return [lngOf(wrap(vp.cx - vp.halfX)), south, lngOf(wrap(vp.cx + vp.halfX)), north];
}
