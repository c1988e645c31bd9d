// Articles in through the API (issue 8): a server of its own over a temporary database, with writing
// switched on by INGEST_TOKEN. Refusals answer 4xx JSON and change nothing (same revision, same
// totals in /api/health); a posted article's events are served at once; two articles about one
// happening become one event with two sources.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 4;
const TOKEN = 'e2e-ingest-token';

// Articles written for this test: two outlets' own wording of one strike.
const STRIKE_A = `A drone strike hit an ammunition depot near the city of Kramatorsk on Thursday, regional officials said. Two soldiers were wounded and a fire burned for several hours, according to the local administration, which asked residents to stay indoors.`;
const STRIKE_B = `Officials in Kramatorsk said a drone struck an ammunition depot outside the city on Thursday, wounding two soldiers. Firefighters needed several hours to put out the blaze, and the regional governor said the damage was still being assessed.`;

let server: { url: string; stop(): Promise<void> };
let tmp: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-ingest-'));
  server = await startServer({ port: PORT, env: { DATABASE_URL: `file:${path.join(tmp, 'ingest.db')}`, INGEST_TOKEN: TOKEN }, timeoutMs: 120_000 });
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Health {
  revision: string;
  counts: { events: number; movements: number };
}
const health = async (request: APIRequestContext) => (await (await request.get(`${server.url}/api/health`)).json()) as Health;

function post(request: APIRequestContext, body: unknown, token: string | null = TOKEN) {
  return request.post(`${server.url}/api/articles`, {
    headers: { 'content-type': 'application/json', ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
    data: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const article = (text: string, extra: Record<string, unknown> = {}) => ({ title: 'Depot hit in Kramatorsk', published: '2025-10-31', text, ...extra });

test('refused articles answer 4xx JSON and leave the store unchanged', async ({ request }) => {
  const before = await health(request);
  const cases: [number, Promise<Awaited<ReturnType<typeof post>>>][] = [
    [401, post(request, article(STRIKE_A), null)],
    [401, post(request, article(STRIKE_A), 'wrong')],
    [400, post(request, '{"title": ')],
    [400, post(request, article('   '))],
    [400, post(request, article(STRIKE_A, { published: '2025-02-30' }))],
    [413, post(request, article('word '.repeat(240_000)))],
  ];
  for (const [status, res] of cases) {
    const r = await res;
    expect(r.status()).toBe(status);
    expect(typeof ((await r.json()) as { error?: unknown }).error).toBe('string');
  }
  expect(await health(request)).toEqual(before);
});

test('a posted article is served at once; a second report of the same happening merges; a duplicate is 409', async ({ request }) => {
  const first = await post(request, article(STRIKE_A, { url: 'https://news.example/kramatorsk-depot' }));
  expect(first.status()).toBe(201);
  const a = (await first.json()) as { id: string; events: { id: string; merged: boolean }[]; movements: unknown[]; warnings: string[] };
  expect(a.events.length).toBeGreaterThan(0);
  expect(a.events.every((e) => !e.merged)).toBe(true);
  const listed = (await (await request.get(`${server.url}/api/events?fields=summary&q=kramatorsk`)).json()) as { features: { properties: { id: string } }[] };
  expect(listed.features.map((f) => f.properties.id)).toEqual(expect.arrayContaining(a.events.map((e) => e.id)));

  const second = await post(request, article(STRIKE_B, { outlet: 'Another Outlet' }));
  expect(second.status()).toBe(201);
  const b = (await second.json()) as { id: string; events: { id: string; merged: boolean }[] };
  const merged = b.events.find((e) => e.merged);
  expect(merged?.id).toBe(a.events[0]!.id);
  const event = (await (await request.get(`${server.url}/api/events/${merged!.id}`)).json()) as { properties: { sources: { article: string }[]; corroboration: number } };
  expect(new Set(event.properties.sources.map((s) => s.article))).toEqual(new Set([a.id, b.id]));
  expect(event.properties.corroboration).toBe(2);

  const before = await health(request);
  const again = await post(request, article(`${STRIKE_A}\n`));
  expect(again.status()).toBe(409);
  const sameUrl = await post(request, article('A different text entirely about the weather in the region, which was calm and sunny for the whole of the week, and the farmers said that the harvest was the best in years.', { url: 'https://news.example/kramatorsk-depot' }));
  expect(sameUrl.status()).toBe(409);
  expect(await health(request)).toEqual(before);
});

test('reviewing needs the token; a rejected event leaves the list and can be brought back', async ({ request }) => {
  const id = ((await (await request.get(`${server.url}/api/events?fields=summary&q=kramatorsk`)).json()) as { features: { properties: { id: string } }[] }).features[0]!.properties.id;
  const review = (body: unknown, token: string | null = TOKEN) =>
    request.post(`${server.url}/api/events/${id}/review`, { headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, data: JSON.stringify(body) });
  expect((await review({ state: 'rejected' }, null)).status()).toBe(401);
  expect((await review({ state: 'nope' })).status()).toBe(400);
  expect((await review({ state: 'rejected' })).status()).toBe(200);
  expect((await request.get(`${server.url}/api/events/${id}`)).status()).toBe(404);
  expect((await review({ state: 'accepted' })).status()).toBe(200);
  expect((await request.get(`${server.url}/api/events/${id}`)).status()).toBe(200);
});

test('the suite’s own server, started without INGEST_TOKEN, has writing switched off (403)', async ({ request }) => {
  const r = await request.post('/api/articles', { headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, data: JSON.stringify(article(STRIKE_A)) });
  expect(r.status()).toBe(403);
  expect(((await r.json()) as { error: string }).error).toMatch(/INGEST_TOKEN/);
});
