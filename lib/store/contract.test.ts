// The store contract, checked against an oracle written here: a brute-force filter over the features
// the test itself wrote (curated catalog + seeded synthetic load + a few feed events). It runs against
// SQLite in memory and in a temp file; a PostGIS adapter would run the same suite.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, readRawCatalog } from '../catalog';
import { CATEGORIES, type Category, type EventFeature } from '../types';
import { StoreQueryError, type EventQuery, type MovementQuery, type Store } from './contract';
import { createStore } from './index-sqlite';
import type { SqliteStore } from './sqlite';
import { prng, syntheticBatches } from './synthetic';
import { histogramBins } from '../timeline';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const catalog = buildCatalog(readRawCatalog(ROOT));
const SYNTHETIC = 3000;
const synthBatches = [...syntheticBatches(SYNTHETIC, { seed: 7, batchSize: 1000 })];

/** A handful of feed events (no quote, a URL) so sourceTypes has something to tell apart. */
function feedEvents(n: number): EventFeature[] {
  const r = prng(99);
  return Array.from({ length: n }, (_, i) => {
    const lng = Math.round((-180 + r() * 360) * 1e4) / 1e4;
    const lat = Math.round((-60 + r() * 120) * 1e4) / 1e4;
    const day = `2024-0${1 + Math.floor(r() * 8)}-1${Math.floor(r() * 9)}`;
    return {
      type: 'Feature',
      id: `feed-test-${i}`,
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: {
        id: `feed-test-${i}`,
        title: `Feed report ${i} near Tehran`,
        summary: 'Machine-coded record from a feed.',
        category: CATEGORIES[i % CATEGORIES.length]!,
        start: day,
        end: day,
        precision: 'day',
        dateInferred: false,
        place: { id: `feed-place-${i}`, name: 'Somewhere', country: 'Nowhere', lat, lng, precision: 'city', inferred: false },
        actors: [],
        sources: [],
        corroboration: 0,
        disputed: [],
        precisionDiffers: [],
        sourceType: 'feed',
        feedSources: [{ feed: 'test', recordId: String(i), url: `https://example.org/${i}` }],
      },
    };
  });
}
const FEEDS = feedEvents(40);

/** What the store should hold: every written event with sourceType made explicit. */
const TRUTH: EventFeature[] = [
  ...catalog.events,
  ...synthBatches.flatMap((b) => b.events!),
  ...FEEDS.map((f) => ({ ...f, geometry: { type: 'Point' as const, coordinates: [f.properties.place.lng, f.properties.place.lat] }, properties: { ...f.properties, corroboration: 1 } })),
].map((f) => ({ ...f, properties: { ...f.properties, sourceType: f.properties.sourceType ?? 'article' } }));

// ---- The oracle -------------------------------------------------------------------------------

const words = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function textMatches(q: string, hay: string[]): boolean {
  const qs = words(q);
  const hs = hay.flatMap(words);
  return qs.every((w) => hs.some((h) => h.startsWith(w)));
}

function inBox(x: number, y: number, [w, s, e, n]: [number, number, number, number]): boolean {
  if (y < s || y > n) return false;
  return w <= e ? x >= w && x <= e : x >= w || x <= e;
}

function oracle(q: EventQuery): EventFeature[] {
  return TRUTH.filter((f) => {
    const p = f.properties;
    if (q.from && p.end < q.from) return false;
    if (q.to && p.start > q.to) return false;
    if (q.bbox && !inBox(p.place.lng, p.place.lat, q.bbox)) return false;
    if (q.categories && !q.categories.includes(p.category)) return false;
    if (q.sourceTypes && !q.sourceTypes.includes(p.sourceType!)) return false;
    if (q.actors && !p.actors.some((a) => q.actors!.includes(a.id))) return false;
    if (q.q && !textMatches(q.q, [p.title, p.summary, p.place.name, p.place.country, ...p.actors.map((a) => a.name), ...p.sources.map((s) => s.quote)])) return false;
    return true;
  }).sort((a, b) => (a.properties.start === b.properties.start ? (a.properties.id < b.properties.id ? -1 : 1) : a.properties.start < b.properties.start ? -1 : 1));
}

const MOVE_CAT = { travel: 'visit', arms: 'arms-transfer', attack: 'strike' } as const;
function movementOracle(q: MovementQuery): string[] {
  return catalog.movements
    .filter((m) => {
      const p = m.properties;
      if (q.from && p.end < q.from) return false;
      if (q.to && p.start > q.to) return false;
      if (q.kinds && !q.kinds.includes(p.kind)) return false;
      if (q.categories && !q.categories.includes(MOVE_CAT[p.kind])) return false;
      if (q.actors && !p.actors.some((a) => q.actors!.includes(a.id))) return false;
      if (q.q && !textMatches(q.q, [p.title, p.summary, p.origin.name, p.destination.name, ...p.actors.map((a) => a.name), ...p.sources.map((s) => s.quote)])) return false;
      if (q.bbox) {
        const cs = m.geometry.coordinates.map(([x, y]) => [((((x! + 180) % 360) + 360) % 360) - 180, y!] as const);
        if (cs.some(([x, y]) => inBox(x, y, q.bbox!))) return true;
        const [w, s, e, n] = q.bbox;
        const xs = m.geometry.coordinates.map((c) => c[0]!);
        const ys = m.geometry.coordinates.map((c) => c[1]!);
        return w <= e && Math.min(...xs) <= e && Math.max(...xs) >= w && Math.min(...ys) <= n && Math.max(...ys) >= s;
      }
      return true;
    })
    .map((m) => m.properties.id)
    .sort();
}

function randomQuery(r: () => number): EventQuery {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const dates = ['1983-10-23', '2018-03-01', '2020-06-15', '2022-10-01', '2023-06-15', '2024-02-29', '2024-07-01', '2024-07-31', '2024-08-05', '2024-08-06'];
  const q: EventQuery = {};
  if (r() < 0.7) q.from = pick(dates);
  if (r() < 0.7) q.to = pick(dates);
  if (q.from && q.to && q.from > q.to) [q.from, q.to] = [q.to, q.from];
  if (q.from && r() < 0.3) q.to = q.from.slice(0, 8) + '28';
  if (r() < 0.5) {
    const w = -180 + r() * 340;
    const s = -60 + r() * 100;
    const e = r() < 0.15 ? -180 + r() * 60 : Math.min(180, w + r() * 80);
    q.bbox = [w, s, e, Math.min(90, s + r() * 50)];
  }
  if (r() < 0.3) q.categories = CATEGORIES.filter(() => r() < 0.4) as Category[];
  if (r() < 0.2) q.actors = [pick(['shoigu', 'haniyeh', 'kurilla', 'synthetic-actor-3', 'synthetic-actor-17', 'nobody'])];
  if (r() < 0.25) q.q = pick(['tehran', 'Haniyeh', 'tehr', 'strike beirut', 'ali hadd', 'drone', 'zzz', 'July', 'feed report', 'Kyiv']);
  if (r() < 0.2) q.sourceTypes = [pick(['article', 'feed'] as const)];
  return q;
}

const ids = (fs: { properties: { id: string } }[]) => fs.map((f) => f.properties.id);

/** eventsJson is events() serialized: the same bytes as JSON.stringify of the page the route sends. */
async function expectSameJson(store: Store, q: EventQuery, opts: Parameters<Store['events']>[1], page: { items: unknown[]; nextCursor: string | null }) {
  const json = await store.eventsJson(q, opts);
  expect(json, `eventsJson ${JSON.stringify(q)} ${JSON.stringify(opts)}`).toBe(JSON.stringify({ type: 'FeatureCollection', features: page.items, nextCursor: page.nextCursor }));
}

// ---- The suite ---------------------------------------------------------------------------------

/** How the suite's load is written: batch by batch, or as one bulk transaction (deferred indexes). */
type Fill = (store: Store) => Promise<void>;
const perBatch: Fill = async (store) => {
  for (const b of synthBatches) await store.writeBatch(b);
  await store.writeBatch({ origin: 'test-feed', events: FEEDS });
};

function contractSuite(name: string, open: () => { store: Store; cleanup: () => void }, fill: Fill = perBatch) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      ({ store, cleanup } = open());
      await fill(store);
    }, 120_000);
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('counts and pages match the oracle for random queries; pages cover every item once', async () => {
      const r = prng(42);
      for (let i = 0; i < 80; i++) {
        const q = randomQuery(r);
        const want = oracle(q);
        expect(await store.countEvents(q), JSON.stringify(q)).toBe(want.length);
        if (want.length > 1500) continue;
        const limit = 1 + Math.floor(r() * 300);
        const got: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 2000; pages++) {
          const opts = { limit, fields: 'summary', ...(cursor ? { cursor } : {}) } as const;
          const page = await store.events(q, opts);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          if (pages < 3) await expectSameJson(store, q, opts, page);
          got.push(...ids(page.items));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(got, JSON.stringify(q)).toEqual(ids(want));
        // Newest first: the same events, in exactly the reverse order, page by page.
        const back: string[] = [];
        cursor = undefined;
        for (let pages = 0; pages < 2000; pages++) {
          const opts = { limit, fields: 'summary', order: 'desc', ...(cursor ? { cursor } : {}) } as const;
          const page: { items: { properties: { id: string } }[]; nextCursor: string | null } = await store.events(q, opts);
          if (pages < 3) await expectSameJson(store, q, opts, page);
          back.push(...ids(page.items));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(back, `desc ${JSON.stringify(q)}`).toEqual(ids(want).reverse());
      }
    });

    it('a cursor of one order is refused by the other', async () => {
      const asc = await store.events({}, { limit: 2, fields: 'summary' });
      const desc = await store.events({}, { limit: 2, fields: 'summary', order: 'desc' });
      await expect(store.events({}, { limit: 2, fields: 'summary', order: 'desc', cursor: asc.nextCursor! })).rejects.toThrow(/other order/);
      await expect(store.events({}, { limit: 2, fields: 'summary', cursor: desc.nextCursor! })).rejects.toThrow(/other order/);
    });

    it('full pages and getEvent return the written features with derived fields recomputed', async () => {
      const page = await store.events({ from: '2024-07-30', to: '2024-08-05', sourceTypes: ['article'] }, { limit: 5000, fields: 'full' });
      const truth = new Map(TRUTH.map((f) => [f.properties.id, f]));
      expect(page.items.length).toBeGreaterThan(20);
      for (const f of page.items) expect(f).toEqual(truth.get(f.properties.id));
      await expectSameJson(store, { from: '2024-07-30', to: '2024-08-05', sourceTypes: ['article'] }, { limit: 5000, fields: 'full' }, page);
      // Feeds (feedSources, no quotes), synthetic load, both orders, a page boundary, the empty page.
      for (const [q, opts] of [
        [{ sourceTypes: ['feed'] }, { limit: 25, fields: 'full' }],
        [{ from: '2024-01-01', to: '2024-08-06' }, { limit: 300, fields: 'full', order: 'desc' }],
        [{ from: '2024-08-06', to: '2024-08-01' }, { limit: 10, fields: 'full' }],
      ] as [EventQuery, { limit: number; fields: 'full'; order?: 'desc' }][]) {
        await expectSameJson(store, q, opts, await store.events(q, opts));
      }
      for (const e of catalog.events) expect(await store.getEvent(e.properties.id)).toEqual({ ...e, properties: { ...e.properties, sourceType: 'article' } });
      expect(await store.getEvent('no-such-event')).toBeNull();
      const feed = await store.getEvent('feed-test-3');
      expect(feed?.properties.sourceType).toBe('feed');
      expect(feed?.properties.feedSources?.[0]?.url).toBe('https://example.org/3');
      expect(feed?.geometry.coordinates).toEqual([feed!.properties.place.lng, feed!.properties.place.lat]);
    });

    it('summary features carry the light properties', async () => {
      const { items } = await store.events({ q: 'haniyeh' }, { limit: 10, fields: 'summary' });
      const s = items.find((f) => f.properties.id === 'haniyeh-killed-tehran-2024-07-31')!;
      expect(s.properties).toMatchObject({ category: 'killing', placeName: 'Tehran', sourceType: 'article', start: '2024-07-31' });
      expect(s.properties.actors).toContain('haniyeh');
    });

    it('histogram: day events per bin, coarser events as grouped spans, totals equal the count', async () => {
      const r = prng(5);
      for (let i = 0; i < 12; i++) {
        const base = randomQuery(r);
        const { from: _f, to: _t, ...q } = base;
        const from = ['2024-07-01', '2023-12-20', '2019-01-01', '2024-08-01'][i % 4]!;
        const to = ['2024-08-06', '2024-01-31', '2024-08-06', '2024-08-03'][i % 4]!;
        const binDays = [1, 3, 30, 7][i % 4]!;
        const h = await store.histogram(q, { from, to, binDays });
        const inWindow = oracle({ ...q, from, to });
        const day = inWindow.filter((f) => f.properties.precision === 'day');
        const coarse = inWindow.filter((f) => f.properties.precision !== 'day');
        // Brute force bins: every bin an interval touches counts it once.
        const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
        const expected = new Map<number, number>();
        for (const f of day) {
          const a = Math.max(d(f.properties.start), d(from));
          const b = Math.min(d(f.properties.end), d(to));
          for (let k = Math.floor((a - d(from)) / binDays); k <= Math.floor((b - d(from)) / binDays); k++) expected.set(k, (expected.get(k) ?? 0) + 1);
        }
        h.bins.forEach((bin, k) => {
          expect(bin.total).toBe(expected.get(k) ?? 0);
          expect(Object.values(bin.counts).reduce((s, n) => s + n!, 0)).toBe(bin.total);
        });
        expect(h.bins.length).toBe(Math.floor((d(to) - d(from)) / binDays) + 1);
        expect(h.spans.reduce((s, x) => s + x.count, 0)).toBe(coarse.length);
        if (day.every((f) => f.properties.start === f.properties.end)) {
          expect(h.bins.reduce((s, b) => s + b.total, 0) + h.spans.reduce((s, x) => s + x.count, 0)).toBe(await store.countEvents({ ...q, from, to }));
        }
      }
    });

    it('histogram in given bins (the timeline\'s log and overview scales): each bin counts the day events overlapping it', async () => {
      const r = prng(6);
      const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
      for (let i = 0; i < 12; i++) {
        const { from: _f, to: _t, ...q } = randomQuery(r);
        const [from, to] = ([['1983-01-01', '2024-08-07'], ['2023-06-01', '2024-08-06'], ['2024-07-20', '2024-08-06']] as const)[i % 3]!;
        let binStarts: string[];
        if (i % 4 === 0) binStarts = [...(histogramBins({ from, to }, { scale: 'log', center: '2024-07-31', width: 200 + 64 * i }) as { binStarts: string[] }).binStarts];
        else if (i % 4 === 1) binStarts = [...(histogramBins({ from, to }, { scale: 'overview', center: '2024-08-03', width: 96 + 32 * i }) as { binStarts: string[] }).binStarts];
        else {
          // random first days, with some the store must ignore: before and after the window, repeated, out of order
          const days = Array.from({ length: 5 + Math.floor(r() * 40) }, () => day(from) + Math.floor(r() * (day(to) - day(from) + 1))).sort((a, b) => a - b);
          binStarts = [iso(day(from) - 3), ...days.map(iso), iso(days[0]!), iso(day(to) + 2)];
        }
        // What the contract says the bins are: the window start, then each given day inside the window after the last kept one.
        const starts: string[] = [from];
        for (const s of binStarts) if (s > starts[starts.length - 1]! && s <= to) starts.push(s);
        const want = starts.map((s, k) => ({ from: s, to: k + 1 < starts.length ? iso(day(starts[k + 1]!) - 1) : to }));
        const h = await store.histogram(q, { from, to, binStarts });
        const label = `${JSON.stringify(q)} ${from}…${to}, ${binStarts.length} starts`;
        expect(h.binDays, label).toBe(0);
        expect(h.bins.map((b) => ({ from: b.from, to: b.to })), label).toEqual(want);
        const events = oracle({ ...q, from, to });
        const dayEvents = events.filter((f) => f.properties.precision === 'day');
        const totals = want.map((b) => dayEvents.filter((f) => f.properties.start <= b.to && f.properties.end >= b.from).length);
        expect(h.bins.map((b) => b.total), label).toEqual(totals);
        const byCategory = want.map((b) => {
          const c: Record<string, number> = {};
          for (const f of dayEvents) if (f.properties.start <= b.to && f.properties.end >= b.from) c[f.properties.category] = (c[f.properties.category] ?? 0) + 1;
          return c;
        });
        expect(h.bins.map((b) => b.counts), label).toEqual(byCategory);
        expect(h.maxTotal, label).toBe(Math.max(0, ...totals));
        expect(h.spans.reduce((s, x) => s + x.count, 0), label).toBe(events.length - dayEvents.length);
      }
    });

    it('clusters partition the matching events: counts sum to the count, leaves cover each event once', async () => {
      const r = prng(11);
      for (let i = 0; i < 10; i++) {
        const q = { ...randomQuery(r), bbox: i % 3 === 0 ? ([-180, -85, 180, 85] as [number, number, number, number]) : ([20 + r() * 20, 10 + r() * 20, 45 + r() * 20, 35 + r() * 20] as [number, number, number, number]), zoom: [0, 3, 5, 8, 12][i % 5]! };
        const want = oracle(q);
        const fc = await store.clusters(q);
        let total = 0;
        const seen: string[] = [];
        for (const f of fc.features) {
          if ('cluster' in f.properties) {
            total += f.properties.pointCount;
            const leaves = await store.clusterLeaves(f.properties.clusterId, q, 100_000);
            expect(leaves.length).toBe(f.properties.pointCount);
            seen.push(...ids(leaves));
          } else {
            total += 1;
            seen.push(f.properties.id);
          }
        }
        expect(total, JSON.stringify(q)).toBe(want.length);
        expect(seen.sort()).toEqual(ids(want).sort());
      }
    });

    it('movements match the oracle', async () => {
      const r = prng(3);
      const all = await store.movements({});
      expect(all.length).toBe(catalog.movements.length);
      for (let i = 0; i < 40; i++) {
        const { sourceTypes: _s, zoom: _z, ...q } = randomQuery(r) as EventQuery;
        const mq: MovementQuery = { ...q, ...(r() < 0.3 ? { kinds: [(['travel', 'arms', 'attack'] as const)[i % 3]!] } : {}) };
        expect(ids(await store.movements(mq)).sort(), JSON.stringify(mq)).toEqual(movementOracle(mq));
      }
      const m = catalog.movements[0]!;
      expect(await store.getMovement(m.properties.id)).toEqual(m);
      expect(await store.getMovement('nope')).toBeNull();
    });

    it('articles page through all, with the events that cite them', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.articles({ limit: 97, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const expected = [...catalog.articles.map((a) => a.id), ...synthBatches.flatMap((b) => b.articles!.map((a) => a.id))].sort();
      expect(seen).toEqual(expected);
      for (const a of catalog.articles) expect(await store.getArticle(a.id)).toEqual({ ...a, eventIds: [...a.eventIds].sort(), movementIds: [...a.movementIds].sort() });
      expect(await store.getArticle('nope')).toBeNull();
    });

    it('extent and actors', async () => {
      const starts = [...TRUTH, ...catalog.movements].map((f) => f.properties.start).sort();
      const ends = [...TRUTH, ...catalog.movements].map((f) => f.properties.end).sort();
      expect(await store.extent()).toEqual({ start: starts[0], end: ends.at(-1) });
      const actors = await store.actors();
      expect(actors.map((a) => a.id)).toEqual(expect.arrayContaining(catalog.actors.map((a) => a.id)));
      const names = actors.map((a) => a.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('revision changes on every write and not on reads; a failing batch leaves the store unchanged', async () => {
      const r0 = await store.revision();
      await store.countEvents({});
      expect(await store.revision()).toBe(r0);
      const count0 = await store.countEvents({});
      const good = FEEDS.slice(0, 2).map((f, i) => ({ ...f, properties: { ...f.properties, id: `batch-good-${i}` } }));
      const article = catalog.articles[0]!;
      const bad: EventFeature = {
        ...catalog.events[0]!,
        properties: { ...catalog.events[0]!.properties, id: 'batch-bad', sources: [{ ...catalog.events[0]!.properties.sources[0]!, article: article.id, quote: 'This sentence is not in the article at all.' }] },
      };
      await expect(store.writeBatch({ origin: 'test-bad', events: [...good, bad] })).rejects.toThrow(/quote not found verbatim/);
      expect(await store.revision()).toBe(r0);
      expect(await store.countEvents({})).toBe(count0);
      expect(await store.getEvent('batch-good-0')).toBeNull();
      await expect(store.writeBatch({ origin: 'test-bad', events: [{ ...good[0]!, properties: { ...good[0]!.properties, actors: [{ id: 'ghost', name: 'Ghost', role: '', affiliation: '' }] } }] })).rejects.toThrow(/unknown actor ghost/);
      expect(await store.revision()).toBe(r0);

      const res = await store.writeBatch({ origin: 'test-good', events: good });
      expect(res.revision).not.toBe(r0);
      expect(await store.revision()).toBe(res.revision);
      expect(await store.countEvents({})).toBe(count0 + 2);
      // Rewriting the same ids replaces, and replaceOrigin removes what the origin no longer sends.
      await store.writeBatch({ origin: 'test-good', events: good.slice(0, 1), replaceOrigin: true });
      expect(await store.countEvents({})).toBe(count0 + 1);
      expect(await store.getEvent('batch-good-1')).toBeNull();
      await store.writeBatch({ origin: 'test-good', replaceOrigin: true });
      expect(await store.countEvents({})).toBe(count0);
    });

    it('rejects malformed cursors and limits', async () => {
      await expect(store.events({}, { limit: 0, fields: 'summary' })).rejects.toThrow(RangeError);
      await expect(store.events({}, { limit: 10, fields: 'summary', cursor: 'garbage' })).rejects.toThrow(/cursor/);
      // A typed error, so the routes answer 400 rather than 500.
      await expect(store.events({}, { limit: 10, fields: 'summary', cursor: 'garbage' })).rejects.toBeInstanceOf(StoreQueryError);
      await expect(store.articles({ limit: 10, cursor: Buffer.from('[1,"x"]').toString('base64url') })).rejects.toBeInstanceOf(StoreQueryError);
      await expect(store.clusterLeaves('1/2', {}, 10)).rejects.toThrow(/cluster id/);
    });
  });
}

contractSuite(':memory:', () => ({ store: createStore(':memory:', { root: ROOT }), cleanup: () => {} }));

let tmp: string;
contractSuite('temp file', () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-store-'));
  return { store: createStore(`file:${path.join(tmp, 'test.db')}`, { root: ROOT }), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
});

// The same contract on a store filled by one bulk write: the date indexes and the R*Tree are built at
// its end, and every query must still agree with the oracle.
let tmpBulk: string;
contractSuite(
  'temp file, one bulk write',
  () => {
    tmpBulk = mkdtempSync(path.join(os.tmpdir(), 'situation-map-bulk-'));
    return { store: createStore(`file:${path.join(tmpBulk, 'test.db')}`, { root: ROOT }), cleanup: () => rmSync(tmpBulk, { recursive: true, force: true }) };
  },
  async (store) => {
    const s = store as SqliteStore;
    const res = s.writeBatchesSync([...synthBatches, { origin: 'test-feed', events: FEEDS }], { expectedEvents: SYNTHETIC + FEEDS.length });
    expect(res.events).toBe(SYNTHETIC + FEEDS.length);
  },
);

describe('bulk write (writeBatchesSync)', () => {
  const schema = (s: SqliteStore) => s.db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  it('a failing batch anywhere leaves the store exactly as before, indexes included', async () => {
    const s = createStore(':memory:', { root: ROOT });
    try {
      const before = { schema: schema(s), revision: await s.revision(), count: s.countSync({}), rtree: s.db.prepare('SELECT count(*) AS n FROM events_rtree').get() };
      const bad: EventFeature = { ...FEEDS[0]!, properties: { ...FEEDS[0]!.properties, id: 'bulk-bad', feedSources: [] } };
      // Large enough to defer the date indexes and the R*Tree; the last batch fails the domain rules.
      expect(() => s.writeBatchesSync([...synthBatches, { origin: 'test-feed', events: [bad] }], { expectedEvents: 1e6 })).toThrow(/feed record/);
      expect(schema(s)).toEqual(before.schema);
      expect(await s.revision()).toBe(before.revision);
      expect(s.countSync({})).toBe(before.count);
      expect(s.db.prepare('SELECT count(*) AS n FROM events_rtree').get()).toEqual(before.rtree);
      expect(await s.getEvent(synthBatches[0]!.events![0]!.properties.id)).toBeNull();
      // and the store still writes and answers through the indexes afterwards
      s.writeBatchesSync(synthBatches.slice(0, 1), { expectedEvents: 1e6 });
      expect(schema(s)).toEqual(before.schema);
      // A bulk that replaces the newest events (their rids freed first) still puts every row in the R*Tree.
      s.writeBatchesSync(synthBatches, { expectedEvents: 1e6 });
      expect(s.db.prepare('SELECT count(*) AS n FROM events_rtree').get()).toEqual(s.db.prepare('SELECT count(*) AS n FROM events').get());
      const naive = (sql: string) => (s.db.prepare(`SELECT count(*) AS n FROM events NOT INDEXED WHERE ${sql}`).get() as { n: number }).n;
      expect(s.countSync({ bbox: [30, 25, 40, 40] })).toBe(naive('lng BETWEEN 30 AND 40 AND lat BETWEEN 25 AND 40'));
      expect(s.countSync({ from: '2020-01-01', to: '2022-12-31' })).toBe(naive("end_day >= unixepoch('2020-01-01') / 86400 AND start_day <= unixepoch('2022-12-31') / 86400"));
    } finally {
      s.closeSync();
    }
  });
});

describe('curated import', () => {
  it('is idempotent by content hash and applies an edited file in one replace', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-curated-'));
    try {
      cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
      cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
      const url = `file:${path.join(dir, 'db', 'x.db')}`;
      let s = createStore(url, { root: dir });
      const r1 = await s.revision();
      expect(await s.countEvents({})).toBe(catalog.events.length);
      await s.close();

      s = createStore(url, { root: dir });
      expect(await s.revision()).toBe(r1);
      await s.close();

      const file = path.join(dir, 'data', 'events.json');
      const events = JSON.parse(readFileSync(file, 'utf8')) as { id: string; title: string }[];
      const dropped = events.pop()!;
      events[0]!.title = 'Edited title';
      writeFileSync(file, JSON.stringify(events));
      s = createStore(url, { root: dir });
      expect(await s.revision()).not.toBe(r1);
      expect(await s.countEvents({})).toBe(catalog.events.length - 1);
      expect(await s.getEvent(dropped.id)).toBeNull();
      expect((await s.getEvent(events[0]!.id))?.properties.title).toBe('Edited title');
      await s.close();

      // A broken edit is refused at open and leaves the last good import in place.
      writeFileSync(file, JSON.stringify([{ ...events[0], sources: [{ article: '000_4281fd604d241ad1', quote: 'Nothing like this is in the article.' }] }]));
      expect(() => createStore(url, { root: dir })).toThrow(/quote not found/);
      const raw = createStore(url, { curated: false }) as SqliteStore;
      expect(raw.countSync({})).toBe(catalog.events.length - 1);
      raw.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});



describe('two connections to one file', () => {
  it('a reader sees what another process committed, caches included', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-two-'));
    try {
      const url = `file:${path.join(dir, 'x.db')}`;
      const a = createStore(url, { curated: false });
      const b = createStore(url, { curated: false });
      await a.writeBatch({ origin: 'test-feed', events: FEEDS.slice(0, 1) });
      const q = { from: '1990-06-01', to: '1990-06-02' };
      expect(await b.events(q, { limit: 10, fields: 'summary' })).toEqual({ items: [], nextCursor: null });
      const before = await b.revision();
      expect(before).toBe(await a.revision());
      const long = { ...FEEDS[1]!, properties: { ...FEEDS[1]!.properties, id: 'feed-long', start: '1990-01-01', end: '1990-12-31', precision: 'year' as const } };
      await a.writeBatch({ origin: 'test-feed', events: [long] });
      expect(ids((await b.events(q, { limit: 10, fields: 'summary' })).items)).toEqual(['feed-long']);
      expect(JSON.parse(await b.eventsJson(q, { limit: 10, fields: 'full' })).features[0].properties.end).toBe('1990-12-31');
      // The revision (every ETag's base) is cached in memory, yet moves with another connection's commit.
      expect(await b.revision()).not.toBe(before);
      expect(await b.revision()).toBe(await a.revision());
      await a.close();
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
