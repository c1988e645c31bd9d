import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, WriteBatch } from '../store/contract';
import { createStore } from '../store/index-sqlite';
import type { SqliteStore } from '../store/sqlite';
import { IngestError, ingestArticle, jaccard, sameActor, shingles } from './write';

// Articles written for these tests: two outlets' own wording of one protest, and a wire copy.
const FIRST = `Police fired tear gas at protesters in Nairobi on Tuesday as thousands marched against a proposed tax increase, witnesses said. Officers moved in after the crowd gathered outside parliament. A police spokesman said several people were injured. The finance bill is due for a vote next week, and opposition leaders have called for more protests across the country.`;
const SECOND = `Kenyan police fired tear gas at protesters in central Nairobi on Tuesday during a march against new taxes, according to local reporters who were at the scene. Several people were hurt when officers charged the crowd, which had gathered near the parliament building. The government says the finance bill is needed to reduce the national debt.`;
const WIRE_COPY = `NAIROBI (Wire) - ${FIRST} Reporting by the wire desk.`;

const req = (text: string, extra: Record<string, unknown> = {}) => ({ title: 'Tear gas at tax protest', published: '2025-06-18', text, ...extra });

/** Every row of every ordinary table, hashed: equal means the store is byte for byte what it was. */
function fingerprint(s: SqliteStore): string {
  const h = createHash('sha256');
  const tables = s.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'events_rtree%' AND name NOT LIKE '%_fts%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) h.update(name).update(JSON.stringify(s.db.prepare(`SELECT * FROM "${name}"`).raw().all()));
  h.update(JSON.stringify(s.db.prepare('SELECT * FROM events_rtree ORDER BY id').raw().all()));
  return h.digest('hex');
}

describe('ingestArticle', { timeout: 60_000 }, () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = createStore(':memory:');
  }, 60_000);
  afterAll(() => store.closeSync());

  let firstEvent = '';
  let firstArticle = '';

  it('writes the article and its new events, unreviewed, readable at once', async () => {
    const r = await ingestArticle(store, req(FIRST, { url: 'https://news.example/nairobi-protest', outlet: 'Example News' }));
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.events.every((e) => !e.merged)).toBe(true);
    firstEvent = r.events[0]!.id;
    firstArticle = r.articleId;
    const ev = (await store.getEvent(firstEvent))!;
    expect(ev.properties.extraction).toMatchObject({ review: 'unreviewed' });
    expect(ev.properties.sources[0]).toMatchObject({ article: r.articleId, outlet: 'Example News' });
    expect(store.countSync({ q: 'tear gas' })).toBe(r.events.length);
    expect(store.countSync({ q: 'tear gas', unreviewed: false })).toBe(0);
    expect((await store.getArticle(r.articleId))?.url).toBe('https://news.example/nairobi-protest');
    expect(r.revision).toBe(store.revisionSync());
  });

  it('refuses the same text (whitespace aside) or the same URL with a duplicate error, writing nothing', async () => {
    const before = fingerprint(store);
    const dup = await ingestArticle(store, req(`  ${FIRST.replace('. ', '.\n\n')}\n`)).catch((e: unknown) => e);
    expect(IngestError.is(dup) && dup.status).toBe(409);
    expect((dup as IngestError).existing).toBe(firstArticle);
    const sameUrl = await ingestArticle(store, req(SECOND, { url: 'https://news.example/nairobi-protest' })).catch((e: unknown) => e);
    expect(IngestError.is(sameUrl) && sameUrl.status).toBe(409);
    expect(fingerprint(store)).toBe(before);
  });

  it('refuses bad requests with the validation message', async () => {
    const e = await ingestArticle(store, { title: 'x', published: '2025-02-30', text: '   ' }).catch((x: unknown) => x);
    expect(IngestError.is(e) && e.status).toBe(400);
    expect((e as IngestError).message).toMatch(/published/);
  });

  it('a second article about the same happening becomes a second source of the stored event', async () => {
    const r = await ingestArticle(store, req(SECOND));
    const merged = r.events.find((e) => e.merged);
    expect(merged?.id).toBe(firstEvent);
    const ev = (await store.getEvent(firstEvent))!.properties;
    expect(new Set(ev.sources.map((s) => s.article))).toEqual(new Set([firstArticle, r.articleId]));
    expect(ev.corroboration).toBe(2);
    expect((await store.getArticle(r.articleId))!.eventIds).toContain(firstEvent);
  });

  it('a syndicated copy is a source marked as such and does not count again', async () => {
    const r = await ingestArticle(store, req(WIRE_COPY));
    const merged = r.events.find((e) => e.id === firstEvent);
    expect(merged).toMatchObject({ merged: true, syndicatedOf: firstArticle });
    const ev = (await store.getEvent(firstEvent))!.properties;
    expect(ev.sources.filter((s) => s.article === r.articleId).every((s) => s.syndicatedOf === firstArticle)).toBe(true);
    expect(ev.corroboration).toBe(2);
  });

  it('a write that fails part-way leaves the store byte for byte unchanged', async () => {
    const before = fingerprint(store);
    const rev = store.revisionSync();
    // The store accepts everything the article brings, then meets a broken item in the same batch.
    const template = (await store.getEvent(firstEvent))!;
    const bad = { ...template, properties: { ...template.properties, id: 'Not A Slug' } };
    const failing: Store = Object.create(store, {
      writeBatch: {
        value: (b: WriteBatch) => {
          expect(b.articles).toHaveLength(1);
          return store.writeBatch({ ...b, events: [...(b.events ?? []), bad] });
        },
      },
    }) as Store;
    const text = `Protesters blocked the main highway out of Mombasa on Thursday, police said, after a night of clashes over fuel prices in the port city. Traders said shops stayed closed for most of the day while officers cleared the road.`;
    const e = await ingestArticle(failing, req(text, { published: '2025-06-20' })).catch((x: unknown) => x);
    expect(IngestError.is(e) && e.status).toBe(422);
    expect(store.revisionSync()).toBe(rev);
    expect(fingerprint(store)).toBe(before);
  });
});

describe('near-duplicate text and actor naming', () => {
  it('shingle Jaccard is high for a wire copy and low for an independent report', () => {
    expect(jaccard(shingles(FIRST), shingles(WIRE_COPY))).toBeGreaterThanOrEqual(0.8);
    expect(jaccard(shingles(FIRST), shingles(SECOND))).toBeLessThan(0.2);
  });

  it('an actor named with more words is the same actor', () => {
    const a = (id: string, name: string) => ({ id, name, role: '', affiliation: '' });
    expect(sameActor(a('x-police', 'police'), a('x-kenyan-police', 'Kenyan police'))).toBe(true);
    expect(sameActor(a('x-police', 'police'), a('x-army', 'army'))).toBe(false);
  });
});

// Written for this test: two outlets report one trip, a third another traveller's trip to the same city.
const TRIP_A = 'Iranian Foreign Minister Abbas Araghchi arrived in Baku on Wednesday for talks on Caspian shipping routes, his ministry said. He was met at the airport by officials of the foreign ministry and went straight into talks.';
const TRIP_B = "Iran's Foreign Minister Abbas Araghchi landed in Baku on Wednesday ahead of two days of talks on trade across the Caspian Sea, according to the Azerbaijani foreign ministry, which welcomed the visit.";
const TRIP_C = 'Turkish Foreign Minister Hakan Fidan arrived in Baku on Wednesday for a regional conference on water, his office said. Fidan was expected to meet several counterparts during his stay in the Azerbaijani capital.';

describe('ingestArticle: movements', { timeout: 60_000 }, () => {
  let store: SqliteStore;
  beforeAll(() => {
    store = createStore(':memory:', { curated: false });
  }, 60_000);
  afterAll(() => store.closeSync());

  it('the same trip reported by a second article becomes one movement with two sources; another traveller’s trip stays apart', async () => {
    const a = await ingestArticle(store, { title: 'Araghchi in Baku', published: '2025-05-22', text: TRIP_A });
    expect(a.movements.length).toBe(1);
    expect(a.movements[0]!.merged).toBe(false);
    const tripId = a.movements[0]!.id;
    const before = (await store.movements({})).length;

    const b = await ingestArticle(store, { title: 'Iranian minister lands in Baku', published: '2025-05-22', text: TRIP_B });
    expect(b.movements).toEqual([{ id: tripId, merged: true }]);
    expect((await store.movements({})).length).toBe(before);
    const trip = (await store.getMovement(tripId))!;
    expect(trip.properties.sources.map((s) => s.article).sort()).toEqual([a.articleId, b.articleId].sort());
    for (const s of trip.properties.sources) expect((await store.getArticle(s.article))!.text.slice(s.offset, s.offset + s.quote.length)).toBe(s.quote);
    expect((await store.getArticle(b.articleId))!.movementIds).toEqual([tripId]);

    const c = await ingestArticle(store, { title: 'Fidan in Baku', published: '2025-05-22', text: TRIP_C });
    expect(c.movements.length).toBe(1);
    expect(c.movements[0]!.merged).toBe(false);
    expect((await store.movements({})).length).toBe(before + 1);
  });

  it('a review of the merged movement keeps the other article’s claim', async () => {
    const [trip] = (await store.movements({ q: 'Araghchi' })).map((m) => m.properties.id);
    const reviewed = await store.review('movement', trip!, { state: 'accepted' });
    expect(reviewed!.properties.sources.length).toBe(2);
    expect((await store.getMovement(trip!))!.properties.sources.length).toBe(2);
  });
});
