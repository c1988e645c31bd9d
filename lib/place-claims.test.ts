import { describe, expect, it } from 'vitest';
import { CITY_RADIUS_KM, comparePlaceClaims, comparePlaces, distanceKm, type ComparablePlace } from './place-claims';

// The places as data/places.json records them.
const iran: ComparablePlace = { id: 'iran', name: 'Iran', country: 'Iran', lat: 32.5, lng: 53.7, precision: 'country', radiusKm: 650 };
const tehran: ComparablePlace = { id: 'tehran', name: 'Tehran', country: 'Iran', lat: 35.6892, lng: 51.389, precision: 'city' };
const beirut: ComparablePlace = { id: 'beirut', name: 'Beirut', country: 'Lebanon', lat: 33.8938, lng: 35.5018, precision: 'city' };
const southernBeirut: ComparablePlace = { id: 'southern-beirut', name: 'Southern Beirut', country: 'Lebanon', lat: 33.853, lng: 35.508, precision: 'region', radiusKm: 4 };
const golan: ComparablePlace = { id: 'golan-heights', name: 'Golan Heights', country: 'Golan Heights (Israeli-occupied, Syria)', lat: 33.0, lng: 35.78, precision: 'region', radiusKm: 30 };
const israel: ComparablePlace = { id: 'israel', name: 'Israel', country: 'Israel', lat: 31.5, lng: 34.9, precision: 'country', radiusKm: 120 };
const telAviv: ComparablePlace = { id: 'tel-aviv', name: 'Tel Aviv', country: 'Israel', lat: 32.0853, lng: 34.7818, precision: 'city' };
const russia: ComparablePlace = { id: 'russia', name: 'Russia', country: 'Russia', lat: 55.0, lng: 45.0, precision: 'country', radiusKm: 900 };
const baghdad: ComparablePlace = { id: 'baghdad', name: 'Baghdad', country: 'Iraq', lat: 33.315, lng: 44.366, precision: 'city' };
const amman: ComparablePlace = { id: 'amman', name: 'Amman', country: 'Jordan', lat: 31.9454, lng: 35.9284, precision: 'city' };
const moscow: ComparablePlace = { id: 'moscow', name: 'Moscow', country: 'Russia', lat: 55.7558, lng: 37.6173, precision: 'city' };

describe('distanceKm', () => {
  it('measures great-circle distance (Moscow–Tehran ≈ 2,460 km)', () => {
    expect(distanceKm(moscow, tehran)).toBeGreaterThan(2400);
    expect(distanceKm(moscow, tehran)).toBeLessThan(2520);
    expect(distanceKm(tehran, tehran)).toBe(0);
  });
});

describe('comparePlaces', () => {
  it('a country contains its cities: Iran vs Tehran is precision, not conflict', () => {
    expect(comparePlaces(iran, tehran)).toBe('contains');
    expect(comparePlaces(tehran, iran)).toBe('within');
  });

  it('a city contains a district within its radius: Beirut vs southern Beirut', () => {
    expect(distanceKm(beirut, southernBeirut)).toBeLessThan(CITY_RADIUS_KM);
    expect(comparePlaces(beirut, southernBeirut)).toBe('contains');
    expect(comparePlaces(southernBeirut, beirut)).toBe('within');
  });

  it('the same place is the same, by id or by name and country', () => {
    expect(comparePlaces(tehran, { ...tehran })).toBe('same');
    const { id: _id, ...anonymous } = tehran;
    expect(comparePlaces(anonymous, { ...anonymous, name: 'tehran' })).toBe('same');
  });

  it('two different cities conflict, however close', () => {
    expect(comparePlaces(tehran, beirut)).toBe('conflicts');
    expect(comparePlaces(beirut, telAviv)).toBe('conflicts');
  });

  it('a country does not contain a city of another country that lies inside its radius', () => {
    // Amman is within Israel's 120 km radius of its middle, but not in Israel.
    expect(distanceKm(israel, amman)).toBeLessThan(israel.radiusKm!);
    expect(comparePlaces(israel, amman)).toBe('conflicts');
    expect(comparePlaces(iran, baghdad)).toBe('conflicts');
  });

  it('occupied territory is not silently counted as part of the occupier', () => {
    expect(comparePlaces(israel, golan)).toBe('conflicts');
  });

  it('two countries conflict', () => {
    expect(comparePlaces(iran, russia)).toBe('conflicts');
  });

  it('a region does not contain a city outside its radius', () => {
    expect(comparePlaces(golan, beirut)).toBe('conflicts');
  });
});

describe('comparePlaceClaims', () => {
  it('Iran and Tehran (as the Shoigu sources word it) differ in precision, coarsest first', () => {
    const r = comparePlaceClaims([iran, tehran, tehran, tehran, tehran]);
    expect(r.kind).toBe('precision');
    expect(r.places.map((p) => p.name)).toEqual(['Iran', 'Tehran']);
  });

  it('orders by extent, not by the precision vocabulary: a city is coarser than a district region', () => {
    const r = comparePlaceClaims([southernBeirut, beirut]);
    expect(r.kind).toBe('precision');
    expect(r.places.map((p) => p.name)).toEqual(['Beirut', 'Southern Beirut']);
  });

  it('one place named by every source is agreement', () => {
    expect(comparePlaceClaims([tehran, tehran]).kind).toBe('agree');
    expect(comparePlaceClaims([]).kind).toBe('agree');
  });

  it('any pair of places that do not nest is a conflict, even beside a nested pair', () => {
    expect(comparePlaceClaims([tehran, beirut]).kind).toBe('conflict');
    expect(comparePlaceClaims([iran, tehran, baghdad]).kind).toBe('conflict');
    expect(comparePlaceClaims([moscow, russia, iran]).kind).toBe('conflict');
  });

  it('a chain of nested places is one difference of precision', () => {
    const southTehran: ComparablePlace = { id: 'south-tehran', name: 'South Tehran', country: 'Iran', lat: 35.62, lng: 51.4, precision: 'region', radiusKm: 5 };
    const r = comparePlaceClaims([southTehran, iran, tehran]);
    expect(r.kind).toBe('precision');
    expect(r.places.map((p) => p.id)).toEqual(['iran', 'tehran', 'south-tehran']);
  });
});
