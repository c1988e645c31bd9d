// Issue 10, nothing lost, through the API: a server of its own over a temporary database, with writing
// switched on by INGEST_TOKEN (as e2e/ingest-api.spec.ts). Fifty articles from five clients at once with
// the ingest CLI writing to the same file beside them; the server killed with SIGKILL while POSTs are in
// flight, then restarted and the batch posted again; a backup taken while the server ingests, restored
// into a second server that must answer as the first did at the backup's revision. Every article is
// written for the test (scripts/test-articles.mjs): happening i is one raid, each report of it another
// wording, so the right outcome is one event per happening citing every report of it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from './fixtures';
import { consistencyProblems } from '../lib/store/consistency';
import { testArticle, type TestArticle } from '../scripts/test-articles.mjs';
// @ts-expect-error -- a plain ES module without type declarations
import { ROOT, startServer } from '../scripts/server.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 8;
const RESTORED_PORT = PORT + 1;
const TOKEN = 'e2e-nothing-lost-token';
/** the curated data every new database starts with */
const CURATED = { articles: 5, events: 27 };

type Server = { url: string; pid: number; stop(): Promise<void> };
let tmp: string;
const servers: Server[] = [];

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-nothing-lost-'));
});
test.afterAll(async () => {
  for (const s of servers) await s.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function serve(db: string, port = PORT, token: string | null = TOKEN): Promise<Server> {
  // An earlier test's server on the port would answer the new one's readiness probe in its place.
  for (const old of servers.filter((x) => x.url.endsWith(`:${port}`))) {
    await old.stop();
    servers.splice(servers.indexOf(old), 1);
  }
  // Many writes from one client within a minute: this spec is about losing none, not about the rate limit.
  const s = (await startServer({ port, env: { DATABASE_URL: `file:${db}`, RATE_LIMIT_WRITES_PER_MIN: '0', ...(token ? { INGEST_TOKEN: token } : {}) }, timeoutMs: 120_000 })) as Server;
  servers.push(s);
  return s;
}

/** One POST; a connection cut by the kill is status 0. */
async function post(server: Server, a: TestArticle): Promise<{ status: number; body: { id?: string; existing?: string; error?: string } }> {
  try {
    const r = await fetch(`${server.url}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(a.article) });
    return { status: r.status, body: (await r.json()) as { id?: string } };
  } catch {
    return { status: 0, body: {} };
  }
}

const getJson = async <T>(server: Server, p: string): Promise<T> => {
  const r = await fetch(server.url + p);
  expect(r.status, p).toBe(200);
  return (await r.json()) as T;
};

interface Health {
  revision: string;
  counts: { events: number; movements: number };
}
interface FullEvent {
  properties: { id: string; start: string; corroboration: number; sources: { article: string }[] };
}

/** The batch's events (all dated 2025 on, the curated ones before): per event, the articles it cites. */
async function batchEvents(server: Server): Promise<{ id: string; articles: string[]; corroboration: number }[]> {
  const page = await getJson<{ features: FullEvent[]; nextCursor: string | null }>(server, '/api/events?from=2025-01-01&limit=5000');
  expect(page.nextCursor).toBeNull();
  return page.features.map((f) => ({ id: f.properties.id, articles: [...new Set(f.properties.sources.map((s) => s.article))].sort(), corroboration: f.properties.corroboration }));
}

async function articleCount(server: Server): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page: { articles: unknown[]; nextCursor: string | null } = await getJson(server, `/api/articles?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    n += page.articles.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

/**
 * Each happening one event, citing exactly the articles that report it (their ids by text), counted
 * once each: nothing lost, nothing doubled, no merge missed or made twice.
 */
function expectGrouping(events: { articles: string[]; corroboration: number }[], reports: Map<number, Set<string>>): void {
  const want = [...reports.values()].map((ids) => [...ids].sort().join('+')).sort();
  expect(events.map((e) => e.articles.join('+')).sort()).toEqual(want);
  for (const e of events) expect(e.corroboration, e.articles.join('+')).toBe(e.articles.length);
}

/** The ingest CLI on the same database file, as `npx tsx scripts/ingest.ts` runs it. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('50 concurrent ingests from 5 clients, duplicates among them and the CLI writing beside them: none lost, none doubled', async () => {
  test.setTimeout(300_000);
  const db = path.join(tmp, 'concurrent.db');
  const server = await serve(db);
  // Happenings 0..24, two reports each, dealt round the clients so both reports of one are in flight at once.
  const batch = Array.from({ length: 50 }, (_, k) => testArticle(k % 25, Math.floor(k / 25)));
  const dupes = [batch[0]!, batch[0]!, batch[31]!, batch[31]!, batch[31]!];
  // Reports 3 and 4 of happenings 0..9 through the CLI at the same time: they merge into the API's events.
  const inbox = path.join(tmp, 'cli-inbox');
  mkdirSync(inbox);
  const cliBatch = Array.from({ length: 20 }, (_, k) => testArticle(k % 10, 2 + Math.floor(k / 10)));
  // And ten texts the clients post too (the last each client sends), first in the CLI's order: the
  // server and the CLI may both be extracting one of them at once, and only one may store it.
  const shared = batch.slice(40);
  [...shared, ...cliBatch].forEach((a, k) => writeFileSync(path.join(inbox, `${String(k).padStart(2, '0')}.json`), JSON.stringify(a.article)));

  const clients = Array.from({ length: 5 }, (_, c) => [...batch.filter((_, k) => k % 5 === c), ...dupes.filter((_, k) => k % 5 === c)]);
  const [results, cliRun] = await Promise.all([Promise.all(clients.map((mine) => Promise.all(mine.map((a) => post(server, a).then((r) => ({ a, ...r })))))), cli(['scripts/ingest.ts', '--json', '--db', `file:${db}`, inbox])]);

  expect(cliRun.code, cliRun.stderr).toBe(0);
  const cliSummary = JSON.parse(cliRun.stdout) as { articles: number; ingested: number; refused: unknown[]; already: { input: string }[]; results: { input: string; id: string }[] };
  expect(cliSummary).toMatchObject({ articles: 30, refused: [] });
  const cliStored = new Set(cliSummary.results.map((x) => x.input.slice(-7)));
  const all = results.flat();
  expect(all.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${JSON.stringify(r.body)}`), 'only 201 and 409').toEqual([]);
  // One 201 per distinct text; every other copy is a 409 naming the stored article.
  const reports = new Map<number, Set<string>>();
  const reportsOf = (h: number) => reports.get(h) ?? reports.set(h, new Set()).get(h)!;
  const byText = new Map<string, typeof all>();
  for (const r of all) byText.set(r.a.article.text, [...(byText.get(r.a.article.text) ?? []), r]);
  expect(byText.size).toBe(50);
  for (const [text, rs] of byText) {
    const created = rs.filter((r) => r.status === 201);
    const k = shared.findIndex((a) => a.article.text === text);
    // A shared text is stored once: by a client (201) or by the CLI (ingested), never by both.
    const byCli = k >= 0 && cliStored.has(`${String(k).padStart(2, '0')}.json`);
    expect(created.length + (byCli ? 1 : 0), text.slice(0, 60)).toBe(1);
    const id = byCli ? cliSummary.results.find((x) => x.input.endsWith(`${String(k).padStart(2, '0')}.json`))!.id : created[0]!.body.id;
    for (const r of rs.filter((x) => x.status === 409)) expect(r.body.existing).toBe(id);
    if (byCli) reportsOf(rs[0]!.a.happening).add(id!);
  }
  expect(cliSummary.ingested + cliSummary.already.length).toBe(30);

  for (const r of all.filter((x) => x.status === 201)) reportsOf(r.a.happening).add(r.body.id!);
  for (const [k, a] of cliBatch.entries()) reportsOf(a.happening).add(cliSummary.results.find((x) => x.input.endsWith(`${String(k + shared.length).padStart(2, '0')}.json`))!.id);
  expectGrouping(await batchEvents(server), reports);
  expect(await articleCount(server)).toBe(CURATED.articles + 50 + 20);
  expect((await getJson<Health>(server, '/api/health')).counts.events).toBe(CURATED.events + 25);
});

test('the server killed with SIGKILL while POSTs are in flight: consistent, nothing acknowledged lost, a re-post finishes the batch', async () => {
  test.setTimeout(300_000);
  const db = path.join(tmp, 'killed.db');
  let server = await serve(db);
  const batch = Array.from({ length: 60 }, (_, k) => testArticle(k % 30, Math.floor(k / 30)));
  const acknowledged = new Set<string>();
  let killed = false;
  // Four clients take the next article as soon as their last answer is in; the kill comes mid-stream.
  let next = 0;
  const worker = async () => {
    while (!killed && next < batch.length) {
      const r = await post(server, batch[next++]!);
      if (r.status === 201) acknowledged.add(r.body.id!);
      else if (r.status !== 0) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
      if (acknowledged.size >= 15 && !killed) {
        killed = true;
        process.kill(-server.pid, 'SIGKILL');
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  expect(killed).toBe(true);
  // The dead group must be gone before the file is read and a new server takes the port.
  await server.stop();
  expect(next, 'the kill came mid-batch').toBeLessThan(batch.length);

  const file = new Database(db, { readonly: true });
  try {
    expect(consistencyProblems(file, { everyArticleHasEvents: true })).toEqual([]);
    const stored = new Set(file.prepare("SELECT id FROM articles WHERE origin = 'ingest'").pluck().all() as string[]);
    // A 201 was sent only after its commit: every acknowledged article survived the kill.
    for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
  } finally {
    file.close();
  }

  server = await serve(db);
  const reports = new Map<number, Set<string>>();
  let next2 = 0;
  const again = async () => {
    while (next2 < batch.length) {
      const a = batch[next2++]!;
      const r = await post(server, a);
      // 409 only for what the first run stored; the rest go in now.
      expect([201, 409], JSON.stringify(r.body)).toContain(r.status);
      const id = r.status === 201 ? r.body.id! : r.body.existing!;
      reports.set(a.happening, new Set([...(reports.get(a.happening) ?? []), id]));
    }
  };
  await Promise.all([again(), again(), again(), again()]);
  expect(await articleCount(server)).toBe(CURATED.articles + 60);
  expectGrouping(await batchEvents(server), reports);
  expect((await getJson<Health>(server, '/api/health')).counts.events).toBe(CURATED.events + 30);
});

test('a backup taken while the server ingests, restored into another server, answers as the source did at its revision', async () => {
  test.setTimeout(300_000);
  const db = path.join(tmp, 'live.db');
  const source = await serve(db);
  const urls = ['/api/health', '/api/events/count?from=2025-01-01&to=2026-12-31', '/api/events?fields=summary&order=desc&limit=100&bbox=-20,20,60,60&from=2025-01-01&to=2026-12-31', '/api/events?from=2025-01-01&limit=1000'];
  /** the source's answers at each revision, read between two writes (this test is the only writer) */
  const answers = new Map<string, string[]>();
  const capture = async () => {
    const got = await Promise.all(urls.map(async (u) => JSON.stringify(await getJson(source, u))));
    answers.set((JSON.parse(got[0]!) as Health).revision, got);
  };
  await capture();
  let until = Infinity;
  let posted = 0;
  const ingesting = (async () => {
    for (let i = 0; posted < until; i++) {
      expect((await post(source, testArticle(100 + i))).status).toBe(201);
      posted++;
      await capture();
    }
  })();
  // Let the ingest get going, back up mid-stream, and let it go on past the backup.
  await expect.poll(() => posted, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const file = path.join(tmp, 'backup.db');
  const backup = await cli(['scripts/backup.ts', '--json', '--db', `file:${db}`, file]);
  until = posted + 2;
  await ingesting;
  expect(backup.code, backup.stderr).toBe(0);
  const b = JSON.parse(backup.stdout) as { revision: string; bytes: number; counts: { articles: number; events: number } };
  expect(b.bytes).toBeGreaterThan(0);

  const at = answers.get(b.revision);
  expect(at, `the backup's revision ${b.revision} is one the source went through`).toBeDefined();
  const latest = (await getJson<Health>(source, '/api/health')).revision;
  expect(latest, 'the source moved on past the backup').not.toBe(b.revision);

  // A second backup to the same file is refused; nothing there changes.
  const refused = await cli(['scripts/backup.ts', '--db', `file:${db}`, file]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/already exists/);

  const restored = await serve(file, RESTORED_PORT, null);
  const got = await Promise.all(urls.map(async (u) => JSON.stringify(await getJson(restored, u))));
  for (const [k, u] of urls.entries()) expect(got[k], u).toBe(at![k]);
  expect(b.counts.articles).toBe(await articleCount(restored));
});
