// API contract tests: plain HTTP against the production server, no browser.
import { test, expect, type APIRequestContext, type APIResponse } from './fixtures';

const SHOIGU = 'shoigu-arrives-tehran-2024-08-05';
const HANIYEH = 'haniyeh-killed-tehran-2024-07-31';
/** data/events.json calls it `beirut-bombing-1983`; accept the longer name too */
const BEIRUT_1983_ID = /^beirut(-barracks)?-bombing-1983$/;
const CATEGORIES = ['strike', 'killing', 'visit', 'meeting', 'statement', 'arms-transfer', 'diplomacy', 'arrest', 'political', 'incident'];
const MOVEMENT_KINDS = ['travel', 'arms', 'attack'];
const PRECISIONS = ['day', 'week', 'month', 'year'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** W,S,E,N around Beirut: far from Tehran (51.4E 35.7N) */
const BEIRUT_BBOX = [35.3, 33.7, 35.7, 34.0] as const;

type Json = Record<string, unknown>;
interface SourceClaim { article: string; quote: string; offset?: number }
interface Props {
  id: string; title: string; summary: string; category: string; start: string; end: string;
  precision: string; place: { lat: number; lng: number; name: string } & Json;
  actors: ({ id: string } & Json)[]; sources: SourceClaim[]; corroboration: number;
}
interface EventFeature { type: 'Feature'; geometry: { type: 'Point'; coordinates: number[] }; properties: Props }
interface MovementProps {
  id: string; kind: string; start: string; end: string; actors: ({ id: string } & Json)[];
  origin: { inferred: boolean; lat: number; lng: number } & Json;
  destination: { inferred: boolean; lat: number; lng: number } & Json;
  sources: SourceClaim[];
}
interface MovementFeature { type: 'Feature'; geometry: { type: 'LineString'; coordinates: number[][] }; properties: MovementProps }
interface Collection<F> { type: 'FeatureCollection'; features: F[] }
interface Article { id: string; text?: string; eventIds?: string[]; movementIds?: string[] }

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

async function okJson<T>(res: APIResponse): Promise<T> {
  expect(res.status(), `${res.url()} → ${res.status()}: ${(await res.text()).slice(0, 300)}`).toBe(200);
  expect(res.headers()['content-type']).toMatch(/json/);
  return (await res.json()) as T;
}
async function events(request: APIRequestContext, params: Record<string, string> = {}) {
  return okJson<Collection<EventFeature>>(await request.get(`/api/events?${qs(params)}`));
}
async function movements(request: APIRequestContext, params: Record<string, string> = {}) {
  return okJson<Collection<MovementFeature>>(await request.get(`/api/movements?${qs(params)}`));
}
const ids = (fc: Collection<{ properties: { id: string } }>) => fc.features.map((f) => f.properties.id).sort();
const overlaps = (p: { start: string; end: string }, from: string, to: string) => p.start <= to && p.end >= from;
const inBbox = ([lng, lat]: number[], [w, s, e, n]: readonly number[]) =>
  lng! >= w! && lng! <= e! && lat! >= s! && lat! <= n!;

/** the id of the 1983 Beirut bombing, looked up in the unfiltered collection */
async function beirut1983(request: APIRequestContext): Promise<string> {
  const found = ids(await events(request)).filter((id) => BEIRUT_1983_ID.test(id));
  expect(found, `one event id matching ${BEIRUT_1983_ID}`).toHaveLength(1);
  return found[0]!;
}

async function expectBadRequest(res: APIResponse) {
  const body = await res.text();
  expect(res.status(), `${res.url()} → ${res.status()}: ${body.slice(0, 300)}`).toBe(400);
  expect(res.headers()['content-type']).toMatch(/^application\/json/);
  const json = JSON.parse(body) as Json;
  expect(typeof json.error).toBe('string');
  expect((json.error as string).length).toBeGreaterThan(0);
  if ('issues' in json) expect(Array.isArray(json.issues)).toBe(true);
}

test.describe('GET /api/events', () => {
  test('returns a FeatureCollection of well-formed Point features', async ({ request }) => {
    const fc = await events(request);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThanOrEqual(3);
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lng, lat] = f.geometry.coordinates;
      expect(lng).toBeGreaterThanOrEqual(-180);
      expect(lng).toBeLessThanOrEqual(180);
      expect(lat).toBeGreaterThanOrEqual(-90);
      expect(lat).toBeLessThanOrEqual(90);
      const p = f.properties;
      for (const key of ['id', 'title', 'summary']) expect(typeof (p as unknown as Json)[key], key).toBe('string');
      expect(CATEGORIES).toContain(p.category);
      expect(p.start).toMatch(ISO_DATE);
      expect(p.end).toMatch(ISO_DATE);
      expect(p.start <= p.end, `${p.id}: start ${p.start} after end ${p.end}`).toBe(true);
      expect(PRECISIONS).toContain(p.precision);
      expect(typeof p.place).toBe('object');
      expect(typeof p.place.name).toBe('string');
      expect(Array.isArray(p.actors)).toBe(true);
      expect(p.sources.length).toBeGreaterThan(0);
      expect(typeof p.corroboration).toBe('number');
      expect(p.corroboration).toBeGreaterThanOrEqual(1);
    }
    const all = ids(fc);
    expect(new Set(all).size, 'event ids are unique').toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([SHOIGU, HANIYEH]));
    expect(all.filter((id) => BEIRUT_1983_ID.test(id))).toHaveLength(1);
  });

  test('the Shoigu arrival is in Tehran on 2024-08-05, corroborated by all five articles', async ({ request }) => {
    const fc = await events(request);
    const shoigu = fc.features.find((f) => f.properties.id === SHOIGU);
    expect(shoigu).toBeDefined();
    const [lng, lat] = shoigu!.geometry.coordinates;
    expect(Math.abs(lng! - 51.39)).toBeLessThan(0.5);
    expect(Math.abs(lat! - 35.69)).toBeLessThan(0.5);
    expect(shoigu!.properties.start).toBe('2024-08-05');
    expect(shoigu!.properties.end).toBe('2024-08-05');
    expect(new Set(shoigu!.properties.sources.map((s) => s.article)).size).toBe(5);
    expect(shoigu!.properties.corroboration).toBe(5);
  });

  test('date filter: a single day includes the Shoigu arrival and excludes 1983 and July 31', async ({ request }) => {
    const BEIRUT_1983 = await beirut1983(request);
    const got = ids(await events(request, { from: '2024-08-05', to: '2024-08-05' }));
    expect(got).toContain(SHOIGU);
    expect(got).not.toContain(BEIRUT_1983);
    expect(got).not.toContain(HANIYEH);
    const day31 = ids(await events(request, { from: '2024-07-31', to: '2024-07-31' }));
    expect(day31).toContain(HANIYEH);
    expect(day31).not.toContain(SHOIGU);
    const y1983 = ids(await events(request, { from: '1983-01-01', to: '1983-12-31' }));
    expect(y1983).toContain(BEIRUT_1983);
    expect(y1983).not.toContain(SHOIGU);
  });

  test('date filter keeps exactly the events whose [start,end] overlaps [from,to]', async ({ request }) => {
    const all = (await events(request)).features;
    const windows: [string, string][] = [
      ['2024-08-05', '2024-08-05'],
      ['2024-07-01', '2024-08-31'],
      ['1900-01-01', '2100-12-31'],
      ['1983-10-23', '2024-07-30'],
      ['2030-01-01', '2030-12-31'],
    ];
    // a window that cuts through the middle/end of every multi-day event must still include it
    for (const f of all) {
      if (f.properties.start < f.properties.end) windows.push([f.properties.end, f.properties.end]);
    }
    for (const [from, to] of windows.slice(0, 15)) {
      const expected = all.filter((f) => overlaps(f.properties, from, to)).map((f) => f.properties.id).sort();
      expect(ids(await events(request, { from, to })), `from=${from}&to=${to}`).toEqual(expected);
    }
  });

  test('bbox filter: a box around Beirut keeps Beirut and drops Tehran', async ({ request }) => {
    const BEIRUT_1983 = await beirut1983(request);
    const fc = await events(request, { bbox: BEIRUT_BBOX.join(',') });
    const got = ids(fc);
    expect(got).toContain(BEIRUT_1983);
    expect(got).not.toContain(SHOIGU);
    expect(got).not.toContain(HANIYEH);
    for (const f of fc.features) expect(inBbox(f.geometry.coordinates, BEIRUT_BBOX), f.properties.id).toBe(true);
    const all = (await events(request)).features;
    const expected = all.filter((f) => inBbox(f.geometry.coordinates, BEIRUT_BBOX)).map((f) => f.properties.id).sort();
    expect(got).toEqual(expected);
    const tehran = ids(await events(request, { bbox: '50.5,35,52.5,36.5' }));
    expect(tehran).toEqual(expect.arrayContaining([SHOIGU, HANIYEH]));
    expect(tehran).not.toContain(BEIRUT_1983);
  });

  test('category filter: one or several categories, exact set', async ({ request }) => {
    const all = (await events(request)).features;
    const haniyeh = all.find((f) => f.properties.id === HANIYEH)!;
    const shoigu = all.find((f) => f.properties.id === SHOIGU)!;
    const one = haniyeh.properties.category;
    const got = await events(request, { category: one });
    expect(ids(got)).toContain(HANIYEH);
    for (const f of got.features) expect(f.properties.category).toBe(one);
    expect(ids(got)).toEqual(all.filter((f) => f.properties.category === one).map((f) => f.properties.id).sort());
    const two = [...new Set([one, shoigu.properties.category])];
    const both = ids(await events(request, { category: two.join(',') }));
    expect(both).toEqual(all.filter((f) => two.includes(f.properties.category)).map((f) => f.properties.id).sort());
    expect(both).toEqual(expect.arrayContaining([HANIYEH, SHOIGU]));
  });

  test('actor filter keeps exactly the events with that actor', async ({ request }) => {
    const all = (await events(request)).features;
    const shoigu = all.find((f) => f.properties.id === SHOIGU)!;
    expect(shoigu.properties.actors.length).toBeGreaterThan(0);
    const actor = shoigu.properties.actors[0]!.id;
    const got = ids(await events(request, { actor }));
    expect(got).toContain(SHOIGU);
    expect(got).toEqual(all.filter((f) => f.properties.actors.some((a) => a.id === actor)).map((f) => f.properties.id).sort());
  });

  test('q searches text, case-insensitively; no match gives an empty collection', async ({ request }) => {
    for (const q of ['Shoigu', 'shoigu', 'SHOIGU']) expect(ids(await events(request, { q })), q).toContain(SHOIGU);
    const none = await events(request, { q: 'zzqxj-no-such-text' });
    expect(none.type).toBe('FeatureCollection');
    expect(none.features).toEqual([]);
    expect(ids(await events(request, { q: 'x'.repeat(200) }))).toEqual([]); // 200 chars is still valid
  });

  test('filters combine with AND', async ({ request }) => {
    const byDate = ids(await events(request, { from: '1983-01-01', to: '2024-12-31' }));
    const byBox = ids(await events(request, { bbox: BEIRUT_BBOX.join(',') }));
    const both = ids(await events(request, { from: '1983-01-01', to: '2024-12-31', bbox: BEIRUT_BBOX.join(',') }));
    expect(both).toEqual(byDate.filter((id) => byBox.includes(id)));
    const none = ids(await events(request, { from: '2024-08-05', to: '2024-08-05', bbox: BEIRUT_BBOX.join(',') }));
    expect(none).not.toContain(SHOIGU);
  });
});

test.describe('GET /api/events/{id}', () => {
  test('returns the same Feature as the collection', async ({ request }) => {
    const feature = await okJson<EventFeature>(await request.get(`/api/events/${SHOIGU}`));
    expect(feature.type).toBe('Feature');
    expect(feature.properties.id).toBe(SHOIGU);
    const inList = (await events(request)).features.find((f) => f.properties.id === SHOIGU);
    expect(inList).toBeDefined();
    expect(feature).toMatchObject(inList as unknown as Record<string, unknown>);
  });

  test('unknown id → 404 JSON {error}', async ({ request }) => {
    for (const id of ['no-such-event', 'NOT%20A%20SLUG', '..%2F..%2Fpackage.json']) {
      const res = await request.get(`/api/events/${id}`);
      expect([400, 404], id).toContain(res.status());
      expect(res.headers()['content-type']).toMatch(/^application\/json/);
      expect(typeof ((await res.json()) as Json).error).toBe('string');
    }
    expect((await request.get('/api/events/no-such-event')).status()).toBe(404);
  });
});

test.describe('GET /api/movements', () => {
  test('returns LineString features from origin to destination', async ({ request }) => {
    const fc = await movements(request);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      const p = f.properties;
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(typeof p.id).toBe('string');
      expect(MOVEMENT_KINDS).toContain(p.kind);
      expect(Array.isArray(p.actors)).toBe(true);
      expect(typeof p.origin.inferred).toBe('boolean');
      expect(typeof p.destination.inferred).toBe('boolean');
      expect(p.start).toMatch(ISO_DATE);
      expect(p.end).toMatch(ISO_DATE);
      expect(p.start <= p.end).toBe(true);
      expect(p.sources.length).toBeGreaterThan(0);
      const first = f.geometry.coordinates[0]!;
      const last = f.geometry.coordinates[f.geometry.coordinates.length - 1]!;
      expect(Math.abs(first[0]! - p.origin.lng) + Math.abs(first[1]! - p.origin.lat), `${p.id} starts at origin`).toBeLessThan(0.01);
      expect(Math.abs(last[0]! - p.destination.lng) + Math.abs(last[1]! - p.destination.lat), `${p.id} ends at destination`).toBeLessThan(0.01);
    }
    const all = ids(fc);
    expect(new Set(all).size).toBe(all.length);
  });

  test('takes the same filters as /api/events', async ({ request }) => {
    const all = (await movements(request)).features;
    for (const [from, to] of [['2024-08-05', '2024-08-05'], ['2024-07-01', '2024-08-31'], ['2030-01-01', '2030-12-31']] as const) {
      const expected = all.filter((f) => overlaps(f.properties, from, to)).map((f) => f.properties.id).sort();
      expect(ids(await movements(request, { from, to })), `from=${from}&to=${to}`).toEqual(expected);
    }
    const m = all[0]!;
    if (m.properties.actors[0]) {
      const actor = m.properties.actors[0].id;
      const got = ids(await movements(request, { actor }));
      expect(got).toEqual(all.filter((f) => f.properties.actors.some((a) => a.id === actor)).map((f) => f.properties.id).sort());
    }
    expect((await movements(request, { q: 'zzqxj-no-such-text' })).features).toEqual([]);
  });
});

test.describe('articles and sources', () => {
  test('GET /api/articles lists five articles; /api/articles/{id} returns the text', async ({ request }) => {
    const { articles } = await okJson<{ articles: Article[] }>(await request.get('/api/articles'));
    expect(articles).toHaveLength(5);
    expect(new Set(articles.map((a) => a.id)).size).toBe(5);
    for (const a of articles) {
      const detail = await okJson<Article>(await request.get(`/api/articles/${encodeURIComponent(a.id)}`));
      expect(detail.id).toBe(a.id);
      expect(typeof detail.text).toBe('string');
      expect(detail.text!.length).toBeGreaterThan(200);
    }
    const missing = await request.get('/api/articles/no-such-article');
    expect(missing.status()).toBe(404);
    expect(missing.headers()['content-type']).toMatch(/^application\/json/);
    expect(typeof ((await missing.json()) as Json).error).toBe('string');
  });

  test('every source quote of every event and movement is verbatim in its article', async ({ request }) => {
    const { articles } = await okJson<{ articles: Article[] }>(await request.get('/api/articles'));
    const texts = new Map<string, Article>();
    for (const a of articles) texts.set(a.id, await okJson<Article>(await request.get(`/api/articles/${encodeURIComponent(a.id)}`)));
    const items = [
      ...(await events(request)).features.map((f) => ({ kind: 'event', p: f.properties, list: 'eventIds' as const })),
      ...(await movements(request)).features.map((f) => ({ kind: 'movement', p: f.properties, list: 'movementIds' as const })),
    ];
    let checked = 0;
    for (const { kind, p, list } of items) {
      for (const s of p.sources) {
        const article = texts.get(s.article);
        expect(article, `${kind} ${p.id} cites unknown article ${s.article}`).toBeDefined();
        const text = article!.text!;
        expect(text.includes(s.quote), `${kind} ${p.id}: quote not in ${s.article}: «${s.quote}»`).toBe(true);
        if (typeof s.offset === 'number') {
          expect(text.slice(s.offset, s.offset + s.quote.length), `${kind} ${p.id}: offset`).toBe(s.quote);
        }
        const backrefs = article![list];
        if (Array.isArray(backrefs)) expect(backrefs, `${s.article}.${list}`).toContain(p.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

test.describe('bad parameters → 400 JSON, never 500', () => {
  const bad: Record<string, string>[] = [
    { from: '2024-13-45' },
    { from: '2024-02-30', to: '2024-03-01' },
    { from: 'yesterday' },
    { from: '20240805' },
    { from: '2024-08-06', to: '2024-08-05' },
    { bbox: '1,2,3' },
    { bbox: '1,2,3,4,5' },
    { bbox: '0,0,10,200' },
    { bbox: '0,-200,10,10' },
    { bbox: 'a,b,c,d' },
    { bbox: '35,34,36,33' }, // south above north
    { category: 'nonsense' },
    { category: 'strike,nonsense' },
    { q: 'x'.repeat(201) },
  ];
  for (const endpoint of ['/api/events', '/api/movements']) {
    for (const params of bad) {
      const query = qs(params);
      test(`${endpoint}?${query.length > 60 ? `${query.slice(0, 60)}…` : query}`, async ({ request }) => {
        await expectBadRequest(await request.get(`${endpoint}?${query}`));
      });
    }
  }

  test('a parameter meant for the other endpoint is refused', async ({ request }) => {
    await expectBadRequest(await request.get('/api/events?kind=travel'));
    await expectBadRequest(await request.get('/api/movements?fields=summary'));
  });

  test('odd but harmless inputs never cause a 5xx', async ({ request }) => {
    const odd = ['from=', 'bbox=', 'category=', 'q=', 'actor=', 'q=%00', 'q=%F0%9F%92%A3', 'from=2024-08-05&from=2024-08-06',
      'bbox=NaN,NaN,NaN,NaN', 'bbox=Infinity,0,1,1', 'actor=no-such-actor', 'category=%2C', 'q=%25%27%22%3B--'];
    for (const endpoint of ['/api/events', '/api/movements']) {
      for (const query of odd) {
        const res = await request.get(`${endpoint}?${query}`);
        expect([200, 400], `${endpoint}?${query} → ${res.status()}`).toContain(res.status());
        expect(res.headers()['content-type'], `${endpoint}?${query}`).toMatch(/json/);
      }
    }
  });
});

test.describe('caching: ETag, Cache-Control, 304', () => {
  const urls = ['/api/events', '/api/events?from=2024-08-05&to=2024-08-05', `/api/events/${SHOIGU}`, '/api/movements', '/api/articles'];
  for (const url of urls) {
    test(`${url} carries a stable ETag and answers If-None-Match with 304`, async ({ request }) => {
      const first = await request.get(url);
      expect(first.status()).toBe(200);
      const etag = first.headers()['etag'];
      expect(etag, 'ETag header').toBeTruthy();
      expect(first.headers()['cache-control'], 'Cache-Control header').toBeTruthy();
      const again = await request.get(url);
      expect(again.headers()['etag'], 'same content, same ETag').toBe(etag);
      const notModified = await request.get(url, { headers: { 'If-None-Match': etag! } });
      expect(notModified.status()).toBe(304);
      expect((await notModified.body()).length).toBe(0);
      const stale = await request.get(url, { headers: { 'If-None-Match': '"not-the-etag"' } });
      expect(stale.status()).toBe(200);
    });
  }

  test('different content has a different ETag', async ({ request }) => {
    const a = await request.get('/api/events');
    const b = await request.get('/api/events?from=2024-08-05&to=2024-08-05');
    expect(await a.text()).not.toBe(await b.text());
    expect(a.headers()['etag']).not.toBe(b.headers()['etag']);
    const article = (await okJson<{ articles: Article[] }>(await request.get('/api/articles'))).articles[0]!;
    const c = await request.get(`/api/articles/${encodeURIComponent(article.id)}`);
    expect(c.headers()['etag']).toBeTruthy();
    expect(c.headers()['etag']).not.toBe(a.headers()['etag']);
  });
});
