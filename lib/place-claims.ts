// Whether two sources that name a place differently contradict each other. "Iran" and "Tehran" do
// not: Tehran lies within Iran, so one source is only less precise than the other. Calling that a
// dispute would tell readers the sources disagree when they do not; calling two different cities
// "a difference of precision" would hide a real disagreement. Pure, so it is tested on its own.
import type { PlacePrecision } from './vocab';

export interface ComparablePlace {
  id?: string;
  name: string;
  country: string;
  lat: number;
  lng: number;
  precision: PlacePrecision;
  radiusKm?: number;
}

/** How place `a` relates to place `b`. */
export type PlaceRelation = 'same' | 'contains' | 'within' | 'conflicts';

/**
 * Cities carry no radius in the data. Their extent only matters for deciding whether a district
 * ("southern Beirut") lies inside one, so a generous metropolitan radius is enough.
 */
export const CITY_RADIUS_KM = 15;

const EARTH_RADIUS_KM = 6371.0088;

export function distanceKm(a: Pick<ComparablePlace, 'lat' | 'lng'>, b: Pick<ComparablePlace, 'lat' | 'lng'>): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** How far the place extends from its point; a country is unbounded here, judged by name instead. */
export function extentKm(p: ComparablePlace): number {
  switch (p.precision) {
    case 'country':
      return Infinity;
    case 'region':
      return p.radiusKm ?? 0;
    case 'city':
      return p.radiusKm ?? CITY_RADIUS_KM;
    case 'point':
      return 0;
  }
}

/** Sort key, coarsest highest (Infinity - Infinity would be NaN). */
const coarseness = (p: ComparablePlace) => (p.precision === 'country' ? Number.MAX_VALUE : extentKm(p));

const norm = (s: string) => s.trim().toLowerCase();

function samePlace(a: ComparablePlace, b: ComparablePlace): boolean {
  if (a.id !== undefined && b.id !== undefined) return a.id === b.id;
  return norm(a.name) === norm(b.name) && norm(a.country) === norm(b.country) && a.precision === b.precision;
}

/** Does `outer` contain `inner`? A country contains what lies in it; anything else by distance. */
function contains(outer: ComparablePlace, inner: ComparablePlace): boolean {
  // Countries by name, not by distance: a radius around a country's middle would take in its
  // neighbours' cities (Amman lies within 120 km of Israel's middle).
  if (outer.precision === 'country') return inner.precision !== 'country' && norm(inner.country) === norm(outer.country);
  if (inner.precision === 'country') return false;
  const outerKm = extentKm(outer);
  return outerKm > extentKm(inner) && distanceKm(outer, inner) <= outerKm;
}

export function comparePlaces(a: ComparablePlace, b: ComparablePlace): PlaceRelation {
  if (samePlace(a, b)) return 'same';
  if (contains(a, b)) return 'contains';
  if (contains(b, a)) return 'within';
  return 'conflicts';
}

export type PlaceAgreement<P extends ComparablePlace> =
  /** every source names the same place (or none names one) */
  | { kind: 'agree'; places: P[] }
  /** they name nested places: coarsest first, e.g. Iran (country), Tehran (city) */
  | { kind: 'precision'; places: P[] }
  /** at least two of them name places neither of which contains the other */
  | { kind: 'conflict'; places: P[] };

/**
 * What the places that several sources name amount to. Nesting is judged pairwise: "Iran",
 * "Tehran" and "southern Tehran" differ only in precision, "Tehran" and "Beirut" conflict.
 */
export function comparePlaceClaims<P extends ComparablePlace>(claims: readonly P[]): PlaceAgreement<P> {
  const places: P[] = [];
  for (const c of claims) if (!places.some((p) => samePlace(p, c))) places.push(c);
  const ordered = [...places].sort((a, b) => coarseness(b) - coarseness(a));
  if (ordered.length < 2) return { kind: 'agree', places: ordered };
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      if (comparePlaces(ordered[i]!, ordered[j]!) === 'conflicts') return { kind: 'conflict', places: ordered };
    }
  }
  return { kind: 'precision', places: ordered };
}
