// Issue 10, nothing lost: the ingest CLI killed with SIGKILL in the middle of a batch, several times,
// then run again; and two CLIs writing the same batch into one database at once. Real processes on a
// real file, checked against the same batch ingested in-process one article at a time: after every kill
// the database is exactly that reference after as many articles as it holds (an article is all there or
// not at all), and the re-run finishes the batch without refusing what is already in.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../lib/ingest/write';
import { consistencyProblems } from '../lib/store/consistency';
import { createStore } from '../lib/store/index-sqlite';
import type { Page } from '../lib/store/contract';
import type { SqliteStore } from '../lib/store/sqlite';
import type { EventFeature } from '../lib/types';
import type { Summary } from './ingest';
import { testBatch } from './test-articles.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BATCH = 60;
/** two reports of each happening: the second half of the batch merges into the first half's events */
const REPORTS = 2;
/** kill once the database holds this many of the batch's articles (and whatever is in flight then) */
const KILL_AT = [5, 22, 41];

let dir: string;
let inbox: string;
/** the reference: fingerprints after 0..BATCH articles, in the batch's order */
const reference: Fingerprint[] = [];

interface Fingerprint {
  articles: string[];
  /** each event of the batch's dates: id, the articles citing it, corroboration */
  events: [string, string[], number][];
}

function fingerprint(store: SqliteStore): Fingerprint {
  const articles = store.db.prepare("SELECT id FROM articles WHERE origin = 'ingest' ORDER BY id").pluck().all() as string[];
  const page = store.eventsSync({ from: '2025-01-01' }, { limit: 5000, fields: 'full' }) as Page<EventFeature>;
  const events = page.items.map((f): [string, string[], number] => [f.properties.id, [...new Set(f.properties.sources.map((s) => s.article))].sort(), f.properties.corroboration]);
  return { articles, events: events.sort((a, b) => a[0].localeCompare(b[0])) };
}

function checkConsistent(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    // Every article of this batch reports a raid: one that no event cites was written without its events.
    expect(consistencyProblems(db, { everyArticleHasEvents: true })).toEqual([]);
  } finally {
    db.close();
  }
}

function ingestedCount(file: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    return db.prepare("SELECT count(*) FROM articles WHERE origin = 'ingest'").pluck().get() as number;
  } catch {
    return 0; // not created yet, or the schema not yet migrated
  } finally {
    db?.close();
  }
}

/**
 * The CLI as `npx tsx scripts/ingest.ts` runs it, without npx's wrappers: one node process in a group of
 * its own, so SIGKILL reaches everything it started. `killAt`: SIGKILL once the database holds that many.
 */
function cli(args: string[], opts: { killAt?: number; file?: string } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timer: NodeJS.Timeout | undefined;
    if (opts.killAt !== undefined) {
      timer = setInterval(() => {
        if (ingestedCount(opts.file!) >= opts.killAt!) {
          clearInterval(timer);
          process.kill(-child.pid!, 'SIGKILL');
        }
      }, 15);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-ingest-crash-'));
  inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  const batch = testBatch(BATCH, REPORTS);
  // Zero-padded names: the CLI reads a directory in name order, the reference's order.
  batch.forEach(({ article }, i) => writeFileSync(path.join(inbox, `${String(i).padStart(3, '0')}.json`), JSON.stringify(article)));
  const store = createStore(':memory:');
  try {
    reference.push(fingerprint(store));
    for (const { article } of batch) {
      await ingestArticle(store, article);
      reference.push(fingerprint(store));
    }
  } finally {
    store.closeSync();
  }
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the ingest CLI killed with SIGKILL mid-batch', () => {
  it('leaves every article all there or absent, and a re-run finishes the batch with no duplicates', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'crash.db');
    const url = `file:${file}`;
    expect(reference[BATCH]!.articles).toHaveLength(BATCH);
    // Each happening is one event whatever its reports: the merge is part of what must survive.
    expect(reference[BATCH]!.events).toHaveLength(BATCH / REPORTS);
    expect(reference[BATCH]!.events.every(([, arts, n]) => arts.length === REPORTS && n === REPORTS)).toBe(true);

    let before = 0;
    for (const at of KILL_AT) {
      const r = await cli(['--json', '--db', url, inbox], { killAt: at, file });
      expect(r.signal, `killed at ${at}: ${r.stderr}`).toBe('SIGKILL');
      checkConsistent(file);
      const store = createStore(url, { curated: false });
      const now = fingerprint(store);
      store.closeSync();
      const n = now.articles.length;
      expect(n, 'the kill came after the article it waited for').toBeGreaterThanOrEqual(at);
      expect(n, 'the batch was still running when killed').toBeLessThan(BATCH);
      expect(n).toBeGreaterThanOrEqual(before);
      // Exactly the state after the batch's first n articles: nothing half-written, nothing lost.
      expect(now).toEqual(reference[n]);
      before = n;
    }

    const rest = await cli(['--json', '--db', url, inbox]);
    expect(rest.code, rest.stderr).toBe(0);
    const s = JSON.parse(rest.stdout) as Summary;
    expect(s).toMatchObject({ articles: BATCH, ingested: BATCH - before, refused: [] });
    expect(s.already).toHaveLength(before);
    checkConsistent(file);
    const store = createStore(url, { curated: false });
    const revision = store.revisionSync();
    expect(fingerprint(store)).toEqual(reference[BATCH]);
    store.closeSync();

    // A third run has nothing to do: exit 0, every article "already there", nothing written.
    const again = await cli(['--db', url, inbox]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`0 of ${BATCH} article\\(s\\) ingested, ${BATCH} already there, 0 refused`));
    const after = createStore(url, { curated: false });
    expect(after.revisionSync()).toBe(revision);
    after.closeSync();
  });

  it('two CLIs ingesting the same batch into one database at once: none lost, none doubled, merges right', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'both.db');
    const url = `file:${file}`;
    // The second CLI reads the batch in the opposite order, so the two meet in the middle.
    const reversed = path.join(dir, 'reversed');
    mkdirSync(reversed);
    testBatch(BATCH, REPORTS).forEach(({ article }, i) => writeFileSync(path.join(reversed, `${String(BATCH - i).padStart(3, '0')}.json`), JSON.stringify(article)));
    // The curated import first, so the two runs race on the batch, not on creating the file.
    createStore(url).closeSync();
    const [a, b] = await Promise.all([cli(['--json', '--db', url, inbox]), cli(['--json', '--db', url, reversed])]);
    for (const r of [a, b]) {
      expect(r.code, r.stderr + r.stdout.slice(0, 3000)).toBe(0);
      const s = JSON.parse(r.stdout) as Summary;
      expect(s.refused).toEqual([]);
      expect(s.ingested + s.already.length).toBe(BATCH);
    }
    expect((JSON.parse(a.stdout) as Summary).ingested + (JSON.parse(b.stdout) as Summary).ingested).toBe(BATCH);
    checkConsistent(file);
    const store = createStore(url, { curated: false });
    const got = fingerprint(store);
    store.closeSync();
    expect(got.articles).toEqual(reference[BATCH]!.articles);
    // Which report created an event depends on who came first; what each event gathered may not.
    const groups = (f: Fingerprint) => f.events.map(([, arts, n]) => `${arts.join('+')}×${n}`).sort();
    expect(groups(got)).toEqual(groups(reference[BATCH]!));
  });
});
