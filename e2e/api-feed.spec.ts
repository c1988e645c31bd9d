// Feed events through the API: a second production server on a temporary database seeded with the real
// GDELT exports by the importer CLI (the suite's own server keeps the curated database). Checks that
// feed events are their own kind — sourceType 'feed', no quotes, the story URL — and that the views
// (pages, one event, clusters, histogram) hold at a few thousand events. Figures come from the
// importer's --json summary and /api/events, never fixed counts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { allPages, checkClusters, checkHistogram, dayNum, everything, idsOf, isoOf, okJson, type EventFeature } from './api-views';

const ROOT = path.resolve(import.meta.dirname, '..');
const GDELT = ['20151027220000.export.CSV', '20180326044500.export.CSV'].map((f) => path.resolve(ROOT, '..', 'shared', 'gdelt', f));
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);
/** Beside the suite's server: 3101 in CI, 3401 next to E2E_PORT=3400. */
const PORT = Number(process.env.E2E_FEED_PORT ?? MAIN_PORT + 1);
const FEED_URL = `http://127.0.0.1:${PORT}`;
const MAIN_URL = `http://127.0.0.1:${MAIN_PORT}`;

interface ImportSummary { events: number; rows: number; skipped: Record<string, number> }

let tmp = '';
let server: ChildProcess | null = null;
let summary: ImportSummary;
let serverLog = '';

async function answering(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: FEED_URL });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  for (const f of GDELT) expect(existsSync(f), `${f}: the shared GDELT exports`).toBe(true);
  expect(await answering(`${FEED_URL}/api/articles?limit=1`), `port ${PORT} is already in use (set E2E_FEED_PORT)`).toBe(false);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-feed-'));
  const db = `file:${path.join(tmp, 'feed.db')}`;
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import-gdelt.ts', '--json', '--db', db, ...GDELT], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  summary = JSON.parse(r.stdout) as ImportSummary;
  expect(summary.events).toBeGreaterThan(0);
  // Its own process group, so the whole tree goes at the end.
  server = spawn(path.join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, DATABASE_URL: db, PORT: String(PORT), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr!.on('data', (d: Buffer) => void (serverLog += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!(await answering(`${FEED_URL}/api/articles?limit=1`))) {
    expect(server.exitCode, `the feed server exited: ${serverLog}`).toBeNull();
    expect(Date.now() < deadline, `the feed server did not answer on ${PORT}: ${serverLog}`).toBe(true);
    await new Promise((res) => setTimeout(res, 250));
  }
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((res) => server!.once('exit', res));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((res) => setTimeout(res, 5000))]);
    if (server.exitCode === null) try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const isHttpUrl = (u: unknown) => {
  try {
    return typeof u === 'string' && ['http:', 'https:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
};

test.describe('feed events (GDELT) through the API', () => {
  let feed: EventFeature[];

  test('source=feed gives exactly the imported events, each a feed record with its story URL and no quotes', async ({ request }) => {
    feed = await everything(request, { source: 'feed' });
    expect(feed.length).toBe(summary.events);
    // Checked in plain code and asserted once: thousands of expect() steps would dominate the run.
    const wrong: string[] = [];
    for (const f of feed) {
      const p = f.properties;
      const rec = p.feedSources?.[0];
      const [lng, lat] = f.geometry.coordinates;
      if (p.sourceType !== 'feed') wrong.push(`${p.id}: sourceType ${p.sourceType}`);
      if (!Array.isArray(p.sources) || p.sources.length !== 0) wrong.push(`${p.id}: sources ${JSON.stringify(p.sources)}`);
      if (!rec) wrong.push(`${p.id}: no feedSources`);
      else {
        if (rec.feed !== 'gdelt') wrong.push(`${p.id}: feed ${rec.feed}`);
        if (p.id !== `gdelt-${rec.recordId}`) wrong.push(`${p.id}: recordId ${rec.recordId}`);
        if (!isHttpUrl(rec.url)) wrong.push(`${p.id}: url ${rec.url}`);
      }
      if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) wrong.push(`${p.id}: position ${lng},${lat}`);
    }
    expect(wrong).toEqual([]);
    const summaries = await everything(request, { source: 'feed', fields: 'summary' });
    expect(idsOf(summaries)).toEqual(idsOf(feed));
    expect(summaries.filter((s) => s.properties.sourceType !== 'feed').map((s) => s.properties.id)).toEqual([]);
  });

  test('the curated events are still there, as articles, the same as on the curated server', async ({ request }) => {
    const articles = await everything(request, { source: 'article' });
    for (const e of articles) expect(e.properties.sourceType).toBe('article');
    const all = await everything(request);
    expect(all.length).toBe(articles.length + summary.events);
    const main = await okJson<{ features: EventFeature[] }>(await request.get(`${MAIN_URL}/api/events?source=article&limit=5000`));
    expect(idsOf(articles)).toEqual(idsOf(main.features));
  });

  test('/api/events/{gdelt id} is the same feed event as in the list', async ({ request }) => {
    for (const f of [feed[0]!, feed[Math.floor(feed.length / 2)]!, feed.at(-1)!]) {
      const one = await okJson<EventFeature>(await request.get(`/api/events/${f.properties.id}`));
      expect(one).toEqual(f);
    }
    expect((await request.get('/api/events/gdelt-1')).status()).toBe(404);
  });

  test('pages over thousands of events: cursors walk each event once, on both query plans', async ({ request }) => {
    const walked = await allPages(request, { source: 'feed' }, 997);
    expect(idsOf(walked.features)).toEqual(idsOf(feed));
    // A small box and a short window go through the R*Tree; pick them where feed events are dense.
    const [lng, lat] = feed[Math.floor(feed.length / 2)]!.geometry.coordinates;
    const day = feed[Math.floor(feed.length / 2)]!.properties.start;
    const narrow = { bbox: [lng - 20, lat - 15, lng + 20, lat + 15].map((v, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, v))).join(','), from: isoOf(dayNum(day) - 30), to: isoOf(dayNum(day) + 30) };
    const expected = await everything(request, narrow);
    expect(expected.length).toBeGreaterThan(3);
    // Small pages, but no more than about 25 of them.
    const limit = Math.max(3, Math.ceil(expected.length / 25));
    const narrowWalk = await allPages(request, narrow, limit);
    expect(idsOf(narrowWalk.features)).toEqual(idsOf(expected));
    expect(narrowWalk.pages).toBeGreaterThan(1);
  });

  test('clusters and histogram add up to the feed events', async ({ request }) => {
    for (const zoom of [1, 4, 9]) await checkClusters(request, { source: 'feed' }, '-180,-90,180,90', zoom);
    const from = feed[0]!.properties.start;
    const to = feed.at(-1)!.properties.end;
    const days = dayNum(to) - dayNum(from) + 1;
    await checkHistogram(request, { source: 'feed' }, from, to, Math.max(1, Math.ceil(days / 200)));
    const latest = feed.at(-1)!.properties.start;
    await checkHistogram(request, { source: 'feed' }, isoOf(dayNum(latest) - 6), latest, 1);
  });
});
