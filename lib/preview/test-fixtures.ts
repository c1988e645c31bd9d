// Events and movements for the preview's unit tests (shaped as the API serves them), and a way to
// look at the pixels of a PNG.
import { inflateSync } from 'node:zlib';
import { greatCircle } from '@turf/turf';
import { vi } from 'vitest';
import type { Category, EventFeature, MovementFeature, MovementKind, PlacePrecision } from '../types';

export const TEHRAN: [number, number] = [51.389, 35.689];
export const MOSCOW: [number, number] = [37.6173, 55.7558];

export function ev(
  id: string,
  category: Category,
  lng: number,
  lat: number,
  corroboration = 1,
  precision: PlacePrecision = 'city',
  radiusKm?: number,
  inferred = false,
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
      place: { id, name: id, country: 'XX', lat, lng, precision, radiusKm, inferred },
      actors: [],
      sources: [],
      corroboration,
      disputed: [],
    precisionDiffers: [],
    },
  };
}

export function mv(
  id: string,
  kind: MovementKind,
  from: [number, number],
  to: [number, number],
  opts: { status?: 'reported' | 'alleged'; originInferred?: boolean } = {},
): MovementFeature {
  const line = greatCircle(from, to, { npoints: 64 });
  const coords = line.geometry.type === 'LineString' ? line.geometry.coordinates : line.geometry.coordinates.flat();
  const place = (name: string, [lng, lat]: [number, number], inferred = false) => ({ id: name, name, country: 'XX', lat, lng, precision: 'city' as const, inferred });
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: coords },
    properties: {
      id,
      kind,
      title: id,
      summary: '',
      status: opts.status ?? 'reported',
      actors: [],
      origin: place('from', from, opts.originInferred),
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

export const EVENTS: EventFeature[] = [
  ev('haniyeh-killed-tehran', 'killing', TEHRAN[0], TEHRAN[1], 5),
  ev('beirut-strike', 'strike', 35.5018, 33.8938, 4),
  ev('tel-aviv-statement', 'statement', 34.7818, 32.0853, 2),
  ev('doha-talks', 'diplomacy', 51.531, 25.2854, 3),
  ev('golan-incident', 'incident', 35.75, 33.0, 2, 'region', 25),
];
export const MOVEMENTS: MovementFeature[] = [mv('shoigu-moscow-tehran', 'travel', MOSCOW, TEHRAN)];

/** Every `<circle>` of an SVG string, its attributes as strings. */
export function circles(svg: string): Array<Record<string, string>> {
  return [...svg.matchAll(/<circle ([^>]*)\/>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

/**
 * Fails every network request for the rest of the test and records its URL (satori loads its own
 * WebAssembly from data: URLs, which stay allowed). Call the returned function to restore fetch.
 */
export function offline(): { requests: string[]; restore: () => void } {
  const requests: string[] = [];
  const real = globalThis.fetch.bind(globalThis);
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('data:')) return real(input, init);
    requests.push(url);
    throw new TypeError(`offline: ${url}`);
  });
  return { requests, restore: () => spy.mockRestore() };
}

export interface Png {
  width: number;
  height: number;
  pixel: (x: number, y: number) => [number, number, number, number];
}

/** A minimal PNG reader: 8-bit RGB or RGBA, not interlaced (what the rasteriser writes). */
export function readPng(buf: Buffer): Png {
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG: not 8-bit, or interlaced');
      bpp = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (!bpp) throw new Error(`unsupported PNG colour type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
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

export function hex(c: string): [number, number, number] {
  return [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];
}

export function near(a: readonly number[], b: readonly number[], tol = 6): boolean {
  return a.slice(0, 3).every((v, i) => Math.abs(v - b[i]!) <= tol);
}
