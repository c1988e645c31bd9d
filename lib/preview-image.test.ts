import { inflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { greatCircle } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Category, EventFeature, MovementFeature, MovementKind, PlacePrecision } from './types';
import { CATEGORIES, MOVEMENT_KINDS } from './types';
import {
  makeViewport,
  project,
  renderPreviewPng,
  renderPreviewSvg,
  type PreviewInput,
} from './preview-image';
import { CATEGORY_COLORS, MOVEMENT_COLORS } from './palette';

// ---- fixtures -------------------------------------------------------------------

function ev(
  id: string,
  category: Category,
  lng: number,
  lat: number,
  corroboration = 1,
  precision: PlacePrecision = 'city',
  radiusKm?: number,
): EventFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: {
      id,
      title: id,
      summary: '',
      category,
      start: '2024-07-31',
      end: '2024-07-31',
      precision: 'day',
      dateInferred: false,
      place: { id, name: id, country: 'XX', lat, lng, precision, radiusKm, inferred: false },
      actors: [],
      sources: [],
      corroboration,
      disputed: [],
      precisionDiffers: [],
    },
  };
}

function mv(id: string, kind: MovementKind, from: [number, number], to: [number, number], status: 'reported' | 'alleged' = 'reported'): MovementFeature {
  const line = greatCircle(from, to, { npoints: 64 });
  const coords = line.geometry.type === 'LineString' ? line.geometry.coordinates : line.geometry.coordinates.flat();
  const place = (name: string, [lng, lat]: [number, number]) => ({ id: name, name, country: 'XX', lat, lng, precision: 'city' as const, inferred: false });
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: coords },
    properties: {
      id,
      kind,
      title: id,
      summary: '',
      status,
      actors: [],
      origin: place('from', from),
      destination: place('to', to),
      via: [],
      start: '2024-08-01',
      end: '2024-08-01',
      precision: 'day',
      dateInferred: false,
      sources: [],
      corroboration: 1,
    },
  };
}

const TEHRAN: [number, number] = [51.389, 35.689];
const MOSCOW: [number, number] = [37.6173, 55.7558];

const EVENTS: EventFeature[] = [
  ev('haniyeh-killed-tehran', 'killing', TEHRAN[0], TEHRAN[1], 5),
  ev('beirut-strike', 'strike', 35.5018, 33.8938, 4),
  ev('tel-aviv-statement', 'statement', 34.7818, 32.0853, 2),
  ev('doha-talks', 'diplomacy', 51.531, 25.2854, 3),
  ev('golan-incident', 'incident', 35.75, 33.0, 2, 'region', 25),
];
const MOVEMENTS: MovementFeature[] = [mv('shoigu-moscow-tehran', 'travel', MOSCOW, TEHRAN)];

const BASE: PreviewInput = {
  center: [44, 30],
  zoom: 3.6,
  events: EVENTS,
  movements: MOVEMENTS,
  title: '30 Jul – 7 Aug 2024 · 5 events · 1 movement',
  subtitle: 'Killings, strikes and diplomacy across the Middle East',
};

// ---- a minimal PNG reader (8-bit RGBA or RGB, non-interlaced, as resvg writes) -------

function readPng(buf: Buffer): { width: number; height: number; pixel: (x: number, y: number) => [number, number, number, number] } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      colorType = data[9]!;
      expect(data[12]).toBe(0); // not interlaced
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  expect(bpp).toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? px[y * stride + i - bpp]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? px[(y - 1) * stride + i - bpp]! : 0;
      let v = src[i]!;
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + i] = v & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const o = y * stride + x * bpp;
      return [px[o]!, px[o + 1]!, px[o + 2]!, bpp === 4 ? px[o + 3]! : 255];
    },
  };
}

function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}
function near(a: readonly number[], b: readonly number[], tol = 6): boolean {
  return a.slice(0, 3).every((v, i) => Math.abs(v - b[i]!) <= tol);
}

// ---- tests ---------------------------------------------------------------------------

describe('palette', () => {
  it('has one distinct colour per category and movement kind', () => {
    expect(Object.keys(CATEGORY_COLORS).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.keys(MOVEMENT_COLORS).sort()).toEqual([...MOVEMENT_KINDS].sort());
    const cats = Object.values(CATEGORY_COLORS);
    expect(new Set(cats).size).toBe(cats.length);
    for (const c of [...cats, ...Object.values(MOVEMENT_COLORS)]) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('projection', () => {
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
    // bearing 90: east points up
    const [xr, yr] = project(makeViewport(TEHRAN, 5, 90), TEHRAN[0] + 1, TEHRAN[1]);
    expect(xr).toBeCloseTo(600, 6);
    expect(yr).toBeLessThan(315);
  });

  it('takes the copy of the world nearest the centre across the antimeridian', () => {
    const vp = makeViewport([179, 0], 4);
    expect(project(vp, -179, 0)[0]).toBeCloseTo(600 + (2 / 360) * 512 * 16, 6);
  });

  it('draws the event at the centre on the centre pixel', async () => {
    const png = readPng(await renderPreviewPng({ center: TEHRAN, zoom: 5, events: [EVENTS[0]!], movements: [], title: 'Tehran' }));
    expect(near(png.pixel(600, 315), hex(CATEGORY_COLORS.killing))).toBe(true);
    // and not 40 px away (marker radius is 13 at corroboration 5)
    expect(near(png.pixel(640, 315), hex(CATEGORY_COLORS.killing))).toBe(false);
  });
});

describe('renderPreviewPng', () => {
  it('is a 1200x630 PNG', async () => {
    const buf = await renderPreviewPng(BASE);
    const png = readPng(buf);
    expect([png.width, png.height]).toEqual([1200, 630]);
    expect(buf.readUInt32BE(16)).toBe(1200); // IHDR width
    expect(buf.readUInt32BE(20)).toBe(630); // IHDR height
    if (process.env.PREVIEW_OUT) writeFileSync(`${process.env.PREVIEW_OUT}/preview-a.png`, buf);
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
    const selected = await renderPreviewPng({ ...BASE, selectedId: 'beirut-strike', title: 'Israeli strike on Beirut kills Hezbollah commander Fuad Shukr' });
    expect(plain.equals(selected)).toBe(false);
    // same title, only the selection differs
    const sameTitle = await renderPreviewPng({ ...BASE, selectedId: 'beirut-strike' });
    expect(plain.equals(sameTitle)).toBe(false);
    if (process.env.PREVIEW_OUT) writeFileSync(`${process.env.PREVIEW_OUT}/preview-selected.png`, selected);
  });

  it('fits long titles and escapes markup', async () => {
    const svg = await renderPreviewSvg({
      ...BASE,
      title: 'A very long title <with> "markup" & ampersands that goes on and on about talks in Doha, Cairo and Rome over a ceasefire and hostages release deal',
    });
    expect(svg).not.toContain('<with>');
    expect(svg).toContain('&lt;with&gt;');
    expect(svg).toContain('…');
    const png = readPng(await renderPreviewPng({ ...BASE, title: 'x'.repeat(400), subtitle: 'y'.repeat(400) }));
    expect(png.width).toBe(1200);
  });

  it('draws an arc across the antimeridian once, short, near the centre', async () => {
    const pacific = mv('pacific', 'arms', [170, 10], [-170, 20], 'alleged');
    const input: PreviewInput = { center: [180, 15], zoom: 3, events: [], movements: [pacific], title: 'Pacific' };
    const svg = await renderPreviewSvg(input);
    const d = svg.match(new RegExp(`<path d="([^"]+)" stroke="${MOVEMENT_COLORS.arms}"`))?.[1];
    expect(d).toBeDefined();
    const xs = [...d!.matchAll(/[ML](-?[\d.]+) /g)].map((m) => Number(m[1]));
    // 20° of longitude at zoom 3 is ~228 px; a wrapped line would span the whole image
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(260);
    expect(Math.min(...xs)).toBeGreaterThan(450);
    expect(Math.max(...xs)).toBeLessThan(750);
    if (process.env.PREVIEW_OUT) writeFileSync(`${process.env.PREVIEW_OUT}/preview-pacific.png`, await renderPreviewPng(input));
  });

  it('draws land crossing the antimeridian without streaks across the world', async () => {
    const input: PreviewInput = { center: [0, 20], zoom: 0.5, events: EVENTS, movements: MOVEMENTS, title: 'World' };
    const png = readPng(await renderPreviewPng(input));
    // open Pacific off Peru, on Fiji's latitude, where an unwrapped Fiji ring would streak
    const [x, y] = project(makeViewport(input.center, input.zoom), -100, -16.5);
    expect(near(png.pixel(Math.round(x), Math.round(y)), hex('#cddbe7'))).toBe(true);
  });

  it('draws region places as circles of their radius', async () => {
    const zoom = 7.5;
    const svg = await renderPreviewSvg({ center: [35.6, 33.4], zoom, events: [EVENTS[4]!], movements: [], title: 'Golan' });
    const metresPerPx = (40075016.686 * Math.cos((33 * Math.PI) / 180)) / (512 * 2 ** zoom);
    const r = Number(svg.match(/<circle [^>]*r="([\d.]+)"[^>]*stroke-dasharray/)?.[1]);
    expect(r).toBeCloseTo(25000 / metresPerPx, 0);
    if (process.env.PREVIEW_OUT) {
      writeFileSync(`${process.env.PREVIEW_OUT}/preview-beirut.png`, await renderPreviewPng({ center: [35.6, 33.6], zoom, events: EVENTS, movements: MOVEMENTS, selectedId: 'beirut-strike', title: 'Israeli strike on Beirut kills Hezbollah commander', subtitle: '30 Jul 2024 · Haret Hreik, Beirut · 4 sources' }));
    }
  });
});
