import { describe, expect, it } from 'vitest';
import { BASEMAP_COLORS, COASTLINE_WIDTH, COUNTRY_AREA } from '../map-tokens';
import { COUNTRY_AREA_COLOR } from '../palette';
import { basemapSvg, countryAreasSvg, countryLabels, getBasemap } from './basemap';
import { interpolate } from './stops';
import { estimateWidth } from './text';
import { makeViewport, overlaps, project, type Box } from './viewport';

/** The rings of an SVG path of straight segments (M, L, Z), as flat xy. */
function rings(d: string): number[][] {
  return d
    .split('M')
    .filter(Boolean)
    .map((r) => [...r.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]));
}

/** Whether a point is inside a path of rings, by the even-odd rule. */
function insidePath(d: string, x: number, y: number): boolean {
  let inside = false;
  for (const r of rings(d)) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const [xi, yi, xj, yj] = [r[i]!, r[i + 1]!, r[j]!, r[j + 1]!];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

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

  describe('the countries of country-level places', () => {
    const vp = makeViewport([53.7, 32.5], 4.8);
    const iran = async () => countryAreasSvg(vp, await getBasemap(), ['Iran']);
    const fillOf = (svg: string) => svg.match(/<path d="([^"]+)" fill="[^"]+" fill-opacity/)?.[1] ?? '';
    const at = (lng: number, lat: number) => project(vp, lng, lat);

    it('draw the basemap’s own polygon of the country: all of it, and nothing beyond it', async () => {
      const d = fillOf(await iran());
      expect(d).not.toBe('');
      // inside Iran, and beyond the 650 km circle the preview used to draw around its middle
      for (const [lng, lat] of [[59.6, 36.3], [60.86, 29.5], [46.3, 38.08]] as const) expect(insidePath(d, ...at(lng, lat)), `${lng},${lat}`).toBe(true);
      // outside Iran, and inside that circle: southern Iraq, the Gulf
      for (const [lng, lat] of [[47.5, 30.8], [52, 27.3]] as const) expect(insidePath(d, ...at(lng, lat)), `${lng},${lat}`).toBe(false);
    });

    it('in the map’s colour, fill and dashed outline, with no circle', async () => {
      const svg = await iran();
      expect(svg).not.toContain('<circle');
      const [fill, line] = [...svg.matchAll(/<path ([^>]*)\/>/g)].map((m) => m[1]!);
      expect(fill).toContain(`fill="${COUNTRY_AREA_COLOR}" fill-opacity="${COUNTRY_AREA.fillOpacity}"`);
      expect(line).toContain(`fill="none" stroke="${COUNTRY_AREA_COLOR}" stroke-opacity="${COUNTRY_AREA.lineOpacity}" stroke-width="${COUNTRY_AREA.lineWidth}"`);
      const [dash, gap] = COUNTRY_AREA.lineDash;
      expect(line).toContain(`stroke-dasharray="${Math.round(dash * COUNTRY_AREA.lineWidth * 100) / 100} ${Math.round(gap * COUNTRY_AREA.lineWidth * 100) / 100}"`);
    });

    it('select countries by name only: each once, nothing for a name the basemap lacks or off the image', async () => {
      const bm = await getBasemap();
      expect(countryAreasSvg(vp, bm, ['Iran', 'Iran'])).toBe(await iran());
      expect(countryAreasSvg(vp, bm, ['Atlantis', '"/><script>'])).toBe('');
      expect(countryAreasSvg(vp, bm, [])).toBe('');
      expect(countryAreasSvg(makeViewport([-100, 40], 5), bm, ['Iran'])).toBe('');
      // Russia is in the file, as the map's filter finds it
      expect(countryAreasSvg(makeViewport([45, 55], 4), bm, ['Russia'])).not.toBe('');
    });
  });
});
