// Synthetic EventFeatures for the benchmark ONLY: deterministic (seeded PRNG), clearly marked
// (ids `synthetic-000001`, titles "Synthetic event 1", `synthetic: true`, sources from article
// "synthetic"). They are served only when SITUATION_MAP_EXTRA_EVENTS names the file (see lib/store.ts).
//   import { syntheticEvents } from './synthetic-events.mjs';  syntheticEvents(100_000, { seed: 1 })
//   node scripts/synthetic-events.mjs 100000 bench-results/synthetic-100k.json [seed]
//
// Distribution: points across the Middle East box (lng 30..60, lat 12..42), ~65% jittered around
// cities; dates over 2023-01-01..2024-08-05, ~20% of them in the denser 2024-07-01..2024-08-05
// stretch; precision ~88% day, 6% week, 5% month, 1% year; place precision mostly city/point, a
// few regions (with radiusKm, so the map draws their uncertainty areas like the real ones).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Keep in sync with lib/vocab.ts (a plain .mjs script cannot import the TypeScript module). */
export const CATEGORIES = ['strike', 'killing', 'visit', 'meeting', 'statement', 'arms-transfer', 'diplomacy', 'arrest', 'political', 'incident'];

export const BBOX = { west: 30, south: 12, east: 60, north: 42 };
export const DATE_FROM = '2023-01-01';
export const DATE_TO = '2024-08-05';
export const DENSE_FROM = '2024-07-01';

/** [name, country, lng, lat, weight] — all inside BBOX. */
const CITIES = [
  ['Beirut', 'Lebanon', 35.5018, 33.8938, 8],
  ['Gaza', 'Palestine', 34.4668, 31.5017, 8],
  ['Tel Aviv', 'Israel', 34.7818, 32.0853, 5],
  ['Damascus', 'Syria', 36.2913, 33.5138, 6],
  ['Tehran', 'Iran', 51.389, 35.6892, 7],
  ['Baghdad', 'Iraq', 44.3661, 33.3152, 6],
  ['Sanaa', 'Yemen', 44.191, 15.3694, 5],
  ['Hodeidah', 'Yemen', 42.9545, 14.7978, 3],
  ['Amman', 'Jordan', 35.9284, 31.9454, 2],
  ['Aleppo', 'Syria', 37.1612, 36.2021, 3],
  ['Erbil', 'Iraq', 44.0092, 36.1911, 2],
  ['Riyadh', 'Saudi Arabia', 46.6753, 24.7136, 2],
  ['Doha', 'Qatar', 51.531, 25.2854, 2],
  ['Cairo', 'Egypt', 31.2357, 30.0444, 2],
  ['Isfahan', 'Iran', 51.6776, 32.6546, 2],
  ['Basra', 'Iraq', 47.7804, 30.5085, 1],
  ['Muscat', 'Oman', 58.4059, 23.588, 1],
];
const CITY_WEIGHT = CITIES.reduce((n, c) => n + c[4], 0);

/** mulberry32: small, fast, deterministic. Returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const dayNum = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const iso = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const round = (v, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * N synthetic EventFeatures (shape of lib/types.ts EventFeature, plus `properties.synthetic`).
 * @param {number} n
 * @param {{ seed?: number, denseShare?: number }} [opts]
 */
export function syntheticEvents(n, { seed = 20240805, denseShare = 0.2 } = {}) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const d0 = dayNum(DATE_FROM);
  const d1 = dayNum(DATE_TO);
  const dd = dayNum(DENSE_FROM);
  const width = String(Math.max(6, String(n).length));
  const out = new Array(n);
  for (let i = 1; i <= n; i++) {
    const id = `synthetic-${String(i).padStart(Number(width), '0')}`;

    // where
    let lng, lat, name, country;
    if (rand() < 0.65) {
      let w = rand() * CITY_WEIGHT;
      const city = CITIES.find((c) => (w -= c[4]) < 0) ?? CITIES[0];
      const sigma = rand() < 0.7 ? 0.08 : 0.6; // most right at the city, some in its hinterland
      lng = clamp(city[2] + gauss() * sigma, BBOX.west, BBOX.east);
      lat = clamp(city[3] + gauss() * sigma, BBOX.south, BBOX.north);
      name = `Near ${city[0]} (synthetic)`;
      country = city[1];
    } else {
      lng = BBOX.west + rand() * (BBOX.east - BBOX.west);
      lat = BBOX.south + rand() * (BBOX.north - BBOX.south);
      name = `Synthetic place ${i}`;
      country = 'Synthetic';
    }
    const pr = rand();
    const placePrecision = pr < 0.6 ? 'city' : pr < 0.95 ? 'point' : 'region';

    // when
    const day = Math.floor(rand() < denseShare ? dd + rand() * (d1 - dd + 1) : d0 + rand() * (d1 - d0 + 1));
    const q = rand();
    const precision = q < 0.88 ? 'day' : q < 0.94 ? 'week' : q < 0.99 ? 'month' : 'year';
    let start = iso(day);
    let end = start;
    if (precision === 'week') end = iso(Math.min(d1, day + 6));
    else if (precision === 'month') {
      start = `${start.slice(0, 7)}-01`;
      const m = new Date(`${start}T00:00:00Z`);
      end = iso(Math.min(d1, Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 0) / DAY));
    } else if (precision === 'year') {
      start = `${start.slice(0, 4)}-01-01`;
      end = start.slice(0, 4) === DATE_TO.slice(0, 4) ? DATE_TO : `${start.slice(0, 4)}-12-31`;
    }

    const corroboration = 1 + Math.floor(rand() * rand() * 4); // mostly 1, up to 4
    const nActors = Math.floor(rand() * 3);
    out[i - 1] = {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [round(lng), round(lat)] },
      properties: {
        id,
        title: `Synthetic event ${i}`,
        summary: `Synthetic benchmark event ${i}; not real data.`,
        category: pick(CATEGORIES),
        start,
        end,
        precision,
        dateInferred: false,
        place: {
          id: `synthetic-place-${i}`,
          name,
          country,
          lat: round(lat),
          lng: round(lng),
          precision: placePrecision,
          ...(placePrecision === 'region' ? { radiusKm: 10 + Math.floor(rand() * 60) } : {}),
          inferred: false,
        },
        actors: Array.from({ length: nActors }, () => {
          const k = 1 + Math.floor(rand() * 40);
          return { id: `synthetic-actor-${k}`, name: `Synthetic actor ${k}`, role: 'synthetic', affiliation: 'Synthetic' };
        }).filter((a, j, xs) => xs.findIndex((b) => b.id === a.id) === j),
        sources: Array.from({ length: corroboration }, (_, j) => ({
          article: 'synthetic',
          headline: 'Synthetic article',
          outlet: null,
          articleDate: end,
          quote: `Synthetic quote ${j + 1} for benchmark event ${i}.`,
          offset: 0,
        })),
        corroboration,
        disputed: [],
        precisionDiffers: [],
        synthetic: true,
      },
    };
  }
  return out;
}

/** Generate and write `n` events to `file` (directories created). Returns the byte size. */
export function writeSyntheticEvents(n, file, opts) {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const json = JSON.stringify(syntheticEvents(n, opts));
  writeFileSync(file, json);
  return Buffer.byteLength(json);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [nArg, file, seedArg] = process.argv.slice(2);
  const n = Number(nArg);
  if (!Number.isInteger(n) || n < 0 || !file) {
    console.error('usage: node scripts/synthetic-events.mjs N out.json [seed]');
    process.exit(2);
  }
  const bytes = writeSyntheticEvents(n, file, seedArg ? { seed: Number(seedArg) } : undefined);
  console.log(`wrote ${n} synthetic events to ${file} (${(bytes / 1e6).toFixed(1)} MB)`);
}
