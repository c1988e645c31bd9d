// Property-based fuzz of every route in app/api, called in-process on a seeded in-memory store: random
// and hostile values in every query parameter, path segment and body. Whatever arrives, the answer is
// 2xx, or 4xx with a JSON `{error}` that says why — never a thrown error (Next turns it into a 500),
// never a promise that does not settle in time, never a polluted Object prototype.
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from './store/contract';
import { createStore } from './store/index-sqlite';
import type { SqliteStore } from './store/sqlite';

vi.mock('server-only', () => ({}));

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const holder = globalThis as unknown as { __situationMapStore?: Store };
let store: SqliteStore;
const TOKEN = 'fuzz-token-0123456789';
/** Long enough for a real hang to show, short enough that a stuck handler fails the run rather than vitest. */
const REQUEST_MS = 15_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

const TEXT = `Firefighters battled a large blaze at a fuel depot on the outskirts of Lagos on Sunday, emergency officials said, after an explosion sent a column of black smoke over the city. Nobody was reported killed, but the state emergency agency said two workers were taken to hospital with burns.`;
const TRAVEL = `Egyptian Foreign Minister Samir Fawzi flew to Amman from Cairo on Tuesday for talks with his Jordanian counterpart about the war in Gaza, the foreign ministry said in a statement. The two ministers were expected to discuss aid deliveries and a possible ceasefire.`;
let machineEvent = '';
let machineMovement = '';

beforeAll(async () => {
  store = createStore(':memory:', { root: ROOT });
  holder.__situationMapStore = store;
  vi.stubEnv('INGEST_TOKEN', TOKEN);
  // Writes and expensive reads are rate-limited per client; the fuzz is one client sending thousands.
  vi.stubEnv('RATE_LIMIT_WRITES_PER_MIN', '1000000');
  vi.stubEnv('RATE_LIMIT_QUERIES_PER_MIN', '1000000');
  // Machine-extracted items, so the review routes are fuzzed past "not machine-extracted" (422).
  const { POST } = await import('../app/api/articles/route');
  const ingest = async (title: string, text: string) => {
    const res = await POST(
      new Request('http://test/api/articles', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ title, published: '2025-05-12', text }),
      }),
    );
    expect(res.status).toBe(201);
    return (await res.json()) as { events: { id: string }[]; movements: { id: string }[] };
  };
  machineEvent = (await ingest('Depot fire in Lagos', TEXT)).events[0]!.id;
  machineMovement = (await ingest('Fawzi in Amman', TRAVEL)).movements[0]!.id;
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  delete holder.__situationMapStore;
  await store.close();
});

// ---- What is thrown at the routes ----------------------------------------------------------------

const LONG = 'a'.repeat(100 * 1024);
/** Values that have broken parsers before: numbers at the edges, syntax of the layers below, encodings. */
const HOSTILE = [
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '0x10',
  '1.5',
  '1e3',
  '%',
  '%00',
  '%zz',
  '%2F',
  '\u0000',
  'a\u0000b',
  '\uffff',
  '\ud800',
  '\u202eevil',
  '𝕏𝕐ℤ🙂',
  'İstanbul',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '/',
  '\\',
  '"',
  "'",
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  'NEAR(a b, 2)',
  'NEAR(',
  '*',
  'a*',
  '"unterminated',
  'a AND OR NOT b',
  'AND',
  'OR OR OR',
  'NOT',
  '^x',
  'title:x',
  '{x y}',
  '(a OR b)',
  '-x',
  ',,,,',
  ',',
  '1,2,3',
  '1,2,3,4',
  '-180,-90,180,90',
  '180,-90,-180,90',
  '170,-10,-170,10',
  '0,0,0,0',
  'NaN,NaN,NaN,NaN',
  '1e308,0,0,0',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '2024-08-05',
  '2024-02-30',
  '0000-01-01',
  '9999-12-31',
  '+002024-08-05',
  '2024-08-05T00:00:00Z',
  'strike',
  'strike,visit',
  'travel',
  'article,feed',
  'summary',
  'full',
  'desc',
  'hide',
  'show',
  'log',
  'overview',
  '4/9/6',
  '22/99999/99999',
  '99/0/0',
  'shoigu',
  'shoigu-arrives-tehran-2024-08-05',
  'bogus',
  Buffer.from('[1,"x"]').toString('base64url'),
  Buffer.from('[1e300,"x",1]').toString('base64url'),
  Buffer.from('{"__proto__":{"x":1}}').toString('base64url'),
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '6/35/45/0/0',
  '12/33.5/35.5/400/400',
  LONG,
];

const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE.filter((h) => h.length < 100)), { maxLength: 4 }).map((a) => a.join(',')) },
);

/** Every parameter any route takes, plus names no route takes. */
const KEYS = ['from', 'to', 'bbox', 'category', 'kind', 'source', 'actor', 'unreviewed', 'q', 'fields', 'cursor', 'order', 'limit', 'zoom', 'binDays', 'cluster', 'scale', 'center', 'width', 'map', 'event', 'movement', 'layers', 'embed'];
const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'Q', 'from[]', 'a%00b') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) });

/** A query string: repeated keys happen; sometimes the raw text goes unencoded (a `%` alone, a NUL). */
const query = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(fc.tuple(key, hostile), { maxLength: 6 }).map((pairs) => {
      const p = new URLSearchParams();
      for (const [k, v] of pairs) p.append(k, v);
      return p.toString();
    }),
  },
  { weight: 1, arbitrary: fc.array(fc.tuple(key, hostile), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')) },
);

/** Well-formed queries for each route, so the fuzz also reaches past validation into the store. */
const VALID: Record<string, string[]> = {
  events: ['from=2024-08-01&to=2024-08-10', 'bbox=30,20,60,45&fields=summary&order=desc&limit=5', 'q=shoigu tehran', 'q=NEAR(x*', 'q="', 'q=a b c d e f g h i j k l m n o p q r s t u v w x y z'],
  count: ['from=2024-08-01&to=2024-08-10&source=article', 'q=tehran'],
  clusters: ['bbox=30,20,60,45&zoom=4', 'bbox=-180,-85,180,85&zoom=22', 'bbox=170,-10,-170,10&zoom=3', 'bbox=30,20,60,45&zoom=4&q=iran'],
  leaves: ['cluster=4/9/6&limit=10', 'cluster=0/0/0'],
  histogram: ['from=1983-01-01&to=2024-08-07&binDays=30', 'from=0001-01-01&to=9999-12-31&binDays=36600', 'from=1983-01-01&to=2024-08-07&scale=log&center=2024-08-01&width=4000', 'from=2024-01-01&to=2024-12-31&scale=overview&center=2024-08-01&width=1'],
  movements: ['kind=travel,arms', 'from=2024-08-01&to=2024-08-10&bbox=30,20,60,45', 'limit=1', `limit=1&cursor=${Buffer.from('["2024-08-05","a"]').toString('base64url')}`],
  articles: ['limit=1', 'limit=5000'],
  preview: ['map=6/35/45', 'from=2024-08-01&to=2024-08-10&category=strike', 'event=shoigu-arrives-tehran-2024-08-05', 'map=99/99/999/999/999&q=%00'],
  stream: [''],
};
const COMMON = ['from', 'to', 'bbox', 'category', 'actor', 'q', 'unreviewed'];
/** What each route takes (lib/filters ACCEPTS; the preview takes the permalink's keys). */
const TAKES: Record<string, string[]> = {
  events: [...COMMON, 'source', 'fields', 'cursor', 'limit', 'order'],
  count: [...COMMON, 'source'],
  clusters: [...COMMON, 'source', 'zoom'],
  leaves: [...COMMON, 'source', 'cluster', 'limit'],
  histogram: [...COMMON, 'source', 'binDays', 'scale', 'center', 'width'],
  movements: [...COMMON, 'kind', 'cursor', 'limit'],
  articles: ['cursor', 'limit'],
  preview: ['map', 'from', 'to', 'event', 'movement', 'category', 'kind', 'actor', 'q', 'layers', 'embed'],
};
/** A well-formed query with one of the route's own parameters set to a hostile value: gets past validation of the rest. */
const oneHostile = (route: string) =>
  fc.tuple(fc.constantFrom(...(VALID[route] ?? [''])), fc.constantFrom(...(TAKES[route] ?? KEYS)), hostile).map(([base, k, v]) => {
    const p = new URLSearchParams(base);
    p.set(k, v);
    return p.toString();
  });
const queryFor = (route: string) =>
  fc.oneof(
    { weight: 2, arbitrary: query },
    { weight: 4, arbitrary: oneHostile(route) },
    { weight: 1, arbitrary: fc.constantFrom(...(VALID[route] ?? [''])) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(VALID[route] ?? [''])), query).map(([a, b]) => `${a}&${b}`) },
  );

/** Path segments as Next hands them over (decoded), hostile ones and real ids. */
const segment = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 1, arbitrary: fc.constantFrom('shoigu-arrives-tehran-2024-08-05', 'shoigu-moscow-tehran-2024-08-05', '000_4281fd604d241ad1', 'no-such-id', 'a'.repeat(120), 'a'.repeat(121), '..', '.', '%', 'a/b', 'a\u0000') },
);

/** A JSON value of any shape, nested and with keys that have polluted prototypes elsewhere. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 'x', '', '2024-08-05', 'accepted', 'edited', 'rejected', 'unreviewed', LONG),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostile,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'state', 'edit', 'title', 'published', 'text', 'url', 'outlet', 'start', 'end', 'place', 'category', 'actors', 'precision', 'lat', 'lng', 'name', 'radiusKm'), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const REVIEW_LIKE = fc.record(
  {
    state: fc.oneof(fc.constantFrom('accepted', 'rejected', 'unreviewed', 'edited'), jsonValue),
    edit: fc.record(
      {
        start: fc.oneof(fc.constantFrom('2024-08-05', '2024-08-01', '2025-05-11', '9999-12-31'), jsonValue),
        end: fc.oneof(fc.constantFrom('2024-08-06', '2025-05-12', '0001-01-01'), jsonValue),
        precision: fc.oneof(fc.constantFrom('day', 'week', 'month', 'year'), jsonValue),
        place: fc.oneof(fc.record({ name: fc.oneof(fc.constantFrom('Lagos', 'Tehran'), hostile), lat: fc.double(), lng: fc.double(), precision: fc.constantFrom('point', 'city', 'region', 'country'), radiusKm: fc.double() }, { requiredKeys: ['name', 'lat', 'lng', 'precision'] }), jsonValue),
        category: fc.oneof(fc.constantFrom('strike', 'incident', 'visit'), jsonValue),
        actors: fc.oneof(fc.array(fc.constantFrom('shoigu', 'nobody', '__proto__', ''), { maxLength: 3 }), jsonValue),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const ARTICLE_LIKE = fc.record(
  {
    title: fc.oneof(fc.constantFrom('A title', '<b>t</b>', ''), jsonValue),
    published: fc.oneof(fc.constantFrom('2024-08-05', '2024-02-30', '2999-01-01', '1800-01-01'), jsonValue),
    outlet: jsonValue,
    url: fc.oneof(fc.constantFrom('https://example.com/a', 'javascript:alert(1)', 'file:///etc/passwd', 'http://[::1'), jsonValue),
    text: fc.oneof(fc.constantFrom(TEXT, `${TEXT}\u0000`, 'short', 'Der Bundestag hat heute in Berlin über den Haushalt debattiert, sagte der Sprecher am Montag.'), jsonValue),
  },
  { requiredKeys: [] },
);

/** Raw body text: valid JSON of the wrong shape, broken JSON, nesting deep enough to overflow a recursive parser. */
const bodyText = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: shape.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '{',
        '{"state":',
        'null',
        '[]',
        '"accepted"',
        '{"__proto__":{"polluted":true},"state":"accepted"}',
        '{"constructor":{"prototype":{"polluted":true}},"state":"accepted"}',
        '{"state":"edited","edit":{"__proto__":{"polluted":true}}}',
        '{"state":"accepted","state":"rejected"}',
        '['.repeat(100_000) + ']'.repeat(100_000),
        '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
        `{"text":"${'\\u0000'.repeat(1000)}"}`,
        '\ufeff{"state":"accepted"}',
        '{"state":"accepted"}\u0000',
        `{"title":"${LONG}","published":"2024-08-05","text":"${LONG}"}`,
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );

const bodyBytes = (shape: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 8, arbitrary: bodyText(shape).map((t) => new TextEncoder().encode(t)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }, { weight: 1, arbitrary: fc.constant(new Uint8Array([0xff, 0xfe, 0x7b, 0x7d])) });

const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/json; charset=utf-16', 'application/jsonp', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', '') },
);
const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${TOKEN}`) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', `Bearer ${TOKEN}x`, `bearer ${TOKEN}`, `Basic ${TOKEN}`, `Bearer ${TOKEN} extra`, `Bearer ${TOKEN.slice(0, -1)}`) },
);

// ---- The routes --------------------------------------------------------------------------------

type Ctx = { params: Promise<Record<string, string>> };
type Handler = (request: Request, ctx: Ctx) => Promise<Response>;
const load = async (m: Promise<Record<string, unknown>>, method: string) => (await m)[method] as Handler;

const GETS: { name: string; path: string; handler: () => Promise<Handler>; id?: boolean }[] = [
  { name: 'events', path: '/api/events', handler: () => load(import('../app/api/events/route'), 'GET') },
  { name: 'count', path: '/api/events/count', handler: () => load(import('../app/api/events/count/route'), 'GET') },
  { name: 'clusters', path: '/api/events/clusters', handler: () => load(import('../app/api/events/clusters/route'), 'GET') },
  { name: 'leaves', path: '/api/events/clusters/leaves', handler: () => load(import('../app/api/events/clusters/leaves/route'), 'GET') },
  { name: 'histogram', path: '/api/events/histogram', handler: () => load(import('../app/api/events/histogram/route'), 'GET') },
  { name: 'movements', path: '/api/movements', handler: () => load(import('../app/api/movements/route'), 'GET') },
  { name: 'articles', path: '/api/articles', handler: () => load(import('../app/api/articles/route'), 'GET') },
  { name: 'health', path: '/api/health', handler: () => load(import('../app/api/health/route'), 'GET') },
  { name: 'stream', path: '/api/stream', handler: () => load(import('../app/api/stream/route'), 'GET') },
  { name: 'event', path: '/api/events/ID', id: true, handler: () => load(import('../app/api/events/[id]/route'), 'GET') },
  { name: 'movement', path: '/api/movements/ID', id: true, handler: () => load(import('../app/api/movements/[id]/route'), 'GET') },
  { name: 'article', path: '/api/articles/ID', id: true, handler: () => load(import('../app/api/articles/[id]/route'), 'GET') },
  { name: 'unknown', path: '/api/ID/x', id: true, handler: () => load(import('../app/api/[...path]/route'), 'GET') },
];

/** A lone surrogate cannot be percent-encoded; Next would hand the route U+FFFD in its place. */
const encodeSegment = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** Settles within REQUEST_MS or fails the property: a hang is as bad as a 500. */
async function settle(what: string, p: Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${REQUEST_MS} ms`)), REQUEST_MS)));
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The contract every answer keeps; returns the status so a property can say more. */
async function checkAnswer(what: string, res: Response, opts: { image?: boolean } = {}): Promise<number> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status >= 200 && res.status < 300) {
    if (type.startsWith('text/event-stream')) {
      // The change stream never ends by itself: its first event is the answer.
      const reader = res.body!.getReader();
      const first = await reader.read();
      await reader.cancel();
      expect(new TextDecoder().decode(first.value), what).toMatch(/event: version/);
    } else if (opts.image && type === 'image/png') {
      expect(new Uint8Array(await res.arrayBuffer()).slice(1, 4), what).toEqual(new TextEncoder().encode('PNG'));
    } else {
      expect(type, what).toMatch(/^application\/(geo\+)?json/);
      await res.json();
    }
    return res.status;
  }
  expect(res.status, `${what} → ${res.status}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} → ${res.status}`).toBeLessThan(500);
  expect(type, what).toMatch(/^application\/json/);
  const body = (await res.json()) as { error?: unknown };
  expect(typeof body.error, `${what}: ${JSON.stringify(body).slice(0, 200)}`).toBe('string');
  expect((body.error as string).length, what).toBeGreaterThan(0);
  return res.status;
}

const notPolluted = () => {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
};

describe('fuzz: every GET route answers 2xx or 4xx JSON, in time', { timeout: 300_000 }, () => {
  for (const r of GETS) {
    it(`${r.path}`, async () => {
      const handler = await r.handler();
      const seen = new Set<number>();
      await fc.assert(
        fc.asyncProperty(r.id ? fc.tuple(segment, fc.oneof(fc.constant(''), query)) : fc.tuple(fc.constant(''), queryFor(r.name)), async ([id, q]) => {
          const path = r.id ? r.path.replace('ID', encodeSegment(id)) : r.path;
          const url = `http://test${path}${q ? `?${q}` : ''}`;
          const what = `GET ${url.slice(0, 300)}`;
          const res = await settle(what, handler(new Request(url), { params: Promise.resolve({ id }) }));
          seen.add(Math.floor((await checkAnswer(what, res)) / 100));
          notPolluted();
        }),
        { seed: SEED, numRuns: r.name === 'stream' ? 60 : 250 },
      );
      // A fuzz that never gets past validation proves little: both kinds of answer must occur.
      expect([...seen].sort()).toEqual(r.name === 'health' ? [2] : r.name === 'unknown' ? [4] : [2, 4]);
    });
  }

  it('/api/preview (an image or 4xx JSON)', async () => {
    const { GET } = await import('../app/api/preview/route');
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(queryFor('preview'), async (q) => {
        const url = `http://test/api/preview?${q}`;
        const what = `GET ${url.slice(0, 300)}`;
        seen.add(await checkAnswer(what, await settle(what, GET(new Request(url))), { image: true }));
      }),
      // Each is a whole map drawn to PNG: fewer runs, same variety.
      { seed: SEED, numRuns: 40 },
    );
    // A preview follows the permalink rules (clamps, never refuses), so every answer is an image.
    expect([...seen]).toEqual([200]);
  });
});

describe('fuzz: every write route answers 2xx or 4xx JSON, in time, and leaves prototypes alone', { timeout: 300_000 }, () => {
  const writes = [
    { name: 'POST /api/articles', shape: ARTICLE_LIKE as fc.Arbitrary<unknown>, id: false, handler: () => load(import('../app/api/articles/route'), 'POST') },
    { name: 'POST /api/events/{id}/review', shape: REVIEW_LIKE as fc.Arbitrary<unknown>, id: 'event', handler: () => load(import('../app/api/events/[id]/review/route'), 'POST') },
    { name: 'POST /api/movements/{id}/review', shape: REVIEW_LIKE as fc.Arbitrary<unknown>, id: 'movement', handler: () => load(import('../app/api/movements/[id]/review/route'), 'POST') },
  ] as const;
  for (const w of writes) {
    it(w.name, async () => {
      const handler = await w.handler();
      const seen = new Set<number>();
      const ids = fc.oneof({ weight: 3, arbitrary: fc.constant(w.id === 'movement' ? machineMovement : machineEvent) }, { weight: 1, arbitrary: segment });
      await fc.assert(
        fc.asyncProperty(ids, bodyBytes(w.shape), contentType, authorization, fc.oneof(fc.constant(''), query), async (id, body, type, auth, q) => {
          const path = w.id ? `/api/${w.id}s/${encodeSegment(id)}/review` : '/api/articles';
          const headers: Record<string, string> = {};
          if (type !== undefined) headers['content-type'] = type;
          if (auth !== undefined) headers.authorization = auth;
          const what = `${w.name} ${path.slice(0, 100)} ${type} ${auth} ${new TextDecoder().decode(body.slice(0, 150))}`;
          const req = new Request(`http://test${path}${q ? `?${q}` : ''}`, { method: 'POST', headers, body });
          seen.add(await checkAnswer(what, await settle(what, handler(req, { params: Promise.resolve({ id }) }))));
          notPolluted();
        }),
        { seed: SEED, numRuns: w.id ? 300 : 120 },
      );
      // Past the token, the content type and the JSON parse: the schema and the store are reached too.
      expect([...seen].sort()).toEqual(expect.arrayContaining(w.id ? [200, 400, 401, 415] : [400, 401, 415]));
    });
  }
});
