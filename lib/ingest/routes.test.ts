// The write routes called as functions on an in-memory store: every refusal is a 4xx JSON body that
// says why, never a thrown error (which Next turns into a 500), and a refused write changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../store/contract';
import { createStore } from '../store/index-sqlite';
import type { SqliteStore } from '../store/sqlite';

vi.mock('server-only', () => ({}));

const holder = globalThis as unknown as { __situationMapStore?: Store };
let store: SqliteStore;
const TOKEN = 'test-token-123';

beforeAll(() => {
  store = createStore(':memory:');
  holder.__situationMapStore = store;
  vi.stubEnv('INGEST_TOKEN', TOKEN);
}, 60_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  delete holder.__situationMapStore;
  await store.close();
});

const TEXT = `Firefighters battled a large blaze at a fuel depot on the outskirts of Lagos on Sunday, emergency officials said, after an explosion sent a column of black smoke over the city. Nobody was reported killed, but the state emergency agency said two workers were taken to hospital with burns.`;

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function call(res: Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await res;
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const articles = () => import('../../app/api/articles/route');
const eventReview = () => import('../../app/api/events/[id]/review/route');
const ctx = (id: string) => ({ params: Promise.resolve({ id }) }) as never;

describe('POST /api/articles', { timeout: 60_000 }, () => {
  it('401 without or with a wrong token, 403 while writing is switched off', async () => {
    const { POST } = await articles();
    expect((await call(POST(post('/api/articles', {}, { authorization: '' })))).status).toBe(401);
    expect((await call(POST(post('/api/articles', {}, { authorization: 'Bearer nope' })))).status).toBe(401);
    vi.stubEnv('INGEST_TOKEN', '');
    const off = await call(POST(post('/api/articles', {})));
    vi.stubEnv('INGEST_TOKEN', TOKEN);
    expect(off.status).toBe(403);
    expect(off.body.error).toMatch(/INGEST_TOKEN/);
  });

  it('400 for bad JSON or a bad article, 413 for an oversized body, 415 for another content type', async () => {
    const { POST } = await articles();
    expect((await call(POST(post('/api/articles', '{not json')))).status).toBe(400);
    const bad = await call(POST(post('/api/articles', { title: 'x', published: '2025-13-01', text: TEXT })));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/published/);
    const big = await call(POST(post('/api/articles', { title: 'x', published: '2025-01-01', text: 'a'.repeat(1_200_000) })));
    expect(big.status).toBe(413);
    expect((await call(POST(post('/api/articles', TEXT, { 'content-type': 'text/plain' })))).status).toBe(415);
  });

  it('201 with what was extracted; 409 for the same article again; the events are served at once', async () => {
    const { POST } = await articles();
    const rev = store.revisionSync();
    const ok = await call(POST(post('/api/articles', { title: 'Depot fire in Lagos', published: '2025-05-12', text: TEXT, url: 'https://news.example/lagos-fire' })));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ id: expect.stringMatching(/^ingest-/), events: expect.any(Array), movements: expect.any(Array), warnings: expect.any(Array) });
    expect(store.revisionSync()).not.toBe(rev);
    expect((ok.body.events as unknown[]).length).toBeGreaterThan(0);
    for (const e of ok.body.events as { id: string }[]) expect(await store.getEvent(e.id)).not.toBeNull();
    const after = store.revisionSync();
    const dup = await call(POST(post('/api/articles', { title: 'Again', published: '2025-05-12', text: TEXT })));
    expect(dup.status).toBe(409);
    expect(dup.body.existing).toBe(ok.body.id);
    expect(store.revisionSync()).toBe(after);
  });
});

describe('POST /api/events/{id}/review', { timeout: 60_000 }, () => {
  it('reviews a machine-extracted event; bad decisions are 400, unknown ids 404, refused edits 422', async () => {
    const { POST } = await eventReview();
    const id = store.eventsSync({ q: 'lagos' }, { limit: 1, fields: 'summary' }).items[0]?.properties.id;
    expect(id).toBeTruthy();
    expect((await call(POST(post(`/api/events/${id}/review`, { state: 'maybe' }), ctx(id!)))).status).toBe(400);
    expect((await call(POST(post(`/api/events/${id}/review`, { state: 'edited', edit: {} }), ctx(id!)))).status).toBe(400);
    expect((await call(POST(post(`/api/events/${id}/review`, { state: 'edited', edit: { place: { name: 'X', lat: 200, lng: 0, precision: 'city' } } }), ctx(id!)))).status).toBe(400);
    expect((await call(POST(post('/api/events/no-such/review', { state: 'accepted' }), ctx('no-such')))).status).toBe(404);
    expect((await call(POST(post(`/api/events/${id}/review`, { state: 'accepted' }, { authorization: '' }), ctx(id!)))).status).toBe(401);
    const rejected = await call(POST(post(`/api/events/${id}/review`, { state: 'rejected' }), ctx(id!)));
    expect(rejected.status).toBe(200);
    expect(await store.getEvent(id!)).toBeNull();
    const edited = await call(POST(post(`/api/events/${id}/review`, { state: 'edited', edit: { category: 'incident' } }), ctx(id!)));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ properties: { category: 'incident', extraction: { review: 'edited' } } });
    const refused = await call(POST(post(`/api/events/${id}/review`, { state: 'edited', edit: { actors: ['nobody-at-all'] } }), ctx(id!)));
    expect(refused.status).toBe(422);
    const curated = store.eventsSync({ sourceTypes: ['article'] }, { limit: 50, fields: 'full' }).items.find((f) => !('extraction' in f.properties))!;
    expect((await call(POST(post(`/api/events/${curated.properties.id}/review`, { state: 'accepted' }), ctx(curated.properties.id)))).status).toBe(422);
  });
});
