import { describe, expect, it } from 'vitest';
import { BASEMAP_COLORS, COASTLINE_WIDTH } from '../map-tokens';
import { basemapSvg, countryLabels, getBasemap } from './basemap';
import { interpolate } from './stops';
import { estimateWidth } from './text';
import { makeViewport, overlaps, project, type Box } from './viewport';

const measure = (text: string, size: number) => estimateWidth(text, size, { bold: true, letterSpacing: 0.06 });
const boxOf = (l: { x: number; y: number; size: number; text: string }): Box => {
  const half = measure(l.text, l.size) / 2;
  return { x0: l.x - half, y0: l.y - l.size / 2, x1: l.x + half, y1: l.y + l.size / 2 };
};

describe('basemap', () => {
  it('draws the generated Natural Earth land over the sea, in the map’s colours and widths', async () => {
    const bm = await getBasemap();
    const svg = basemapSvg(makeViewport([51.389, 35.689], 5), bm);
    expect(svg.startsWith(`<rect width="1200" height="630" fill="${BASEMAP_COLORS.sea}"/>`)).toBe(true);
    expect(svg).toContain(`fill="${BASEMAP_COLORS.country}" stroke="${BASEMAP_COLORS.coastline}" stroke-width="${interpolate(COASTLINE_WIDTH, 5)}"`);
    expect(svg).toContain(`stroke="${BASEMAP_COLORS.border}"`);
    // the middle of the Pacific has no land and no borders
    expect(basemapSvg(makeViewport([-140, 0], 5), bm)).toBe(`<rect width="1200" height="630" fill="${BASEMAP_COLORS.sea}"/>`);
  });

  it('clips the land to the image, so a deep zoom stays small', async () => {
    const svg = basemapSvg(makeViewport([35.5, 33.9], 9), await getBasemap());
    const land = svg.match(/<path d="([^"]+)" fill="/)?.[1] ?? '';
    const values = [...land.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(values.length).toBeGreaterThan(0);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-24);
    expect(Math.max(...values)).toBeLessThanOrEqual(1224);
    expect(svg.length).toBeLessThan(20_000);
  });

  it('names the countries the map names at that zoom, apart from each other and from what is drawn on top', async () => {
    const bm = await getBasemap();
    const vp = makeViewport([44, 31.5], 3.6);
    const band: Box = { x0: 0, y0: 540, x1: 1200, y1: 630 };
    const [ix, iy] = project(vp, 53.7, 32.4); // Iran's label point, roughly
    const marker: Box = { x0: ix - 10, y0: iy - 10, x1: ix + 10, y1: iy + 10 };
    const labels = countryLabels(vp, bm, [band, marker], measure);
    const names = labels.map((l) => l.text);
    expect(names).toEqual(expect.arrayContaining(['TURKEY', 'SAUDI ARABIA', 'IRAQ', 'SYRIA', 'EGYPT']));
    expect(names).not.toContain('IRAN');
    // rank 7 (microstates) only from zoom 5
    expect(names).not.toContain('VATICAN');
    for (const [i, a] of labels.entries()) {
      expect(overlaps(boxOf(a), band)).toBe(false);
      for (const b of labels.slice(i + 1)) expect(overlaps(boxOf(a), boxOf(b)), `${a.text} / ${b.text}`).toBe(false);
    }
  });

  it('uses the short names below zoom 5 and the full ones from there, as the map does', async () => {
    const bm = await getBasemap();
    const names = (zoom: number) => countryLabels(makeViewport([54.4, 23.8], zoom), bm, [], measure).map((l) => l.text);
    expect(names(4.5)).toContain('U.A.E.');
    expect(names(5.5)).toContain('UNITED ARAB EMIRATES');
    // at zoom 1 only the largest countries are named
    const world = countryLabels(makeViewport([0, 20], 1), bm, [], measure).map((l) => l.text);
    expect(world).toContain('RUSSIA');
    expect(world).not.toContain('TURKEY');
  });
});
