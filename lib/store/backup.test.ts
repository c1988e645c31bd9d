// The backup as a file: a copy that opens as the same store (same revision, same answers), made while
// this connection keeps writing, never over an existing file unless forced, never from memory.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestArticle } from '../ingest/write';
import { testBatch } from '../../scripts/test-articles.mjs';
import { backupStore } from './backup';
import { createStore } from './index-sqlite';
import type { SqliteStore } from './sqlite';

let dir: string;
let source: SqliteStore;
const file = () => path.join(dir, 'live.db');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-backup-'));
  source = createStore(`file:${file()}`);
  for (const { article } of testBatch(6)) await ingestArticle(source, article);
}, 120_000);
afterAll(() => {
  source?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('backupStore', () => {
  it('copies the store as it is: same revision, counts and answers', { timeout: 60_000 }, async () => {
    const r = await backupStore(file(), path.join(dir, 'copy.db'));
    expect(r.revision).toBe(source.revisionSync());
    expect(r.counts).toMatchObject({ articles: 11, events: 27 + 6 });
    expect(r.bytes).toBeGreaterThan(0);
    const copy = createStore(`file:${r.file}`);
    try {
      expect(copy.revisionSync()).toBe(source.revisionSync());
      const q = { from: '2025-01-01' };
      expect(await copy.countEvents(q)).toEqual(await source.countEvents(q));
      expect(await copy.events(q, { limit: 100, fields: 'full' })).toEqual(await source.events(q, { limit: 100, fields: 'full' }));
    } finally {
      copy.closeSync();
    }
    // Only the copy: no partial file or journal left beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('copy.db'))).toEqual(['copy.db']);
  });

  it('is one snapshot even while the source is written to between its steps', { timeout: 60_000 }, async () => {
    const before = source.revisionSync();
    const pending = backupStore(file(), path.join(dir, 'during.db'));
    // The backup steps on setImmediate: these writes land while it runs.
    const more = testBatch(9).slice(6);
    for (const { article } of more) await ingestArticle(source, article);
    const r = await pending;
    const after = source.revisionSync();
    const n = (rev: string) => Number(rev.split('-')[1]);
    expect(n(r.revision)).toBeGreaterThanOrEqual(n(before));
    expect(n(r.revision)).toBeLessThanOrEqual(n(after));
    // Whatever revision it caught, its counts are that revision's: articles went in one per revision.
    expect(r.counts.articles - 5).toBe(6 + n(r.revision) - n(before));
  });

  it('refuses an existing file unless forced, and an in-memory source', { timeout: 60_000 }, async () => {
    const target = path.join(dir, 'taken.db');
    writeFileSync(target, 'precious');
    await expect(backupStore(file(), target)).rejects.toThrow(/already exists/);
    expect(existsSync(target)).toBe(true);
    const r = await backupStore(file(), target, { force: true });
    expect(r.revision).toBe(source.revisionSync());
    await expect(backupStore(':memory:', path.join(dir, 'x.db'))).rejects.toThrow(/in-memory/);
    await expect(backupStore(file(), file(), { force: true })).rejects.toThrow(/itself/);
  });
});
