import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BASEMAP_COLORS, COUNTRY_LEVEL_LABEL } from '../map-tokens';
import { CATEGORY_COLORS, COUNTRY_AREA_COLOR } from '../palette';
import { previewScene, renderPreviewPng, type PreviewInput } from './render';
import { ev, EVENTS, hex, MOVEMENTS, near, offline, readPng, TEHRAN, type Png } from './test-fixtures';
import { makeViewport, project } from './viewport';

const BASE: PreviewInput = {
  center: [44, 30],
  zoom: 3.6,
  events: EVENTS,
  movements: MOVEMENTS,
  title: '30 Jul – 7 Aug 2024 · 5 events · 1 movement',
  subtitle: 'Killings, strikes and diplomacy across the Middle East',
};

/** A visit to Iran as a whole (a country-level place, as data/places.json has it), in view at zoom 4.8. */
const IRAN_VISIT = (() => {
  const e = ev('shoigu-visits-iran', 'visit', 53.7, 32.5, 1, 'country', 650);
  e.properties.place.name = 'Iran';
  return e;
})();
const IRAN: PreviewInput = { center: [53.7, 32.5], zoom: 4.8, events: [IRAN_VISIT], movements: [], title: 'Shoigu visits Iran' };

const out = (name: string, png: Buffer) => {
  if (process.env.PREVIEW_OUT) writeFileSync(`${process.env.PREVIEW_OUT}/${name}.png`, png);
};

/** White pixels in a rectangle: the title's glyphs (no map colour is this light). */
function whitePixels(png: Png, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (png.pixel(x, y).slice(0, 3).every((v) => v > 250)) n++;
  return n;
}

// Each render is a satori layout and a rasterisation; the first also parses the fonts. Shared
// CI machines can take seconds for that.
describe('renderPreviewPng', { timeout: 30_000 }, () => {
  let net: ReturnType<typeof offline> | undefined;
  afterEach(() => net?.restore());

  it('is a 1200x630 PNG', async () => {
    const buf = await renderPreviewPng(BASE);
    const png = readPng(buf);
    expect([png.width, png.height]).toEqual([1200, 630]);
    out('preview-a', buf);
  });

  it('is deterministic', async () => {
    const a = await renderPreviewPng(BASE);
    const b = await renderPreviewPng({ ...BASE, events: [...EVENTS].reverse() });
    expect(a.equals(b)).toBe(true);
  });

  it('differs for different states', async () => {
    const a = await renderPreviewPng(BASE);
    const moved = await renderPreviewPng({ ...BASE, center: [35.5, 33.5], zoom: 6 });
    const fewer = await renderPreviewPng({ ...BASE, events: EVENTS.slice(0, 2) });
    expect(a.equals(moved)).toBe(false);
    expect(a.equals(fewer)).toBe(false);
    expect(moved.equals(fewer)).toBe(false);
  });

  it('highlights a selected event', async () => {
    const plain = await renderPreviewPng(BASE);
    // same title, only the selection differs
    expect(plain.equals(await renderPreviewPng({ ...BASE, selectedId: 'beirut-strike' }))).toBe(false);
    out('preview-selected', await renderPreviewPng({ ...BASE, selectedId: 'beirut-strike', title: 'Israeli strike on Beirut kills Hezbollah commander Fuad Shukr' }));
  });

  it('draws the event at the centre on the centre pixel', async () => {
    const png = readPng(await renderPreviewPng({ center: TEHRAN, zoom: 5, events: [EVENTS[0]!], movements: [], title: 'Tehran' }));
    expect(near(png.pixel(600, 315), hex(CATEGORY_COLORS.killing))).toBe(true);
    // and not 40 px away (the radius is 13 at corroboration 5)
    expect(near(png.pixel(640, 315), hex(CATEGORY_COLORS.killing))).toBe(false);
  });

  it('draws a country-level place as its country, shaded to its border and not beyond', async () => {
    const buf = await renderPreviewPng(IRAN);
    out('preview-country', buf);
    const png = readPng(buf);
    const vp = makeViewport(IRAN.center, IRAN.zoom);
    const at = (lng: number, lat: number) => {
      const [x, y] = project(vp, lng, lat);
      return png.pixel(Math.round(x), Math.round(y));
    };
    const country = hex(BASEMAP_COLORS.country);
    // in Iran beyond the old 650 km circle (Mashhad, Zahedan): shaded; southern Iraq, inside that circle: not
    for (const [lng, lat] of [[59.6, 36.3], [60.86, 29.5]] as const) expect(near(at(lng, lat), country), `${lng},${lat}`).toBe(false);
    expect(near(at(47.5, 30.8), country), 'Iraq').toBe(true);
  });

  it('draws land crossing the antimeridian without streaks across the world', async () => {
    const input: PreviewInput = { center: [0, 20], zoom: 0.5, events: [], movements: [], title: 'World' };
    const png = readPng(await renderPreviewPng(input));
    const vp = makeViewport(input.center, input.zoom);
    const at = (lng: number, lat: number) => {
      const [x, y] = project(vp, lng, lat);
      return png.pixel(Math.round(x), Math.round(y));
    };
    // open sea on the latitudes of Russia's and Fiji's rings, and south of Antarctica's closing edge
    for (const [lng, lat] of [[-100, -16.5], [0, 70], [-40, 50], [-150, 45], [-100, -50]] as const) {
      expect(near(at(lng, lat), hex(BASEMAP_COLORS.sea)), `${lng},${lat}`).toBe(true);
    }
    expect(near(at(20, 0), hex(BASEMAP_COLORS.country)), 'Congo').toBe(true);
    out('preview-world', await renderPreviewPng({ ...input, events: EVENTS, movements: MOVEMENTS }));
  });

  it('draws the title as text, markup and all, without asking the network for anything', async () => {
    net = offline();
    const plain = readPng(await renderPreviewPng({ ...BASE, events: [], movements: [], title: 'Beirut', subtitle: '' }));
    const tagged = readPng(await renderPreviewPng({ ...BASE, events: [], movements: [], title: '<i>Beirut</i>', subtitle: '' }));
    // the tags are drawn: more ink in the band, not an italic "Beirut"
    const band = [40, 560, 900, 630] as const;
    expect(whitePixels(tagged, ...band)).toBeGreaterThan(whitePixels(plain, ...band) * 1.5);
    // scripts the fonts lack, emoji, controls: drawn as U+FFFD, never fetched
    const exotic = await renderPreviewPng({ ...BASE, title: 'غارة على بيروت 🚀 \u202e\u0000 تل أبيب', subtitle: '北京 ‼ ⁉' });
    expect(readPng(exotic).width).toBe(1200);
    expect(net.requests).toEqual([]);
  });

  it('fits long titles into the band', async () => {
    const long = { ...BASE, events: [], movements: [], title: 'x '.repeat(300), subtitle: 'y'.repeat(400) };
    const scene = await previewScene(long);
    expect(scene.band.titleLines).toBe(2);
    const png = readPng(await renderPreviewPng(long));
    // nothing of the title spills over the map above the band
    expect(whitePixels(png, 0, 0, 1200, scene.band.top - 1)).toBe(0);
    expect(whitePixels(png, 0, scene.band.top, 1200, 630)).toBeGreaterThan(0);
  });
});

describe('previewScene', () => {
  it('keeps article text out of the map picture: every string is a text node of the card', async () => {
    const evil = { ...EVENTS[0]!, properties: { ...EVENTS[0]!.properties, id: 'x"><text>id</text>', title: '<script>alert(1)</script>' } };
    const scene = await previewScene({ ...BASE, events: [evil], title: '</svg><text>title</text>', subtitle: '<img src=x onerror=alert(1)>' });
    expect(scene.mapSvg).not.toMatch(/<text|script|onerror|title/);
    // the title is kept as written, to be drawn as text
    expect(scene.title).toBe('</svg><text>title</text>');
    expect(scene.subtitle).toBe('<img src=x onerror=alert(1)>');
  });

  it('keys in the legend only what is drawn, in the palette order', async () => {
    const scene = await previewScene(BASE);
    expect(scene.legend.map((l) => l.text)).toEqual(['Strike', 'Killing', 'Statement', 'Diplomacy', 'Incident', 'Trip']);
    expect((await previewScene({ ...BASE, events: [], movements: [] })).legend).toEqual([]);
  });

  it('draws a country-level place as the country, marked "country-level", as the map does', async () => {
    const scene = await previewScene(IRAN);
    expect(scene.mapSvg).toContain(`fill="${COUNTRY_AREA_COLOR}"`);
    expect(scene.mapSvg).not.toContain('fill-opacity="0.06"');
    // one circle: the marker, no area around it
    expect(scene.mapSvg.match(/<circle/g)).toHaveLength(1);
    const [x, y] = project(makeViewport(IRAN.center, IRAN.zoom), 53.7, 32.5);
    expect(scene.markerLabels).toHaveLength(1);
    expect(scene.markerLabels[0]!.x).toBeCloseTo(x, 6);
    expect(scene.markerLabels[0]!.bottom).toBeCloseTo(y - 1.2 * COUNTRY_LEVEL_LABEL.size, 6);
    // the country names keep off it
    const box = scene.markerLabels[0]!.box;
    for (const l of scene.labels) expect(Math.abs(l.x - x) < 40 && Math.abs(l.y - box.y0) < 12, l.text).toBe(false);
    // a city-level event gets neither
    const city = await previewScene({ ...IRAN, events: [EVENTS[0]!] });
    expect(city.markerLabels).toEqual([]);
    expect(city.mapSvg).not.toContain(`fill="${COUNTRY_AREA_COLOR}"`);
  });

  it('falls back to the app name for an empty or unprintable title', async () => {
    expect((await previewScene({ ...BASE, title: '  \u0000 ' })).title).toBe('Situation Map');
  });
});
