// The caps and rate limits as a client meets them, through the route handlers on an in-memory store:
// every refusal is JSON that says what to do, and the cheap reads the map pans with are never limited.
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES, MAX_CLUSTER_CELLS, MAX_QUERY_CHARS, MAX_REVIEW_BODY_BYTES } from './limits';
import { clusterView } from './map/view-query';
import { clusterCells, clusterZoom } from './filters';
import { PEER_HEADER } from './rate-limit';
import type { Store } from './store/contract';
import { createStore } from './store/index-sqlite';

vi.mock('server-only', () => ({}));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const holder = globalThis as unknown as { __situationMapStore?: Store };
let store: Store;
const TOKEN = 'limits-token';

beforeAll(() => {
  store = createStore(':memory:', { root: ROOT });
  holder.__situationMapStore = store;
});
afterAll(async () => {
  delete holder.__situationMapStore;
  await store.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

type Handler = (request: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
const routes = {
  events: async () => (await import('../app/api/events/route')).GET as Handler,
  count: async () => (await import('../app/api/events/count/route')).GET as Handler,
  clusters: async () => (await import('../app/api/events/clusters/route')).GET as Handler,
  histogram: async () => (await import('../app/api/events/histogram/route')).GET as Handler,
  movements: async () => (await import('../app/api/movements/route')).GET as Handler,
  preview: async () => (await import('../app/api/preview/route')).GET as Handler,
  articles: async () => (await import('../app/api/articles/route')).POST as Handler,
  eventReview: async () => (await import('../app/api/events/[id]/review/route')).POST as Handler,
  movementReview: async () => (await import('../app/api/movements/[id]/review/route')).POST as Handler,
};
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

const get = async (route: keyof typeof routes, query: string, client = '192.0.2.1') =>
  (await routes[route]())(new Request(`http://test/api/x?${query}`, { headers: { [PEER_HEADER]: client } }), ctx(''));

const post = async (route: 'articles' | 'eventReview' | 'movementReview', body: string, opts: { client?: string; token?: string | null; id?: string } = {}) => {
  const headers: Record<string, string> = { 'content-type': 'application/json', [PEER_HEADER]: opts.client ?? '192.0.2.1' };
  if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? TOKEN}`;
  return (await routes[route]())(new Request('http://test/api/x', { method: 'POST', headers, body }), ctx(opts.id ?? 'shoigu-arrives-tehran-2024-08-05'));
};

const json = async (r: Response) => (await r.json()) as { error: string; retryAfter?: number };

describe('caps', { timeout: 60_000 }, () => {
  it('a query string over MAX_QUERY_CHARS is 414 JSON, on list routes and the preview alike', async () => {
    const long = `q=${'x'.repeat(MAX_QUERY_CHARS)}`;
    for (const route of ['events', 'clusters', 'histogram', 'movements', 'preview'] as const) {
      const r = await get(route, long);
      expect(r.status, route).toBe(414);
      expect((await json(r)).error).toMatch(/query string/);
    }
  });

  it('clusters never answer more than MAX_CLUSTER_CELLS features: a box too wide for its zoom is clustered coarser', async () => {
    const r = await get('clusters', 'bbox=-180,-85,180,85&zoom=12');
    expect(r.status).toBe(200);
    const body = (await r.json()) as { features: { properties: { clusterId?: string } }[] };
    expect(body.features.length).toBeLessThanOrEqual(MAX_CLUSTER_CELLS);
    const zooms = body.features.map((f) => f.properties.clusterId).filter(Boolean).map((id) => Number(id!.split('/')[0]));
    expect(zooms.length).toBeGreaterThan(0);
    // The whole world is 256 × 256 cells at zoom 4: the highest zoom at which it fits.
    expect(new Set(zooms)).toEqual(new Set([4]));
    expect(clusterCells([-180, -85, 180, 85], 4)).toBe(MAX_CLUSTER_CELLS);
    expect(clusterZoom([-180, -85, 180, 85], 12)).toBe(4);
    expect(clusterZoom([30, 20, 30.5, 20.5], 12)).toBe(12);
    expect(clusterZoom([30, 20, 40, 30], 12)).toBe(9);
    expect(clusterCells([170, -10, -170, 10], 3)).toBe(clusterCells([-10, -10, 10, 10], 3));
    // What the client asks for a 4K screen, rounded out to whole tiles, is never coarsened.
    for (let z = 1; z <= 12; z++) {
      const deg = (3840 / (512 * 2 ** z)) * 360;
      const v = clusterView([Math.max(-180, 30 - deg / 2), Math.max(-80, 30 - deg / 4), Math.min(180, 30 + deg / 2), Math.min(80, 30 + deg / 4)], z);
      expect(clusterZoom(v.bbox, v.zoom), `zoom ${z}`).toBe(v.zoom);
    }
  });

  it('bodies over the caps are 413: an article over 1.1 MB, a review over 64 kB', async () => {
    const big = (n: number) => JSON.stringify({ state: 'accepted', pad: 'x'.repeat(n) });
    vi.stubEnv('INGEST_TOKEN', TOKEN);
    const review = await post('eventReview', big(MAX_REVIEW_BODY_BYTES));
    expect(review.status).toBe(413);
    expect((await json(review)).error).toBe('the body is over 64 kB');
    expect((await post('movementReview', big(MAX_REVIEW_BODY_BYTES))).status).toBe(413);
    expect((await post('articles', big(MAX_BODY_BYTES))).status).toBe(413);
  });
});

describe('movements are paged like events', { timeout: 60_000 }, () => {
  const page = async (q: string) => {
    const r = await get('movements', q);
    return { status: r.status, body: (await r.json()) as { features: { id: string }[]; nextCursor: string | null; error?: string } };
  };

  it('all of them by default (the map follows no cursor); limit and cursor page through the same list', async () => {
    const all = await page('');
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.features.length).toBeGreaterThan(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.status).toBe(200);
      expect(p.body.features.length).toBeLessThanOrEqual(2);
      seen.push(...p.body.features.map((f) => f.id));
      cursor = p.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.features.map((f) => f.id));
  });

  it('a cursor that is not a movements cursor is a 400 naming it', async () => {
    const events = (await (await get('events', 'limit=1')).json()) as { nextCursor: string };
    for (const c of [events.nextCursor, 'garbage', Buffer.from('[1,2]').toString('base64url')]) {
      const r = await page(`cursor=${c}`);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/cursor/);
    }
    expect((await page('limit=5001')).status).toBe(400);
  });
});

describe('rate limits', { timeout: 60_000 }, () => {
  it('a burst of writes gets 429 with Retry-After, then after that many seconds writes go through again', async () => {
    vi.stubEnv('INGEST_TOKEN', TOKEN);
    vi.stubEnv('RATE_LIMIT_WRITES_PER_MIN', '3');
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = '198.51.100.1';
    // Refused for its body, but a write attempt all the same: each one spends.
    for (let i = 0; i < 3; i++) expect((await post('eventReview', '{"state":"maybe"}', { client })).status).toBe(400);
    const limited = await post('articles', '{}', { client });
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('retry-after'));
    expect(wait).toBe(20);
    expect(await json(limited)).toMatchObject({ error: expect.stringMatching(/try again in 20 s/), retryAfter: 20 });
    expect((await post('movementReview', '{"state":"accepted"}', { client })).status).toBe(429);
    // Another client is not held back by this one.
    expect((await post('eventReview', '{"state":"maybe"}', { client: '198.51.100.2' })).status).toBe(400);
    vi.advanceTimersByTime(wait * 1000);
    expect((await post('eventReview', '{"state":"maybe"}', { client })).status).toBe(400);
    expect((await post('eventReview', '{"state":"maybe"}', { client })).status).toBe(429);
  });

  it('wrong tokens spend the allowance too, so guessing is slowed', async () => {
    vi.stubEnv('INGEST_TOKEN', TOKEN);
    vi.stubEnv('RATE_LIMIT_WRITES_PER_MIN', '2');
    const client = '198.51.100.3';
    expect((await post('articles', '{}', { client, token: 'guess1' })).status).toBe(401);
    expect((await post('articles', '{}', { client, token: 'guess2' })).status).toBe(401);
    expect((await post('articles', '{}', { client, token: TOKEN })).status).toBe(429);
  });

  it('expensive reads are limited: text search, histograms, previews, clusters over a wide box', async () => {
    vi.stubEnv('RATE_LIMIT_QUERIES_PER_MIN', '2');
    // The clock stands still, so a slow render does not earn a token back between requests.
    vi.useFakeTimers({ toFake: ['Date'] });
    const cases: [keyof typeof routes, string][] = [
      ['events', 'q=tehran'],
      ['count', 'q=tehran'],
      ['movements', 'q=shoigu'],
      ['histogram', 'from=2024-08-01&to=2024-08-10&binDays=1'],
      ['clusters', 'bbox=0,0,60,60&zoom=4'],
      ['preview', 'map=5/33/44'],
    ];
    for (const [i, [route, query]] of cases.entries()) {
      const client = `203.0.113.${i}`;
      expect((await get(route, query, client)).status, route).toBe(200);
      expect((await get(route, query, client)).status, route).toBe(200);
      const r = await get(route, query, client);
      expect(r.status, route).toBe(429);
      expect(Number(r.headers.get('retry-after')), route).toBe(30);
    }
  });

  it('plain list, count and narrow cluster reads on a box are never limited (the map pans with them; npm run bench)', async () => {
    vi.stubEnv('RATE_LIMIT_QUERIES_PER_MIN', '1');
    for (let i = 0; i < 20; i++) {
      expect((await get('events', `fields=summary&order=desc&limit=100&bbox=35.1,33.05,36.62,34.69&from=2024-08-0${1 + (i % 9)}&to=2024-08-10`)).status).toBe(200);
      expect((await get('count', 'bbox=35.1,33.05,36.62,34.69')).status).toBe(200);
      expect((await get('clusters', 'zoom=6&bbox=22.1,44.4,40.2,52.4')).status).toBe(200);
      expect((await get('movements', 'kind=travel')).status).toBe(200);
    }
  });

  it('0 switches a limit off', async () => {
    vi.stubEnv('RATE_LIMIT_QUERIES_PER_MIN', '0');
    for (let i = 0; i < 30; i++) expect((await get('histogram', 'from=2024-08-01&to=2024-08-10&binDays=1', '203.0.113.200')).status).toBe(200);
  });
});

describe('every writing route requires the token', { timeout: 60_000 }, () => {
  const writes = [
    { route: 'articles', body: '{"title":"","published":"2024-08-05","text":""}', ok: 400, id: '' },
    { route: 'eventReview', body: '{"state":"accepted"}', ok: 422, id: 'shoigu-arrives-tehran-2024-08-05' },
    { route: 'movementReview', body: '{"state":"accepted"}', ok: 422, id: 'shoigu-moscow-tehran-2024-08-05' },
  ] as const;

  it.each(writes)('$route: 403 while INGEST_TOKEN is unset, 401 missing or wrong, past the check with the right one', async (w) => {
    const client = `192.0.2.${w.route.length}`;
    const before = await store.revision();
    vi.stubEnv('INGEST_TOKEN', '');
    const off = await post(w.route, w.body, { client, id: w.id });
    expect(off.status).toBe(403);
    expect((await json(off)).error).toMatch(/INGEST_TOKEN/);
    vi.stubEnv('INGEST_TOKEN', TOKEN);
    for (const token of [null, '', 'wrong', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      const r = await post(w.route, w.body, { client, token, id: w.id });
      expect(r.status, String(token)).toBe(401);
      expect((await json(r)).error).toMatch(/token/);
    }
    // The right token gets past authorisation to the route's own judgement of the body.
    const right = await post(w.route, w.body, { client, id: w.id });
    expect(right.status).toBe(w.ok);
    expect(await store.revision()).toBe(before);
  });
});
