// An online backup of the SQLite store: SQLite's backup API (better-sqlite3's db.backup) copies the
// pages of one consistent snapshot while the server goes on reading and writing. Written beside the
// target and renamed into place, so a backup cut short never leaves a truncated file under its name.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { revisionOf } from './sqlite';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  seconds: number;
  /** the store's revision in the copy: what /api/health of a server restored from it answers */
  revision: string;
  counts: { articles: number; events: number; movements: number; actors: number };
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The whole database in as few steps as SQLite allows: see backupStore. */
const ALL_PAGES = 0x7fffffff;

export async function backupStore(source: string, target: string, opts: { force?: boolean } = {}): Promise<BackupResult> {
  if (source === ':memory:') throw new BackupError('an in-memory database has nothing to back up');
  if (!existsSync(source)) throw new BackupError(`${source}: no such database`);
  const dest = path.resolve(target);
  if (path.resolve(source) === dest) throw new BackupError('the backup would overwrite the database itself');
  if (existsSync(dest) && !opts.force) throw new BackupError(`${target} already exists (--force replaces it)`);
  if (!existsSync(path.dirname(dest))) throw new BackupError(`${path.dirname(target)}: no such directory`);

  const partial = `${dest}.partial-${process.pid}`;
  const t0 = performance.now();
  // Read-only: a backup never migrates or writes the live file; the server may hold it for writing.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    // A write by another connection between two steps restarts the copy from the first page; a server
    // ingesting every 100 ms would keep a step-by-step copy restarting. One step copies every page under
    // one read transaction (in WAL mode that blocks no writer) and so is one snapshot.
    const r = await db.backup(partial, { progress: () => ALL_PAGES });
    pages = r.totalPages;
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }

  let result: Omit<BackupResult, 'file' | 'bytes' | 'seconds'>;
  const copy = new Database(partial);
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy failed its check: ${String(check)}`);
    // The restored file is opened in WAL mode by the server anyway; as one file it is easier to move.
    copy.pragma('journal_mode = DELETE');
    const n = (table: string) => copy.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    result = { pages, revision: revisionOf(copy), counts: { articles: n('articles'), events: n('events'), movements: n('movements'), actors: n('actors') } };
  } catch (e) {
    copy.close();
    rmSync(partial, { force: true });
    throw e;
  }
  copy.close();
  for (const suffix of ['-wal', '-shm']) rmSync(dest + suffix, { force: true });
  renameSync(partial, dest);
  return { file: dest, bytes: statSync(dest).size, seconds: (performance.now() - t0) / 1000, ...result };
}
