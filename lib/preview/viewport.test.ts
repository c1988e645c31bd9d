import { describe, expect, it } from 'vitest';
import { kmToPx, makeViewport, onImage, project, viewportBbox } from './viewport';

const TEHRAN: [number, number] = [51.389, 35.689];

describe('viewport', () => {
  it('puts the centre at the image centre and matches MapLibre 512-px-tile scale', () => {
    const vp = makeViewport(TEHRAN, 5);
    const [x, y] = project(vp, TEHRAN[0], TEHRAN[1]);
    expect(x).toBeCloseTo(600, 6);
    expect(y).toBeCloseTo(315, 6);
    // 10° of longitude at zoom 5 is 10/360 of a 512 * 32 px world, eastward
    const [x2, y2] = project(vp, TEHRAN[0] + 10, TEHRAN[1]);
    expect(x2 - 600).toBeCloseTo((10 / 360) * 512 * 32, 6);
    expect(y2).toBeCloseTo(315, 6);
    // north is up; the equator at zoom 0 centred on 0,0 is the middle row
    expect(project(vp, TEHRAN[0], TEHRAN[1] + 1)[1]).toBeLessThan(315);
    expect(project(makeViewport([0, 0], 0), 90, 0)).toEqual([600 + 128, 315]);
  });

  it('rotates by the bearing as MapLibre does', () => {
    // bearing 90: east points up
    const [xr, yr] = project(makeViewport(TEHRAN, 5, 90), TEHRAN[0] + 1, TEHRAN[1]);
    expect(xr).toBeCloseTo(600, 6);
    expect(yr).toBeLessThan(315);
    // bearing 180: north points down, east to the left
    const south = makeViewport(TEHRAN, 5, 180);
    expect(project(south, TEHRAN[0], TEHRAN[1] + 1)[1]).toBeGreaterThan(315);
    expect(project(south, TEHRAN[0] + 1, TEHRAN[1])[0]).toBeLessThan(600);
  });

  it('takes the copy of the world nearest the centre across the antimeridian', () => {
    const vp = makeViewport([179, 0], 4);
    expect(project(vp, -179, 0)[0]).toBeCloseTo(600 + (2 / 360) * 512 * 16, 6);
  });

  it('clamps what a link can hold instead of failing', () => {
    const deep = makeViewport(TEHRAN, 99);
    expect(deep.zoom).toBe(22);
    expect(makeViewport(TEHRAN, -3).zoom).toBe(0);
    const junk = makeViewport([NaN, Infinity], NaN, NaN);
    expect(junk.zoom).toBe(0);
    expect(project(junk, 0, 0)).toEqual([600, 315]);
    // beyond Mercator's limit the pole is drawn at the top edge of the world, not at infinity
    expect(Number.isFinite(project(makeViewport([0, 90], 2), 0, 90)[1])).toBe(true);
  });

  it('turns ground distances into pixels at the latitude', () => {
    const zoom = 7.5;
    const metresPerPx = (40075016.686 * Math.cos((33 * Math.PI) / 180)) / (512 * 2 ** zoom);
    expect(kmToPx(makeViewport([35.6, 33.4], zoom), 33, 25)).toBeCloseTo(25000 / metresPerPx, 3);
  });
});

describe('viewportBbox', () => {
  it('holds every point the card draws, and no more than the card’s frame', () => {
    const vp = makeViewport([44, 31.5], 3.6);
    const [w, s, e, n] = viewportBbox(vp);
    expect(w).toBeLessThan(44);
    expect(e).toBeGreaterThan(44);
    for (const [lng, lat] of [[w + 0.01, 31.5], [e - 0.01, 31.5], [44, s + 0.01], [44, n - 0.01]] as const) {
      const [x, y] = project(vp, lng, lat);
      expect(onImage(x, y, 1)).toBe(true);
    }
    expect(e - w).toBeLessThan(120);
  });
  it('crosses the antimeridian as west > east, and is the whole world when zoomed out', () => {
    const [w, , e] = viewportBbox(makeViewport([179, 0], 4));
    expect(w).toBeGreaterThan(e);
    expect(viewportBbox(makeViewport([0, 0], 0.5))).toEqual([-180, expect.any(Number), 180, expect.any(Number)]);
  });
});
