// The API fuzz (lib/api-fuzz.test.ts) again, through the production server and Next's real routing:
// raw request lines (percent-encoded slashes and NULs in path segments, malformed escapes, unencoded
// `%`, 100 kB query strings) that an in-process call never sees. Every answer is 2xx or 4xx with a
// JSON `{error}` (a PNG for the preview, an event stream for /api/stream), in time. Then the rate
// limit as a client meets it: a burst of writes is refused with 429 and Retry-After, and the writes
// go through again once that many seconds have passed; a client cannot pick its own bucket.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test, expect } from './fixtures';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
const TOKEN = 'e2e-fuzz-token';
const WRITES_PER_MIN = 30; // a burst of 30, then one every 2 s
const REQUEST_MS = 10_000;

let server: { url: string; stop(): Promise<void> };
let tmp: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-fuzz-'));
  server = await startServer({
    port: PORT,
    env: {
      DATABASE_URL: `file:${path.join(tmp, 'fuzz.db')}`,
      INGEST_TOKEN: TOKEN,
      // Behind "a proxy": X-Forwarded-For names the client, so the fuzz can be many clients and the
      // rate-limit test one.
      TRUST_PROXY: '1',
      RATE_LIMIT_WRITES_PER_MIN: String(WRITES_PER_MIN),
    },
    timeoutMs: 120_000,
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Answer {
  status: number;
  type: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with its path sent exactly as given (no client-side normalising), bounded in time. */
function send(method: string, rawPath: string, headers: Record<string, string> = {}, body?: Uint8Array): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers: { ...headers, ...(body ? { 'content-length': String(body.byteLength) } : {}) } }, (res) => {
      const type = res.headers['content-type'] ?? '';
      const chunks: Buffer[] = [];
      // The change stream never ends by itself: its headers and first event are the answer.
      if (type.startsWith('text/event-stream')) {
        res.once('data', (d: Buffer) => {
          req.destroy();
          resolve({ status: res.statusCode!, type, headers: res.headers, body: d });
        });
        return;
      }
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, type, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_MS, () => req.destroy(new Error(`${method} ${rawPath.slice(0, 200)}: no answer within ${REQUEST_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function expectContract(what: string, a: Answer, rawPath: string) {
  // Dot segments resolve before routing: a path that climbs out of /api is the site's own
  // not-found page, and never a file from the disk.
  if (!new URL(rawPath, 'http://x').pathname.startsWith('/api/')) {
    expect(a.status, what).toBe(404);
    return expect(a.body.toString(), what).not.toMatch(/root:.*:0:0:/);
  }
  // Next's one redirect: a trailing slash to the path without it, on this server.
  if (a.status === 308) return expect(a.headers.location, what).toMatch(/^\/[^/\\]/);
  if (a.status >= 200 && a.status < 300) {
    if (a.type === 'image/png') return expect(a.body.subarray(1, 4).toString(), what).toBe('PNG');
    if (a.type.startsWith('text/event-stream')) return expect(a.body.toString(), what).toMatch(/event: version/);
    expect(a.type, what).toMatch(/^application\/(geo\+)?json/);
    return expect(() => JSON.parse(a.body.toString()), what).not.toThrow();
  }
  expect(a.status, `${what} → ${a.status} ${a.body.toString().slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(a.status, `${what} → ${a.status} ${a.body.toString().slice(0, 200)}`).toBeLessThan(500);
  expect(a.type, `${what} → ${a.status}`).toMatch(/^application\/json/);
  const body = JSON.parse(a.body.toString()) as { error?: unknown };
  expect(typeof body.error, what).toBe('string');
}

/** Text as it may appear in a request line: percent-encoded where HTTP requires it, `%` sometimes left raw. */
const lineSafe = (s: string, rawPercent: boolean) =>
  Array.from(new TextEncoder().encode(s))
    .map((b) => (b > 0x20 && b < 0x7f && b !== 0x23 && (rawPercent || b !== 0x25) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`))
    .join('');

const HOSTILE = ['', '0', '-1', '1e309', 'NaN', '9'.repeat(300), '%', '%00', '%zz', '%2F', '%2e%2e%2f', '\u0000', '../../etc/passwd', '..', '.', '𝕏🙂', '\u202e', '"', "'", 'NEAR(a', '*', 'a AND OR NOT b', '^x', '"x"*', '__proto__', 'constructor', ',,,', '-180,-90,180,90', '170,-10,-170,10', '2024-08-05', '2024-02-30', 'strike', 'summary', '4/9/6', 'shoigu', '<script>', 'a'.repeat(100 * 1024)];
const hostile = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) });
const KEYS = ['from', 'to', 'bbox', 'category', 'kind', 'source', 'actor', 'unreviewed', 'q', 'fields', 'cursor', 'order', 'limit', 'zoom', 'binDays', 'cluster', 'scale', 'center', 'width', 'map', 'event', 'layers', '__proto__', ''];
const LISTS: [string, string][] = [
  ['/api/events', 'from=2024-08-01&to=2024-08-10&bbox=30,20,60,45'],
  ['/api/events/count', 'q=tehran'],
  ['/api/events/clusters', 'bbox=30,20,60,45&zoom=4'],
  ['/api/events/clusters/leaves', 'cluster=4/9/6&limit=10'],
  ['/api/events/histogram', 'from=1983-01-01&to=2024-08-07&binDays=30'],
  ['/api/movements', 'kind=travel'],
  ['/api/articles', 'limit=2'],
  ['/api/preview', 'map=6/35/45'],
  ['/api/health', ''],
  ['/api/stream', ''],
];
const ITEMS = ['/api/events/', '/api/movements/', '/api/articles/'];

const getRequest = fc.oneof(
  // A route's own query with one parameter made hostile, or random keys on top.
  fc.tuple(fc.constantFrom(...LISTS), fc.array(fc.tuple(fc.constantFrom(...KEYS), hostile), { maxLength: 3 }), fc.boolean()).map(([[p, base], extra, raw]) => {
    const q = [base, ...extra.map(([k, v]) => `${lineSafe(k, raw)}=${lineSafe(v, raw)}`)].filter(Boolean).join('&');
    return `${p}${q ? `?${q}` : ''}`;
  }),
  // An item route with a hostile path segment (a `/` inside it arrives as %2F or as a real slash).
  fc.tuple(fc.constantFrom(...ITEMS), hostile, fc.boolean(), fc.constantFrom('', '?x=1', '/extra')).map(([p, seg, raw, tail]) => `${p}${lineSafe(seg, raw)}${tail}`),
);

test('fuzz through the real server: every GET answers 2xx or 4xx JSON, in time', async () => {
  test.setTimeout(300_000);
  let n = 0;
  await fc.assert(
    fc.asyncProperty(getRequest, async (p) => {
      const what = `GET ${p.slice(0, 200)}`;
      // A fresh "client" each time: the fuzz must not meet the rate limit, only the validation.
      const a = await send('GET', p, { 'x-forwarded-for': `10.1.${(n >> 8) & 255}.${n++ & 255}` });
      expectContract(what, a, p);
    }),
    { seed: 20261130, numRuns: 300 },
  );
});

test('fuzz through the real server: every write answers 2xx or 4xx JSON, in time', async () => {
  test.setTimeout(300_000);
  let n = 0;
  const id = fc.oneof(fc.constantFrom('shoigu-arrives-tehran-2024-08-05', 'shoigu-moscow-tehran-2024-08-05'), hostile.map((s) => lineSafe(s, false)));
  const body = fc.oneof(
    fc.constantFrom('', '{', 'null', '[]', '{"state":"accepted"}', '{"state":"edited","edit":{"start":"2024-02-30"}}', '{"__proto__":{"x":1},"state":"accepted"}', '['.repeat(100_000), '{"title":1,"published":[],"text":{}}', `{"title":"t","published":"2024-08-05","text":"${'word '.repeat(50)}"}`),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );
  const type = fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', '');
  const auth = fc.constantFrom(`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, 'Bearer wrong', '');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('/api/articles', '/api/events/ID/review', '/api/movements/ID/review'), id, body, type, auth, async (route, seg, b, t, a) => {
      const p = route.replace('ID', seg);
      const headers: Record<string, string> = { 'x-forwarded-for': `10.2.${(n >> 8) & 255}.${n++ & 255}` };
      if (t) headers['content-type'] = t;
      if (a) headers.authorization = a;
      expectContract(`POST ${p.slice(0, 200)} ${t} ${a} ${b.slice(0, 100)}`, await send('POST', p, headers, new TextEncoder().encode(b)), p);
    }),
    { seed: 20261130, numRuns: 150 },
  );
});

test('a request head over 16 kB is refused by Node before routing, still with a JSON message', async () => {
  const a = await send('GET', `/api/events?q=${'a'.repeat(20_000)}`);
  expect(a.status).toBe(431);
  expect(a.type).toMatch(/^application\/json/);
  expect(JSON.parse(a.body.toString())).toEqual({ error: expect.stringMatching(/16 kB/) });
  const b = await send('GET', `/api/events?q=${'a'.repeat(9_000)}`);
  expect(b.status).toBe(414);
  expect(JSON.parse(b.body.toString()).error).toMatch(/query string/);
});

test('a burst of writes gets 429 with Retry-After; after that many seconds writes go through again', async () => {
  test.setTimeout(60_000);
  const write = () =>
    send('POST', '/api/events/shoigu-arrives-tehran-2024-08-05/review', { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '198.51.100.77' }, new TextEncoder().encode('{"state":"maybe"}'));
  const statuses: number[] = [];
  for (let i = 0; i < WRITES_PER_MIN; i++) statuses.push((await write()).status);
  expect(statuses.every((s) => s === 400)).toBe(true);
  const limited = await write();
  expect(limited.status).toBe(429);
  const wait = Number(limited.headers['retry-after']);
  expect(wait).toBeGreaterThanOrEqual(1);
  expect(wait).toBeLessThanOrEqual(2);
  expect(JSON.parse(limited.body.toString()).error).toMatch(/too many writes/);
  await new Promise((r) => setTimeout(r, wait * 1000 + 100));
  expect((await write()).status).toBe(400);
});

test('a client cannot choose its bucket: the peer header it sends is overwritten by the server', async () => {
  test.setTimeout(60_000);
  // No X-Forwarded-For: the socket's address is the key, whatever peer header the client forges.
  const statuses: number[] = [];
  for (let i = 0; i <= WRITES_PER_MIN; i++) {
    const a = await send('POST', '/api/articles', { 'content-type': 'application/json', 'x-situation-map-peer': `forged-${i}` }, new TextEncoder().encode('{}'));
    statuses.push(a.status);
  }
  expect(statuses.slice(0, WRITES_PER_MIN).every((s) => s === 401)).toBe(true);
  expect(statuses[WRITES_PER_MIN]).toBe(429);
});
