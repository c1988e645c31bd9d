import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import {
  BASEMAP_DATA_PATHS,
  BASEMAP_FIRST_LABEL_LAYER_ID,
  BASEMAP_LAYER_IDS,
  FONT_FILE_PATHS,
  FONT_STACK,
  FONT_STACK_BOLD,
  MAPLIBRE_WORKER_URL,
  basemapStyle,
} from './basemap-style';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ORIGIN = 'http://localhost:3000';

/** Every string in the style that looks like a URL or a path to a resource. */
function collectUrls(style: StyleSpecification): string[] {
  const urls: string[] = [];
  if (style.glyphs) urls.push(style.glyphs);
  if (style.sprite) urls.push(...(typeof style.sprite === 'string' ? [style.sprite] : style.sprite.map((s) => s.url)));
  for (const source of Object.values(style.sources)) {
    if ('url' in source && source.url) urls.push(source.url);
    if ('tiles' in source && source.tiles) urls.push(...source.tiles);
    if (source.type === 'geojson' && typeof source.data === 'string') urls.push(source.data);
    if (source.type === 'video') urls.push(...source.urls);
  }
  for (const faces of Object.values(style['font-faces'] ?? {})) {
    for (const face of typeof faces === 'string' ? [faces] : faces) urls.push(typeof face === 'string' ? face : face.url);
  }
  return urls;
}

type Range = [number, number];
function parseRanges(ranges: string[]): Range[] {
  return ranges.map((r) => {
    const m = /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(r.trim());
    if (!m || !m[1]) throw new Error(`unsupported unicode-range ${r}`);
    const start = parseInt(m[1], 16);
    return [start, m[2] ? parseInt(m[2], 16) : start];
  });
}
const covers = (ranges: Range[], cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);

function symbolLayers(style: StyleSpecification) {
  return style.layers.filter((l): l is Extract<LayerSpecification, { type: 'symbol' }> => l.type === 'symbol');
}

describe('basemapStyle', () => {
  const style = basemapStyle(ORIGIN);

  it('is a valid MapLibre v8 style', () => {
    expect(style.version).toBe(8);
    expect(validateStyleMin(style)).toEqual([]);
    expect(validateStyleMin(basemapStyle(''))).toEqual([]);
  });

  it('needs no glyph server or sprite and declares font-faces instead', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(Object.keys(style['font-faces'] ?? {})).toEqual(expect.arrayContaining([...FONT_STACK, ...FONT_STACK_BOLD]));
  });

  it('uses only URLs on the given origin', () => {
    const urls = collectUrls(style);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
    // A trailing slash on the origin is tolerated; an empty origin gives root-relative paths.
    expect(collectUrls(basemapStyle(`${ORIGIN}/`))).toEqual(urls);
    for (const url of collectUrls(basemapStyle(''))) expect(url).toMatch(/^\/[a-z]/);
    expect(MAPLIBRE_WORKER_URL).toBe('/maplibre-gl-worker.mjs');
  });

  it('covers every symbol layer text-font with declared font faces', () => {
    const faces = style['font-faces'] ?? {};
    const layers = symbolLayers(style);
    expect(layers.length).toBeGreaterThan(0);
    for (const layer of layers) {
      const font = layer.layout?.['text-font'];
      expect(Array.isArray(font), `${layer.id} text-font must be a literal array`).toBe(true);
      for (const name of font as string[]) expect(Object.keys(faces), `${layer.id}: ${name}`).toContain(name);
    }
  });

  it('declares the unicode ranges of the @fontsource/noto-sans subset files it points at', () => {
    const faces = style['font-faces'] ?? {};
    const weightOf: Record<string, number> = { 'Noto Sans Regular': 400, 'Noto Sans Bold': 700 };
    const fontsource = path.join(ROOT, 'node_modules/@fontsource/noto-sans');
    for (const [name, list] of Object.entries(faces)) {
      expect(Array.isArray(list)).toBe(true);
      for (const face of list as Array<{ url: string; 'unicode-range'?: string[] }>) {
        const file = path.basename(face.url);
        expect(file).toMatch(new RegExp(`^noto-sans-[a-z-]+-${weightOf[name]}-normal\\.woff2$`));
        expect(fs.existsSync(path.join(fontsource, 'files', file)), file).toBe(true);
        // Same ranges as the package's own @font-face rule for that file.
        const css = fs.readFileSync(path.join(fontsource, `${weightOf[name]}.css`), 'utf8');
        const rule = css.split('@font-face').find((r) => r.includes(`/${file}`));
        const declared = rule && /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
        expect(declared, file).toBeTruthy();
        expect(face['unicode-range']).toEqual(declared!.split(',').map((s) => s.trim()));
      }
    }
    expect(FONT_FILE_PATHS).toHaveLength(6);
  });

  it('lists its layers in BASEMAP_LAYER_IDS, in order, with existing sources', () => {
    expect(style.layers.map((l) => l.id)).toEqual([...BASEMAP_LAYER_IDS]);
    expect(BASEMAP_LAYER_IDS).toContain(BASEMAP_FIRST_LABEL_LAYER_ID);
    for (const layer of style.layers) {
      if ('source' in layer && typeof layer.source === 'string') expect(Object.keys(style.sources)).toContain(layer.source);
    }
  });
});

// The data files are produced by scripts/build-basemap.mjs (postinstall); check them when present.
const publicDir = path.join(ROOT, 'public');
const built = Object.values(BASEMAP_DATA_PATHS).every((p) => fs.existsSync(path.join(publicDir, p)));

describe.skipIf(!built)('generated basemap files', () => {
  const read = (p: string) => JSON.parse(fs.readFileSync(path.join(publicDir, p), 'utf8'));

  it('are FeatureCollections with the expected properties and a reasonable total size', () => {
    let total = 0;
    for (const p of Object.values(BASEMAP_DATA_PATHS)) {
      total += fs.statSync(path.join(publicDir, p)).size;
      const fc = read(p);
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length).toBeGreaterThan(0);
    }
    expect(total).toBeLessThan(1_600_000);
    expect(fs.existsSync(path.join(publicDir, MAPLIBRE_WORKER_URL))).toBe(true);
    for (const f of FONT_FILE_PATHS) expect(fs.existsSync(path.join(publicDir, f)), f).toBe(true);

    const labels = read(BASEMAP_DATA_PATHS.countryLabels).features;
    const byName = new Map(labels.map((f: { properties: { name: string } }) => [f.properties.name, f]));
    for (const n of ['Iran', 'Israel', 'Lebanon', 'Jordan', 'Syria', 'Iraq', 'Saudi Arabia', 'Qatar', 'Palestine', 'Yemen']) {
      expect(byName.has(n), n).toBe(true);
    }
    for (const f of labels) {
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.rank).toBeGreaterThanOrEqual(1);
      expect(f.properties.rank).toBeLessThanOrEqual(7);
    }
    const capitals = read(BASEMAP_DATA_PATHS.capitals).features;
    const capitalCountry = new Map(capitals.map((f: { properties: { name: string; country: string } }) => [f.properties.name, f.properties.country]));
    expect(capitalCountry.get('Tehran')).toBe('Iran');
    expect(capitalCountry.get('Beirut')).toBe('Lebanon');
    expect(capitalCountry.get('Amman')).toBe('Jordan');
    expect(capitalCountry.get('Doha')).toBe('Qatar');
    for (const f of read(BASEMAP_DATA_PATHS.countries).features) expect(typeof f.properties.name).toBe('string');
  });

  it('has only label text the declared font files can draw', () => {
    const style = basemapStyle(ORIGIN);
    const faces = style['font-faces'] ?? {};
    for (const stack of [FONT_STACK, FONT_STACK_BOLD]) {
      const ranges = stack.flatMap((name) => {
        const list = faces[name];
        return Array.isArray(list) ? list.flatMap((f) => parseRanges(f['unicode-range'] ?? ['U+0-10FFFF'])) : [];
      });
      const names = [
        ...read(BASEMAP_DATA_PATHS.countryLabels).features.flatMap((f: { properties: { name: string; name_short: string } }) => [
          f.properties.name,
          f.properties.name_short,
          f.properties.name.toUpperCase(),
        ]),
        ...read(BASEMAP_DATA_PATHS.capitals).features.map((f: { properties: { name: string } }) => f.properties.name),
      ];
      const missing = new Set<string>();
      for (const n of names) for (const ch of n) if (!covers(ranges, ch.codePointAt(0)!)) missing.add(`${ch} U+${ch.codePointAt(0)!.toString(16)} in ${n}`);
      expect([...missing]).toEqual([]);
    }
  });
});
