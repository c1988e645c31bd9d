// A second production server on a temporary database that the importer CLI seeded with the real GDELT
// exports in ../shared/gdelt (the suite's own server keeps the curated database). Used by the specs
// that check feed events, through the API and in the browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from './fixtures';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN_PORT = Number(process.env.E2E_PORT ?? 3100);
/** Ports of the feed servers: next to the suite's (3101, 3102 in CI). */
export const FEED_PORTS = { api: Number(process.env.E2E_FEED_PORT ?? MAIN_PORT + 1), map: MAIN_PORT + 2 } as const;
export const GDELT = ['20151027220000.export.CSV', '20180326044500.export.CSV'].map((f) => path.resolve(ROOT, '..', 'shared', 'gdelt', f));

export interface ImportSummary {
  events: number;
  rows: number;
  skipped: Record<string, number>;
}

export interface FeedServer {
  url: string;
  summary: ImportSummary;
  stop(): Promise<void>;
}

/** `port` beside the suite's server (each spec its own: the suite runs two workers). */
export async function startFeedServer(port: number): Promise<FeedServer> {
  for (const f of GDELT) expect(existsSync(f), `${f}: the shared GDELT exports`).toBe(true);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-feed-'));
  const db = `file:${path.join(tmp, 'feed.db')}`;
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/import-gdelt.ts', '--json', '--db', db, ...GDELT], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const summary = JSON.parse(r.stdout) as ImportSummary;
  expect(summary.events).toBeGreaterThan(0);
  // Its own process group: stop() ends whatever the server spawned too.
  const server = (await startServer({ port, env: { DATABASE_URL: db }, timeoutMs: 120_000 })) as { url: string; stop(): Promise<void> };
  return {
    url: server.url,
    summary,
    async stop() {
      await server.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
