// Another process holding the database's write lock past the busy timeout (a long import, the CLI in
// the middle of a batch) is a moment's unavailability: the write routes answer 503 with Retry-After and
// write nothing, never a 500; once the lock is free the same request goes through.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../store/contract';
import { createStore } from '../store/index-sqlite';
import type { SqliteStore } from '../store/sqlite';
import { testArticle } from '../../scripts/test-articles.mjs';

vi.mock('server-only', () => ({}));

const holder = globalThis as unknown as { __situationMapStore?: Store };
const TOKEN = 'test-token-busy';
let dir: string;
let store: SqliteStore;
let other: Database.Database;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-busy-'));
  store = createStore(`file:${path.join(dir, 'x.db')}`);
  // The real 5 s, shortened so the test waits less: what is tested is what happens when it runs out.
  store.db.pragma('busy_timeout = 300');
  holder.__situationMapStore = store;
  other = new Database(path.join(dir, 'x.db'));
  vi.stubEnv('INGEST_TOKEN', TOKEN);
}, 60_000);
afterAll(() => {
  vi.unstubAllEnvs();
  delete holder.__situationMapStore;
  other?.close();
  store?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown) => new Request('http://test/api/articles', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });

describe('a write while another process holds the lock', { timeout: 60_000 }, () => {
  it('POST /api/articles answers 503 with Retry-After and writes nothing, then 201 once the lock is free', async () => {
    const { POST } = await import('../../app/api/articles/route');
    const { article } = testArticle(0);
    const before = store.revisionSync();
    other.exec('BEGIN IMMEDIATE');
    let r: Response;
    try {
      r = await POST(post(article));
    } finally {
      other.exec('ROLLBACK');
    }
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(((await r.json()) as { error: string }).error).toMatch(/busy/);
    expect(store.revisionSync()).toBe(before);
    expect((await POST(post(article))).status).toBe(201);
  });

  it('a review answers 503 the same way', async () => {
    const { POST } = await import('../../app/api/events/[id]/review/route');
    const id = (store.db.prepare("SELECT id FROM events WHERE origin = 'ingest' LIMIT 1").pluck().get() as string);
    const req = () => new Request(`http://test/api/events/${id}/review`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ state: 'accepted' }) });
    const ctx = { params: Promise.resolve({ id }) } as never;
    other.exec('BEGIN IMMEDIATE');
    let r: Response;
    try {
      r = await POST(req(), ctx);
    } finally {
      other.exec('ROLLBACK');
    }
    expect(r.status).toBe(503);
    expect((await POST(req(), ctx)).status).toBe(200);
  });
});
