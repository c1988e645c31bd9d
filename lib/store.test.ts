import { readFileSync } from 'node:fs';
import { prng } from '../scripts/synthetic-events.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, readRawCatalog } from './catalog';
import { addDays } from './dates';
import { matchesEvent, type Filter } from './filters';
import { MemoryStore } from './store';
import { CATEGORIES, type Category, type EventFeature } from './types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const catalog = buildCatalog(readRawCatalog(ROOT));
const store = new MemoryStore(catalog);

const ids = (fs: EventFeature[]) => fs.map((f) => f.properties.id);
const sortedIds = (fs: EventFeature[]) => ids(fs).sort();
const bruteForce = (events: EventFeature[], f: Filter) => events.filter((e) => matchesEvent(e.properties, e.geometry.coordinates, f));

// The same seeded RNG the synthetic benchmark data uses, so the "random" filters repeat on every run.
const rng = prng;

function randomFilter(r: () => number): Filter {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const dates = ['1983-06-15', '2022-10-01', '2023-06-15', '2023-09-30', '2024-02-29', '2024-05-01', '2024-07-01', '2024-07-19', '2024-07-20', '2024-07-30', '2024-07-31', '2024-08-04', '2024-08-05', '2024-08-06'];
  const f: Filter = {};
  if (r() < 0.7) f.from = addDays(pick(dates), Math.floor(r() * 7) - 3);
  if (r() < 0.7) f.to = addDays(pick(dates), Math.floor(r() * 7) - 3);
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  if (r() < 0.3) f.categories = CATEGORIES.filter(() => r() < 0.4) as Category[];
  if (r() < 0.3) {
    const w = -180 + r() * 300;
    const s = -60 + r() * 80;
    f.bbox = [w, s, w + r() * 60, s + r() * 60];
  }
  if (r() < 0.2) f.actors = [pick(['shoigu', 'haniyeh', 'kurilla', 'shukr', 'ahmadian', 'nobody'])];
  if (r() < 0.2) f.q = pick(['tehran', 'Haniyeh', 'monday', 'killed beirut', 'drone', 'zzz']);
  return f;
}

describe('MemoryStore over the curated catalog', () => {
  it('a one-day range on 5 Aug 2024 includes Shoigu’s arrival and not the 1983 bombing', async () => {
    const r = ids(await store.listEvents({ from: '2024-08-05', to: '2024-08-05' }));
    expect(r).toContain('shoigu-arrives-tehran-2024-08-05');
    expect(r).not.toContain('beirut-bombing-1983');
    expect(r).not.toContain('haniyeh-killed-tehran-2024-07-31');
  });

  it('a range ending before every event returns nothing', async () => {
    expect(await store.listEvents({ to: '1900-01-01' })).toEqual([]);
    expect(await store.listEvents({ from: '2030-01-01' })).toEqual([]);
  });

  it('the 1983 range finds only the 1983 bombing', async () => {
    expect(ids(await store.listEvents({ from: '1983-10-23', to: '1983-10-23' }))).toEqual(['beirut-bombing-1983']);
  });

  it('a bbox around Beirut returns the Lebanese and Golan events, none in Tehran', async () => {
    const r = await store.listEvents({ bbox: [35, 33, 36.5, 34.5] });
    expect(r.length).toBeGreaterThan(0);
    for (const e of r) expect(e.properties.place.country).toMatch(/Lebanon|Golan/);
    expect(ids(r)).toEqual(expect.arrayContaining(['beirut-bombing-1983', 'shukr-killed-beirut-2024-07-30', 'golan-heights-rocket-attack-2024-07']));
    expect(r.some((e) => e.properties.place.name === 'Tehran')).toBe(false);
  });

  it('filters by category', async () => {
    const r = await store.listEvents({ categories: ['killing'] });
    expect(ids(r)).toContain('haniyeh-killed-tehran-2024-07-31');
    for (const e of r) expect(e.properties.category).toBe('killing');
    const visits = await store.listEvents({ categories: ['visit', 'diplomacy'] });
    expect(new Set(visits.map((e) => e.properties.category))).toEqual(new Set(['visit', 'diplomacy']));
  });

  it('filters by actor', async () => {
    const r = await store.listEvents({ actors: ['kurilla'] });
    expect(sortedIds(r)).toEqual(['kurilla-in-israel-2024-08-05', 'kurilla-meets-halevi-2024-08-05']);
  });

  it('searches text', async () => {
    const r = await store.listEvents({ q: 'haniyeh' });
    expect(ids(r)).toContain('haniyeh-killed-tehran-2024-07-31');
    expect(ids(r)).not.toContain('beirut-bombing-1983');
    expect(await store.listEvents({ q: 'haniyeh zzzz' })).toEqual([]);
  });

  it('filters movements too', async () => {
    const arms = await store.listMovements({ kinds: ['arms'] });
    expect(arms.length).toBeGreaterThanOrEqual(4);
    for (const m of arms) expect(m.properties.kind).toBe('arms');
    const day = await store.listMovements({ from: '2024-08-05', to: '2024-08-05', actors: ['shoigu'] });
    expect(day.map((m) => m.properties.id)).toEqual(['shoigu-moscow-tehran-2024-08-05']);
  });

  it('equals a brute-force filter for a dozen seeded random filters', async () => {
    const r = rng(20240805);
    let nonEmpty = 0;
    for (let i = 0; i < 12; i++) {
      const f = randomFilter(r);
      const got = await store.listEvents(f);
      const want = bruteForce(catalog.events, f);
      expect(sortedIds(got), JSON.stringify(f)).toEqual(sortedIds(want));
      if (want.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it('returns events in start-date order', async () => {
    const r = await store.listEvents({});
    expect(r.length).toBe(catalog.events.length);
    for (let i = 1; i < r.length; i++) expect(r[i - 1]!.properties.start <= r[i]!.properties.start).toBe(true);
  });

  it('extent spans the earliest start to the latest end', async () => {
    expect(await store.extent()).toEqual({ start: '1983-01-01', end: '2024-08-05' });
  });

  it('getEvent and getMovement find by id and return null otherwise', async () => {
    expect((await store.getEvent('beirut-bombing-1983'))?.properties.precision).toBe('year');
    expect(await store.getEvent('no-such-event')).toBeNull();
    expect((await store.getMovement('shoigu-moscow-tehran-2024-08-05'))?.properties.destination.name).toBe('Tehran');
    expect(await store.getMovement('no-such-movement')).toBeNull();
  });

  it('getArticle includes the full text and the events it supports', async () => {
    const id = '000_4281fd604d241ad1';
    const a = await store.getArticle(id);
    expect(a).not.toBeNull();
    expect(a!.text).toBe(readFileSync(path.join(ROOT, 'seeds', `${id}.txt`), 'utf8'));
    expect(a!.eventIds).toContain('shoigu-arrives-tehran-2024-08-05');
    expect(a!.eventIds).toContain('beirut-bombing-1983');
    expect(a!.eventIds).not.toContain('safadi-visits-tehran-2024-08-04'); // only 002 reports Safadi
    expect(await store.getArticle('999_nope')).toBeNull();
  });

  it('listArticles leaves the text out', async () => {
    const list = await store.listArticles();
    expect(list).toHaveLength(5);
    for (const a of list) expect('text' in a).toBe(false);
  });
});

describe('MemoryStore with 100,000 synthetic extra events', () => {
  const r = rng(42);
  const base = catalog.events;
  const extra: EventFeature[] = Array.from({ length: 100_000 }, (_, i) => {
    const src = base[i % base.length]!;
    const shift = Math.floor(r() * 3650) - 1825; // ±5 years
    const span = Math.floor(r() * 40) * (r() < 0.8 ? 0 : 1);
    const start = addDays(src.properties.start, shift);
    return { ...src, id: `synthetic-${i}`, properties: { ...src.properties, id: `synthetic-${i}`, start, end: addDays(start, span) } };
  });
  const big = new MemoryStore(catalog, extra);
  const everything = [...catalog.events, ...extra];

  it('serves the extra events alongside the curated ones', async () => {
    expect((await big.listEvents({})).length).toBe(everything.length);
    expect((await big.getEvent('synthetic-99999'))?.properties.id).toBe('synthetic-99999');
    expect(big.version).not.toBe(store.version);
  });

  it('date filtering equals brute force', async () => {
    const q = rng(7);
    const days = ['1980-01-01', '1983-06-30', '2019-05-05', '2021-02-28', '2022-12-31', '2023-09-15', '2024-07-31', '2024-08-05', '2026-01-01', '2029-07-31'];
    for (let i = 0; i < 12; i++) {
      const from = addDays(days[Math.floor(q() * days.length)]!, Math.floor(q() * 30));
      const to = addDays(from, Math.floor(q() * 60));
      const filters: Filter[] = [{ from, to }, { to }, { from }];
      for (const f of filters) {
        const got = new Set(ids(await big.listEvents(f)));
        const want = ids(bruteForce(everything, f));
        expect(got.size, JSON.stringify(f)).toBe(want.length);
        expect(want.filter((id) => !got.has(id)), JSON.stringify(f)).toEqual([]);
      }
    }
  }, 30_000);

  it('combined filters equal brute force', async () => {
    const q = rng(99);
    for (let i = 0; i < 6; i++) {
      const f = randomFilter(q);
      expect(sortedIds(await big.listEvents(f)), JSON.stringify(f)).toEqual(sortedIds(bruteForce(everything, f)));
    }
  }, 30_000);
});
