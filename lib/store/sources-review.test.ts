// The contract for articles as sources of events any origin wrote, and for review states, checked
// against an oracle over the features the test wrote (the same approach as contract.test.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../domain/features';
import { CATEGORIES, type Category, type EventFeature, type MovementFeature, type SourceClaim } from '../types';
import type { EventQuery, ReviewState } from './contract';
import { createStore } from './index-sqlite';
import { MIGRATIONS } from './migrations';
import { SqliteStore } from './sqlite';
import { prng } from './synthetic';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATES: ReviewState[] = ['unreviewed', 'accepted', 'edited', 'rejected'];

// Invented wire copy, written for these tests.
const SENTENCES = [
  'Artillery shells struck a grain depot outside the town of Vellmar on Tuesday, officials said.',
  'Hundreds of farmers marched through the provincial capital to demand lower fuel prices.',
  'A regional governor met the visiting envoy at the airport before talks on water rights.',
  'Police detained four activists outside the parliament building late in the evening.',
];
const ARTICLE_TEXT = `${SENTENCES.join(' ')}\n\nThe ministry published a statement on 3 March 2025.`;

function article(id: string, text = ARTICLE_TEXT, date = '2025-03-03'): ArticleInput {
  return { id, headline: `Test report ${id}`, outlet: null, author: null, date, dateStatus: 'inferred', dateBasis: 'given by the test', text };
}

function claim(articleId: string, quote: string, date?: { start: string; end: string }, extra: Partial<SourceClaim> = {}): SourceClaim {
  return { article: articleId, headline: null, outlet: null, articleDate: '2025-03-03', quote, offset: 0, ...(date ? { date: { ...date, precision: 'day' as const } } : {}), ...extra };
}

function extracted(i: number, r: () => number, review: ReviewState | null): EventFeature {
  const day = `2025-0${1 + Math.floor(r() * 3)}-1${Math.floor(r() * 9)}`;
  const lng = Math.round((-170 + r() * 340) * 1e4) / 1e4;
  const lat = Math.round((-60 + r() * 120) * 1e4) / 1e4;
  const quote = SENTENCES[i % SENTENCES.length]!;
  return {
    type: 'Feature',
    id: `rv-${i}`,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: {
      id: `rv-${i}`,
      title: `Reviewed thing ${i}`,
      summary: quote,
      category: CATEGORIES[Math.floor(r() * CATEGORIES.length)]!,
      start: day,
      end: day,
      precision: 'day',
      dateInferred: true,
      dateBasis: 'test',
      place: { id: `p-${i}`, name: `Place ${i}`, country: 'Testland', lat, lng, precision: 'city', inferred: false },
      actors: [],
      sources: [claim('rv-article', quote)],
      corroboration: 1,
      disputed: [],
      precisionDiffers: [],
      ...(review ? { extraction: { pipeline: 'ingest@test', confidence: 0.8, review } } : {}),
    },
  };
}

describe('review states (oracle)', () => {
  const r = prng(5);
  const truth = Array.from({ length: 120 }, (_, i) => extracted(i, r, i % 5 === 4 ? null : STATES[Math.floor(r() * 4)]!));
  let store: SqliteStore;
  beforeAll(() => {
    store = createStore(':memory:', { curated: false });
    store.writeBatchSync({ origin: 'ingest', articles: [article('rv-article')], events: truth });
  });
  afterAll(() => store.closeSync());

  const oracle = (q: EventQuery) =>
    truth
      .filter((f) => {
        const p = f.properties;
        const state = p.extraction?.review;
        if (state === 'rejected' && !q.rejected) return false;
        if (state === 'unreviewed' && q.unreviewed === false) return false;
        if (q.from && p.end < q.from) return false;
        if (q.to && p.start > q.to) return false;
        if (q.categories && !q.categories.includes(p.category)) return false;
        if (q.bbox) {
          const [w, s, e, n] = q.bbox;
          if (p.place.lng < w || p.place.lng > e || p.place.lat < s || p.place.lat > n) return false;
        }
        return true;
      })
      .map((f) => f.properties.id)
      .sort();

  it('counts, pages, clusters and histograms leave out rejected events, and unreviewed ones on request', async () => {
    const q0 = prng(11);
    for (let i = 0; i < 60; i++) {
      const q: EventQuery = {};
      if (q0() < 0.5) q.unreviewed = q0() < 0.5;
      if (q0() < 0.3) q.rejected = true;
      if (q0() < 0.5) [q.from, q.to] = q0() < 0.5 ? ['2025-01-10', '2025-02-15'] : ['2025-01-01', '2025-12-31'];
      if (q0() < 0.4) q.bbox = q0() < 0.5 ? [-20, -30, 40, 30] : [-170, -60, 170, 60];
      if (q0() < 0.3) q.categories = CATEGORIES.filter(() => q0() < 0.5) as Category[];
      const want = oracle(q);
      expect(store.countSync(q), JSON.stringify(q)).toBe(want.length);
      const page = store.eventsSync(q, { limit: 500, fields: 'summary' });
      expect(page.items.map((f) => f.properties.id).sort(), JSON.stringify(q)).toEqual(want);
      const clusters = await store.clusters({ ...q, bbox: q.bbox ?? [-180, -85, 180, 85], zoom: 2 });
      const sum = clusters.features.reduce((a, f) => a + ('cluster' in f.properties ? f.properties.pointCount : 1), 0);
      expect(sum, JSON.stringify(q)).toBe(q.bbox ? want.length : oracle({ ...q, bbox: [-180, -85, 180, 85] }).length);
      // Every cluster says how many of its events nobody has reviewed, so the map can mark it.
      const unreviewedDrawn = clusters.features.reduce((a, f) => a + ('cluster' in f.properties ? f.properties.unreviewed : f.properties.review === 'unreviewed' ? 1 : 0), 0);
      const drawnIds = new Set(q.bbox ? want : oracle({ ...q, bbox: [-180, -85, 180, 85] }));
      expect(unreviewedDrawn, JSON.stringify(q)).toBe(truth.filter((f) => drawnIds.has(f.properties.id) && f.properties.extraction?.review === 'unreviewed').length);
      const h = await store.histogram(q, { from: '2025-01-01', to: '2025-03-31', binDays: 7 });
      expect(h.bins.reduce((a, b) => a + b.total, 0), JSON.stringify(q)).toBe(oracle({ ...q, from: q.from ?? '2025-01-01', to: q.to ?? '2025-03-31' }).length);
    }
  });

  it('summaries carry the review state of machine-extracted events (objects and JSON alike), so the map can mark unreviewed ones', async () => {
    const page = store.eventsSync({}, { limit: 500, fields: 'summary' });
    const json = JSON.parse(store.eventsJsonSync({}, { limit: 500, fields: 'summary' })) as { features: { properties: { id: string; review?: string } }[] };
    const byId = new Map(truth.map((f) => [f.properties.id, f.properties.extraction?.review]));
    for (const f of page.items) expect((f.properties as { review?: string }).review, f.properties.id).toBe(byId.get(f.properties.id));
    expect(json.features.map((f) => f.properties)).toEqual(page.items.map((f) => f.properties));
  });

  it('a rejected event is kept: getEvent hides it unless asked', async () => {
    const rejected = truth.find((f) => f.properties.extraction?.review === 'rejected')!;
    expect(await store.getEvent(rejected.properties.id)).toBeNull();
    expect((await store.getEvent(rejected.properties.id, { rejected: true }))?.properties.extraction?.review).toBe('rejected');
  });
});

describe('review()', () => {
  let store: SqliteStore;
  const r = prng(3);
  const ev = { ...extracted(1, r, 'unreviewed') };
  ev.properties = { ...ev.properties, dateInferred: false, dateBasis: undefined as unknown as string, sources: [claim('rv-article', SENTENCES[1]!, { start: ev.properties.start, end: ev.properties.end })] };
  delete (ev.properties as { dateBasis?: string }).dateBasis;
  const curated = extracted(2, r, null);
  const move: MovementFeature = {
    type: 'Feature',
    id: 'rv-move',
    geometry: { type: 'LineString', coordinates: [] },
    properties: {
      id: 'rv-move',
      kind: 'travel',
      title: 'Envoy to the capital',
      summary: SENTENCES[2]!,
      status: 'reported',
      actors: [],
      origin: { id: 'a', name: 'A', country: 'X', lat: 10, lng: 10, precision: 'city', inferred: false },
      destination: { id: 'b', name: 'B', country: 'X', lat: 12, lng: 12, precision: 'city', inferred: false },
      via: [],
      start: '2025-03-01',
      end: '2025-03-01',
      precision: 'day',
      dateInferred: true,
      dateBasis: 'test',
      sources: [claim('rv-article', SENTENCES[2]!)],
      corroboration: 1,
      extraction: { pipeline: 'ingest@test', confidence: 0.7, review: 'unreviewed' },
    },
  };
  beforeAll(() => {
    store = createStore(':memory:', { curated: false });
    store.writeBatchSync({ origin: 'ingest', articles: [article('rv-article')], actors: [{ id: 'envoy', name: 'The Envoy', role: 'envoy', affiliation: 'X' }], events: [ev, curated], movements: [move] });
  });
  afterAll(() => store.closeSync());

  it('accept, reject and undo; rejected events leave every read', async () => {
    const id = ev.properties.id;
    expect((await store.review('event', id, { state: 'accepted' }))?.properties.extraction?.review).toBe('accepted');
    await store.review('event', id, { state: 'rejected' });
    expect(store.countSync({})).toBe(1);
    expect(await store.getEvent(id)).toBeNull();
    await store.review('event', id, { state: 'unreviewed' });
    expect(store.countSync({ unreviewed: false })).toBe(1);
    expect(store.countSync({})).toBe(2);
  });

  it('edits pass the domain rules; a refused edit changes nothing', async () => {
    const id = ev.properties.id;
    const edited = (await store.review('event', id, { state: 'edited', edit: { category: 'arrest', place: { name: 'Vellmar', lat: 51.35, lng: 9.47, precision: 'city' }, actors: ['envoy'] } })) as EventFeature;
    expect(edited.properties).toMatchObject({ category: 'arrest', place: { name: 'Vellmar', lat: 51.35 }, extraction: { review: 'edited' } });
    expect(edited.geometry.coordinates).toEqual([9.47, 51.35]);
    expect(store.eventsSync({ actors: ['envoy'] }, { limit: 5, fields: 'summary' }).items.map((f) => f.properties.id)).toEqual([id]);
    const before = store.revisionSync();
    // The quote dates the happening; a reviewer's date outside it would hide a contradiction.
    await expect(store.review('event', id, { state: 'edited', edit: { start: '2020-01-01', end: '2020-01-01' } })).rejects.toThrow(/outside/);
    await expect(store.review('event', id, { state: 'edited', edit: { actors: ['nobody-known'] } })).rejects.toThrow(/unknown actor/);
    await expect(store.review('event', curated.properties.id, { state: 'accepted' })).rejects.toThrow(/not machine-extracted/);
    expect(store.revisionSync()).toBe(before);
    expect(await store.review('event', 'no-such', { state: 'accepted' })).toBeNull();
  });

  it('undoing a rejection gives back the state it ended: an edited item stays edited, with its edit', async () => {
    const id = ev.properties.id;
    const edited = (await store.review('event', id, { state: 'edited', edit: { category: 'incident' } })) as EventFeature;
    expect(edited.properties.extraction?.review).toBe('edited');
    await store.review('event', id, { state: 'rejected' });
    // Rejecting twice must not forget what the first rejection ended.
    await store.review('event', id, { state: 'rejected' });
    expect(await store.getEvent(id)).toBeNull();
    const back = (await store.review('event', id, { state: 'restore' })) as EventFeature;
    expect(back.properties).toMatchObject({ category: 'incident', extraction: { review: 'edited' } });
    expect(back.properties.extraction).not.toHaveProperty('rejectedFrom');
    expect((await store.getEvent(id))?.properties.category).toBe('incident');
    const before = store.revisionSync();
    await expect(store.review('event', id, { state: 'restore' })).rejects.toThrow(/not rejected/);
    expect(store.revisionSync()).toBe(before);
    await store.review('event', id, { state: 'accepted' });
    await store.review('event', id, { state: 'rejected' });
    expect(((await store.review('event', id, { state: 'restore' })) as EventFeature).properties.extraction?.review).toBe('accepted');
  });

  it('movements: rejected ones leave movements() and getMovement()', async () => {
    await store.review('movement', 'rv-move', { state: 'rejected' });
    expect(await store.movements({})).toEqual([]);
    expect(await store.getMovement('rv-move')).toBeNull();
    expect((await store.movements({ rejected: true })).length).toBe(1);
    const back = (await store.review('movement', 'rv-move', { state: 'edited', edit: { start: '2025-03-02', end: '2025-03-02', place: { name: 'C', lat: 14, lng: 14, precision: 'city' } } })) as MovementFeature;
    expect(back.properties).toMatchObject({ start: '2025-03-02', destination: { name: 'C' }, dateBasis: 'set by a reviewer' });
    expect((await store.movements({ unreviewed: false })).length).toBe(1);
  });
});

describe('articles as sources of events any origin wrote', () => {
  it('merge, syndication, disputes; a curated re-import keeps them; replacing the ingest origin removes them; a failed batch changes nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-sources-'));
    try {
      cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
      cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
      const url = `file:${path.join(dir, 'db', 'x.db')}`;
      let s = createStore(url, { root: dir });
      const target = (await s.events({}, { limit: 200, fields: 'full' })).items.find((f) => f.properties.sourceType === 'article' && !f.properties.disputed.includes('date'))!;
      const id = target.properties.id;
      const { start, end } = target.properties;
      const before = target.properties;

      const wire = 'Witnesses described a loud blast near the compound and thick smoke over the district.';
      const copy = `${wire} Local media carried the same account.`;
      const late = 'A later report said the blast happened weeks afterwards, according to one official.';
      await s.writeBatch({
        origin: 'ingest',
        articles: [article('in-a', wire), article('in-b', copy), article('in-c', late)],
        sources: [
          { event: id, claim: claim('in-a', wire, { start, end }) },
          { event: id, claim: claim('in-b', wire, { start, end }, { syndicatedOf: 'in-a' }) },
        ],
      });
      let got = (await s.getEvent(id))!.properties;
      expect(got.sources.map((x) => x.article)).toEqual([...before.sources.map((x) => x.article), 'in-a', 'in-b']);
      // The syndicated copy is the same witness as the article it copies.
      expect(got.corroboration).toBe(before.corroboration + 1);
      expect(got.disputed).toEqual(before.disputed);
      expect((await s.getArticle('in-a'))!.eventIds).toEqual([id]);
      expect(await s.findArticle({ text: `${copy}\n` })).toBe('in-b');
      expect(await s.findArticle({ text: 'never written' })).toBeNull();
      expect(ids(await s.events({ q: 'thick smoke' }, { limit: 10, fields: 'summary' }))).toEqual([id]);

      await s.writeBatch({ origin: 'ingest', sources: [{ event: id, claim: claim('in-c', late, { start: '2001-01-01', end: '2001-01-01' }) }] });
      got = (await s.getEvent(id))!.properties;
      expect(got.disputed).toContain('date');
      expect(got.corroboration).toBe(before.corroboration + 2);

      // A batch that fails anywhere (an unknown event here) leaves everything as it was.
      const rev = await s.revision();
      const counts = tableCounts(s);
      await expect(s.writeBatch({ origin: 'ingest', articles: [article('in-d')], sources: [{ event: id, claim: claim('in-d', SENTENCES[0]!) }, { event: 'no-such-event', claim: claim('in-d', SENTENCES[1]!) }] })).rejects.toThrow(/unknown event/);
      expect(await s.revision()).toBe(rev);
      expect(tableCounts(s)).toEqual(counts);
      await s.close();

      // The curated import rewrites its events: the claims other articles attached stay.
      const file = path.join(dir, 'data', 'events.json');
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { id: string; title: string }[];
      raw.find((e) => e.id === id)!.title = 'Edited for the test';
      writeFileSync(file, JSON.stringify(raw));
      s = createStore(url, { root: dir });
      got = (await s.getEvent(id))!.properties;
      expect(got.title).toBe('Edited for the test');
      expect(got.sources.map((x) => x.article)).toEqual([...before.sources.map((x) => x.article), 'in-a', 'in-b', 'in-c']);
      expect(got.corroboration).toBe(before.corroboration + 2);

      // The ingest origin replaced by nothing: the event is back to its own sources.
      await s.writeBatch({ origin: 'ingest', replaceOrigin: true });
      got = (await s.getEvent(id))!.properties;
      expect(got.sources).toEqual(before.sources);
      expect(got.corroboration).toBe(before.corroboration);
      expect(got.disputed).toEqual(before.disputed);
      expect(ids(await s.events({ q: 'thick smoke' }, { limit: 10, fields: 'summary' }))).toEqual([]);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migrations', () => {
  it('a v1 database is brought to the current schema at open, its data kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-migrate-'));
    try {
      const file = path.join(dir, 'old.db');
      const db = new Database(file);
      db.exec(MIGRATIONS[0]!);
      db.pragma('user_version = 1');
      db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', 'abc'), ('revision', '7')").run();
      db.prepare("INSERT INTO articles (id, origin, meta, text) VALUES ('old', 'x', '{}', 'text')").run();
      db.close();
      const s = new SqliteStore({ filename: file });
      expect(s.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(s.revisionSync()).toBe('abc-7');
      expect(s.countSync({ unreviewed: false })).toBe(0);
      expect(s.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
      // The text hash of an article written before v2 is filled in at open.
      await expect(s.findArticle({ text: '  text\n' })).resolves.toBe('old');
      s.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const ids = (p: { items: { properties: { id: string } }[] }) => p.items.map((f) => f.properties.id);

function tableCounts(s: SqliteStore): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['articles', 'actors', 'events', 'event_docs', 'event_articles', 'event_sources', 'event_review', 'movements']) {
    out[t] = (s.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}
