import { describe, expect, it } from 'vitest';
import { distance, length, lineString } from '@turf/turf';
import type { Position } from 'geojson';
import { inBbox } from './bbox';
import { greatCircleArc, uncertaintyArea } from './geo';

const MOSCOW: Position = [37.6173, 55.7558];
const TEHRAN: Position = [51.389, 35.6892];
const TOKYO: Position = [139.6917, 35.6895];
const LOS_ANGELES: Position = [-118.2437, 34.0522];

describe('greatCircleArc', () => {
  const arc = greatCircleArc([MOSCOW, TEHRAN]);
  const c = arc.coordinates;

  it('starts exactly at the origin and ends exactly at the destination', () => {
    expect(c[0]).toEqual(MOSCOW);
    expect(c[c.length - 1]).toEqual(TEHRAN);
  });

  it('is a smooth line with many points', () => {
    expect(arc.type).toBe('LineString');
    expect(c.length).toBeGreaterThanOrEqual(32);
  });

  it('bulges north of the straight lng/lat line, as a great circle does in the northern hemisphere', () => {
    const [x0, y0] = MOSCOW as [number, number];
    const [x1, y1] = TEHRAN as [number, number];
    const mid = c[Math.floor(c.length / 2)] as [number, number];
    // latitude of the straight lng/lat segment at the midpoint's longitude
    const straightLat = y0 + ((mid[0] - x0) / (x1 - x0)) * (y1 - y0);
    expect(mid[1] - straightLat).toBeGreaterThan(0.5);
  });

  it('is as long as the great-circle distance (within 1%)', () => {
    const gc = distance(MOSCOW, TEHRAN, { units: 'kilometers' });
    expect(gc).toBeGreaterThan(2400);
    expect(gc).toBeLessThan(2500);
    const len = length(lineString(c), { units: 'kilometers' });
    expect(Math.abs(len - gc) / gc).toBeLessThan(0.01);
  });

  it('passes through a waypoint', () => {
    const BAKU: Position = [49.8671, 40.4093];
    const via = greatCircleArc([MOSCOW, BAKU, TEHRAN]).coordinates;
    expect(via[0]).toEqual(MOSCOW);
    expect(via[via.length - 1]).toEqual(TEHRAN);
    expect(via.some((p) => Math.abs(p[0]! - BAKU[0]!) < 1e-6 && Math.abs(p[1]! - BAKU[1]!) < 1e-6)).toBe(true);
    // and the detour makes it longer than the direct arc
    expect(length(lineString(via))).toBeGreaterThan(length(lineString(c)));
  });

  it('crossing the antimeridian (Tokyo → Los Angeles) has no jump between consecutive longitudes', () => {
    const t = greatCircleArc([TOKYO, LOS_ANGELES]).coordinates;
    expect(t[0]).toEqual(TOKYO);
    for (let i = 1; i < t.length; i++) {
      expect(Math.abs(t[i]![0]! - t[i - 1]![0]!)).toBeLessThan(180);
    }
    // it really goes east over the Pacific: the end is Los Angeles, written continuously (+360)
    const last = t[t.length - 1]!;
    expect(last[0]! - 360).toBeCloseTo(LOS_ANGELES[0]!, 5);
    expect(last[1]).toBeCloseTo(LOS_ANGELES[1]!, 5);
    const gc = distance(TOKYO, LOS_ANGELES);
    expect(Math.abs(length(lineString(t)) - gc) / gc).toBeLessThan(0.01);
  });

  it('refuses a single stop', () => {
    expect(() => greatCircleArc([MOSCOW])).toThrow();
  });
});

describe('inBbox', () => {
  it('normal box is inclusive at its edges', () => {
    const b: [number, number, number, number] = [35, 33, 36.5, 34.5];
    expect(inBbox(35.5018, 33.8938, b)).toBe(true); // Beirut
    expect(inBbox(35, 33, b)).toBe(true);
    expect(inBbox(36.5, 34.5, b)).toBe(true);
    expect(inBbox(51.389, 35.6892, b)).toBe(false); // Tehran
    expect(inBbox(35.5, 32.9, b)).toBe(false);
  });

  it('a box with west > east crosses the antimeridian', () => {
    const b: [number, number, number, number] = [170, -20, -170, 20];
    expect(inBbox(175, 0, b)).toBe(true);
    expect(inBbox(-175, 0, b)).toBe(true);
    expect(inBbox(-180, 0, b)).toBe(true);
    expect(inBbox(0, 0, b)).toBe(false);
    expect(inBbox(160, 0, b)).toBe(false);
    expect(inBbox(-160, 0, b)).toBe(false);
    expect(inBbox(175, 25, b)).toBe(false);
  });
});

describe('uncertaintyArea', () => {
  it('is a closed polygon whose vertices lie radiusKm from the centre', () => {
    const [lng, lat, r] = [35.78, 33.0, 30]; // Golan Heights, 30 km
    const f = uncertaintyArea(lng, lat, r, { id: 'golan-heights' });
    expect(f.type).toBe('Feature');
    expect(f.properties).toEqual({ id: 'golan-heights' });
    expect(f.geometry.type).toBe('Polygon');
    const ring = f.geometry.coordinates[0]!;
    expect(ring.length).toBeGreaterThan(16);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const p of ring) {
      const d = distance([lng, lat], p, { units: 'kilometers' });
      expect(Math.abs(d - r) / r).toBeLessThan(0.01);
    }
  });

  it('grows with the radius (a country is wider than a region)', () => {
    const small = uncertaintyArea(53.7, 32.5, 30, {}).geometry.coordinates[0]![0]!;
    const big = uncertaintyArea(53.7, 32.5, 650, {}).geometry.coordinates[0]![0]!;
    expect(distance([53.7, 32.5], big)).toBeGreaterThan(20 * distance([53.7, 32.5], small));
  });
});
