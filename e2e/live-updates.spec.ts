// Open maps learn of new data (issue 8.5): another process writes to the database a server reads (here
// the GDELT importer CLI), and a map already open says so within seconds, without a reload, and shows
// it on request. Runs on its own server over a temporary database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { GDELT } from './feed-server';
import { getJson, openMap, snapshot } from './helpers';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;

let server: { url: string; stop(): Promise<void> };
let tmp: string;
let db: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-live-'));
  db = `file:${path.join(tmp, 'live.db')}`;
  // Two server processes, as `npm start` runs on two cores: each learns of the other process's writes.
  server = await startServer({ port: PORT, env: { DATABASE_URL: db, WEB_CONCURRENCY: '2' }, timeoutMs: 120_000 });
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a map left open learns of events written by another process, and shows them on request', async ({ page, request }) => {
  await openMap(page, `${server.url}/?map=1/20/0&from=2015-10-01&to=2015-10-31`, { events: false });
  const before = await snapshot(page);
  await expect(page.getByTestId('new-data')).toHaveCount(0);

  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import-gdelt.ts', '--json', '--db', db, GDELT[0]!], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const imported = (JSON.parse(r.stdout) as { events: number }).events;
  expect(imported).toBeGreaterThan(0);

  // Nothing moves under the reader: the notice offers the new data, the map still shows the old.
  const notice = page.getByTestId('new-data');
  await expect(notice).toHaveText(`${imported} new events — show`, { timeout: 10_000 });
  expect((await snapshot(page)).drawn).toEqual(before.drawn);

  await notice.click();
  await expect(notice).toHaveCount(0);
  const inRange = (await getJson<{ count: number }>(request, `${server.url}/api/events/count?from=2015-10-01&to=2015-10-31`)).count;
  expect(inRange).toBeGreaterThan(before.drawn.eventCount);
  await expect(page.getByTestId('range-count')).toContainText(`${inRange} events`);
  expect((await snapshot(page)).drawn.eventCount).toBe(inRange);
});
