// Opens the SQLite store named by DATABASE_URL and brings the curated files into it. The curated import
// is idempotent by content hash: an unchanged data/ and seeds/ cost a few file reads; any edit replaces
// the whole curated set in one transaction (so a removed event disappears too).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog, readRawCatalog } from '../catalog';
import { SqliteStore } from './sqlite';

export const DEFAULT_DATABASE_URL = 'file:.data/situation-map.db';
const HASH_PREFIX = 'curated-hash:';

/** `file:PATH` (relative to the working directory) or `:memory:` / `file::memory:`. */
export function databaseFilename(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL must be file:PATH or :memory: for SQLite, got ${JSON.stringify(url)}`);
  const p = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
  if (!p) throw new Error('DATABASE_URL file: needs a path');
  return p;
}

export interface CreateStoreOptions {
  /** project root holding data/ and seeds/ */
  root?: string;
  /** false skips the curated import (the bench and GDELT-only tools) */
  curated?: boolean;
}

export function createStore(databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, opts: CreateStoreOptions = {}): SqliteStore {
  const store = new SqliteStore({ filename: databaseFilename(databaseUrl) });
  try {
    if (opts.curated !== false) importCurated(store, opts.root ?? process.cwd());
  } catch (e) {
    store.closeSync();
    throw e;
  }
  return store;
}

/** The curated files that make up the catalog, as paths relative to the root. */
export function curatedFiles(root: string): string[] {
  const list = (dir: string, ext: string) =>
    readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => `${dir}/${f}`);
  return [...list('data', '.json'), ...list('seeds', '.txt')];
}

export interface CuratedImport {
  changed: string[];
  imported: boolean;
}

/** Applies data/ and seeds/ when their content differs from what the store last imported. */
export function importCurated(store: SqliteStore, root: string): CuratedImport {
  const hashes: Record<string, string> = {};
  for (const f of curatedFiles(root)) hashes[f] = createHash('sha256').update(readFileSync(path.join(root, f))).digest('hex');
  const stored = store.metaWithPrefix(HASH_PREFIX);
  const changed = Object.keys(hashes).filter((f) => stored[HASH_PREFIX + f] !== hashes[f]);
  const removed = Object.keys(stored).filter((k) => !(k.slice(HASH_PREFIX.length) in hashes));
  if (changed.length === 0 && removed.length === 0) return { changed: [], imported: false };

  // The catalog validates the whole set together (cross-references span files), so any change rebuilds it.
  const catalog = buildCatalog(readRawCatalog(root));
  const meta: Record<string, string | null> = {};
  for (const [f, h] of Object.entries(hashes)) meta[HASH_PREFIX + f] = h;
  for (const k of removed) meta[k] = null;
  store.writeBatchSync({
    origin: 'curated',
    replaceOrigin: true,
    articles: catalog.articles.map(({ eventIds: _e, movementIds: _m, ...a }) => a),
    actors: catalog.actors,
    events: catalog.events,
    movements: catalog.movements,
    meta,
  });
  return { changed: [...changed, ...removed.map((k) => k.slice(HASH_PREFIX.length))], imported: true };
}
