// Bounding-box tests with no dependencies, so the client bundle can use them without turf.
import type { Position } from 'geojson';

export type Bbox = [west: number, south: number, east: number, north: number];

/** Inclusive bbox test; a bbox whose west is east of its east crosses the antimeridian. */
export function inBbox(lng: number, lat: number, [w, s, e, n]: Bbox): boolean {
  if (lat < s || lat > n) return false;
  return w <= e ? lng >= w && lng <= e : lng >= w || lng <= e;
}

/** Whether a line's own bbox touches the query bbox (enough to decide if an arc is in view). */
export function lineIntersectsBbox(coords: Position[], bbox: Bbox): boolean {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of coords) {
    const lng = ((((x! + 180) % 360) + 360) % 360) - 180;
    if (inBbox(lng, y!, bbox)) return true;
    minX = Math.min(minX, x!); maxX = Math.max(maxX, x!); minY = Math.min(minY, y!); maxY = Math.max(maxY, y!);
  }
  const [w, s, e, n] = bbox;
  return w <= e && minX <= e && maxX >= w && minY <= n && maxY >= s;
}

