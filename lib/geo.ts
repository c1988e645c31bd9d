// Geometry as pure functions: great-circle arcs for movements, areas for imprecise places,
// bounding boxes. Everything returns plain GeoJSON so the map, the API and the preview image share it.
import { greatCircle, circle, point } from '@turf/turf';
import type { Feature, LineString, Polygon, Position } from 'geojson';


/** Longitudes made continuous (no jump of ~360° at the antimeridian) so one LineString draws right. */
export function unwrapLongitudes(coords: Position[]): Position[] {
  const out: Position[] = [];
  for (const c of coords) {
    const prev = out[out.length - 1];
    let lng = c[0]!;
    if (prev) {
      while (lng - prev[0]! > 180) lng -= 360;
      while (lng - prev[0]! < -180) lng += 360;
    }
    out.push([round(lng), round(c[1]!)]);
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

/**
 * The great-circle path through the given [lng, lat] stops (origin, waypoints, destination).
 * Each leg gets points in proportion to its length so short hops stay light and long ones smooth.
 */
export function greatCircleArc(stops: Position[], pointsPerLeg = 64): LineString {
  if (stops.length < 2) throw new Error('an arc needs at least two stops');
  const coords: Position[] = [];
  for (let i = 0; i < stops.length - 1; i++) {
    const a = stops[i]!;
    const b = stops[i + 1]!;
    let leg: Position[];
    if (a[0] === b[0] && a[1] === b[1]) leg = [a, b];
    else {
      const g = greatCircle(point(a), point(b), { npoints: pointsPerLeg });
      leg = g.geometry.type === 'LineString' ? g.geometry.coordinates : g.geometry.coordinates.flat();
    }
    coords.push(...(i === 0 ? leg : leg.slice(1)));
  }
  return { type: 'LineString', coordinates: unwrapLongitudes(coords) };
}

/** A polygon approximating the uncertainty radius of a region- or country-precision place. */
export function uncertaintyArea<P extends object>(lng: number, lat: number, radiusKm: number, properties: P): Feature<Polygon, P> {
  const c = circle([lng, lat], radiusKm, { steps: 48, units: 'kilometers' });
  return { type: 'Feature', geometry: c.geometry, properties };
}

/** Initial bearing in degrees from a to b, for arrow heads. */
export function bearing(a: Position, b: Position): number {
  const toRad = Math.PI / 180;
  const [l1, p1] = [a[0]! * toRad, a[1]! * toRad];
  const [l2, p2] = [b[0]! * toRad, b[1]! * toRad];
  const y = Math.sin(l2 - l1) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(l2 - l1);
  return ((Math.atan2(y, x) / toRad) + 360) % 360;
}
