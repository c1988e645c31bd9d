// The list routes called as functions on an in-memory store: whatever a client sends, the answer is
// 200 or a 4xx JSON body naming the parameter, never a thrown error (which Next turns into a 500).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cached } from './http';
import { StoreQueryError, type Store } from './store/contract';
import { histogramBins } from './timeline';
import { createStore } from './store/index-sqlite';

vi.mock('server-only', () => ({}));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const holder = globalThis as unknown as { __situationMapStore?: Store };
let store: Store;

beforeAll(() => {
  store = createStore(':memory:', { root: ROOT });
  holder.__situationMapStore = store;
});
afterAll(async () => {
  delete holder.__situationMapStore;
  await store.close();
});

const routes = {
  events: () => import('../app/api/events/route'),
  articles: () => import('../app/api/articles/route'),
  clusters: () => import('../app/api/events/clusters/route'),
  histogram: () => import('../app/api/events/histogram/route'),
};

async function get(route: keyof typeof routes, query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { GET } = await routes[route]();
  const res = await GET(new Request(`http://test/api/${route}?${query}`));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('list routes never answer 500 on bad input', () => {
  const badCursors = ['garbage', '!!!', b64('not json'), b64([1]), b64(['a', 'b']), b64({ x: 1 }), b64([1.5, 'id']), b64(null), b64([])];

  it.each(badCursors)('/api/events?cursor=%s → 400 naming the cursor', async (cursor) => {
    const r = await get('events', `limit=2&cursor=${encodeURIComponent(cursor)}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/cursor/);
    expect(r.body.issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it.each([...badCursors.filter((c) => c !== b64(['a', 'b'])), b64([12, 'x'])])('/api/articles?cursor=%s → 400 naming the cursor', async (cursor) => {
    const r = await get('articles', `cursor=${encodeURIComponent(cursor)}`);
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('an articles cursor is not an events cursor, and the other way round', async () => {
    const a = await get('articles', 'limit=1');
    expect(a.status).toBe(200);
    expect(typeof a.body.nextCursor).toBe('string');
    expect((await get('events', `cursor=${a.body.nextCursor as string}`)).status).toBe(400);
    const e = await get('events', 'limit=1');
    expect(typeof e.body.nextCursor).toBe('string');
    expect((await get('articles', `cursor=${e.body.nextCursor as string}`)).status).toBe(400);
  });

  it('a good cursor still pages', async () => {
    const first = await get('events', 'limit=3');
    const second = await get('events', `limit=3&cursor=${first.body.nextCursor as string}`);
    expect(second.status).toBe(200);
    expect((second.body.features as unknown[]).length).toBe(3);
  });

  it.each([
    ['clusters', 'bbox=0,0,10,10&zoom='],
    ['clusters', 'bbox=0,0,10,10&zoom=0x10'],
    ['clusters', 'bbox=0,0,10,10'],
    ['clusters', 'zoom=3'],
    ['histogram', 'from=2024-01-01&to=2024-12-31'],
    ['histogram', 'from=2024-12-31&to=2024-01-01&binDays=7'],
    ['histogram', 'to=2024-12-31&binDays=7'],
    ['histogram', 'from=2024-01-01&to=2024-12-31&scale=log&width=600'],
    ['histogram', 'from=2024-01-01&to=2024-12-31&scale=log&center=2024-06-01&width=99999'],
  ] as const)('/api/%s?%s → 400', async (route, query) => {
    const r = await get(route, query);
    expect(r.status).toBe(400);
    expect(typeof r.body.error).toBe('string');
  });
});

describe('the histogram route', () => {
  it('counts into the bins a timeline scale names (lib/timeline histogramBins)', async () => {
    const window = { from: '1983-01-01', to: '2024-08-07' };
    const r = await get('histogram', `from=${window.from}&to=${window.to}&scale=log&center=2024-08-01&width=640`);
    expect(r.status).toBe(200);
    const want = histogramBins(window, { scale: 'log', center: '2024-08-01', width: 640 });
    expect('binStarts' in want && want.binStarts.length).toBeGreaterThan(50);
    expect(r.body.binDays).toBe(0);
    expect((r.body.bins as { from: string }[]).map((b) => b.from)).toEqual('binStarts' in want ? want.binStarts : []);
  });
});

describe('cached()', () => {
  const req = new Request('http://test/api/x?a=1');
  it('turns a StoreQueryError into 400 JSON without an ETag', async () => {
    const res = await cached(req, 'v1', () => Promise.reject(new StoreQueryError('malformed cursor', 'cursor')));
    expect(res.status).toBe(400);
    expect(res.headers.get('etag')).toBeNull();
    expect(await res.json()).toEqual({ error: 'malformed cursor', issues: [{ path: 'cursor', message: 'malformed cursor' }] });
  });
  it('lets any other failure through (a real 500)', async () => {
    await expect(cached(req, 'v1', () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});
