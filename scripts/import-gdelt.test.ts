// The GDELT importer as a user runs it: `tsx scripts/import-gdelt.ts` (what `npm run import:gdelt` and
// `npx tsx` resolve to) against a temporary database, reading the two real exports beside the project
// (../shared/gdelt, never copied into the repo). Expected figures are computed from the raw files here,
// independently of the parser, never written down.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../lib/store/sqlite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = path.resolve(ROOT, '..', 'shared', 'gdelt');
const FILES = ['20151027220000.export.CSV', '20180326044500.export.CSV'].map((f) => path.join(SHARED, f));
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'scripts', 'import-gdelt.ts');

interface Summary {
  files: { file: string; rows: number; events: number }[];
  rows: number;
  events: number;
  new: number;
  skipped: { 'no-coordinates': number; 'unmapped-code': number; 'no-source-url': number };
  seconds: number;
  rowsPerSecond: number;
  revision: string;
}

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'file:/nonexistent-dir-guard/never.db' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function runJson(args: string[]): Summary {
  const r = run(['--json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

/** What the raw export holds, read as plain TSV: GLOBALEVENTID (column 0) and whether ActionGeo_Lat/Long (56, 57) are present. */
function rawRows(file: string): { id: string; located: boolean }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const c = l.replace(/\r$/, '').split('\t');
      return { id: c[0]!, located: c[56] !== '' && c[57] !== '' };
    });
}

/** The feed events a database holds, and its revision. */
function dbState(dbFile: string): { revision: string; feed: number; all: number } {
  const store = new SqliteStore({ filename: dbFile });
  try {
    return { revision: store.revisionSync(), feed: store.countSync({ sourceTypes: ['feed'] }), all: store.countSync({}) };
  } finally {
    store.closeSync();
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-import-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run import:gdelt', () => {
  const dbFile = path.join(tmp, 'main.db');
  const db = `file:${dbFile}`;
  const raw = FILES.map(rawRows);
  let first: Summary;

  beforeAll(() => {
    for (const f of FILES) expect(existsSync(f), `${f} (the shared GDELT exports)`).toBe(true);
    first = runJson(['--db', db, ...FILES]);
  }, 60_000);

  it('--json prints a summary: files, rows, imported events, rows skipped without coordinates', () => {
    expect(first.files.map((f) => f.file)).toEqual(FILES);
    first.files.forEach((f, i) => expect(f.rows, f.file).toBe(raw[i]!.length));
    expect(first.rows).toBe(raw.flat().length);
    expect(first.skipped['no-coordinates']).toBe(raw.flat().filter((r) => !r.located).length);
    expect(first.events).toBe(first.files.reduce((a, f) => a + f.events, 0));
    // Every row is imported or counted under exactly one skip reason.
    expect(first.events + Object.values(first.skipped).reduce((a, b) => a + b, 0)).toBe(first.rows);
    expect(first.events).toBeGreaterThan(0);
    // A fresh database: everything imported is new (the two files share no GLOBALEVENTID).
    expect(new Set(raw.flat().map((r) => r.id)).size).toBe(raw.flat().length);
    expect(first.new).toBe(first.events);
    expect(first.revision).toMatch(/^[0-9a-f]+-\d+$/);
    expect(first.seconds).toBeGreaterThanOrEqual(0);
  });

  it('the database holds exactly the located rows, as feed events gdelt-<GLOBALEVENTID>', async () => {
    const state = dbState(dbFile);
    expect(state.feed).toBe(first.events);
    expect(state.revision).toBe(first.revision);
    const store = new SqliteStore({ filename: dbFile });
    try {
      const located = raw.flat().find((r) => r.located)!;
      const e = await store.getEvent(`gdelt-${located.id}`);
      expect(e?.properties).toMatchObject({ sourceType: 'feed', sources: [], feedSources: [{ feed: 'gdelt', recordId: located.id }] });
      const unlocated = raw.flat().find((r) => !r.located);
      if (unlocated) expect(await store.getEvent(`gdelt-${unlocated.id}`)).toBeNull();
    } finally {
      store.closeSync();
    }
  });

  it('a second run imports nothing new (idempotent on GLOBALEVENTID)', async () => {
    const store = new SqliteStore({ filename: dbFile });
    const id = `gdelt-${raw[1]!.find((r) => r.located)!.id}`;
    const before = await store.getEvent(id);
    store.closeSync();
    const again = runJson(['--db', db, ...FILES]);
    expect(again.new).toBe(0);
    expect(again.events).toBe(first.events);
    expect(dbState(dbFile).feed).toBe(first.events);
    const after = new SqliteStore({ filename: dbFile });
    try {
      expect(await after.getEvent(id)).toEqual(before);
    } finally {
      after.closeSync();
    }
  }, 60_000);

  describe('a malformed file: non-zero exit, the file and line on stderr, the database unchanged', () => {
    const lines = readFileSync(FILES[0]!, 'utf8').split('\n');
    const cases: [string, () => string, RegExp][] = [
      ['ten columns', () => write('ten.export.CSV', `${Array.from({ length: 10 }, (_, i) => `c${i}`).join('\t')}\n`), /ten\.export\.CSV line 1: expected 61 tab-separated columns, found 10/],
      ['binary', () => write('binary.export.CSV', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))), /binary\.export\.CSV line \d+: expected 61/],
      ['a short row in the middle', () => write('short.export.CSV', [...lines.slice(0, 6), lines[6]!.split('\t').slice(0, 60).join('\t'), ...lines.slice(7)].join('\n')), /short\.export\.CSV line 7: expected 61 tab-separated columns, found 60/],
      ['a repeated GLOBALEVENTID', () => write('dup.export.CSV', [...lines.slice(0, 3), lines[1]!].join('\n')), /dup\.export\.CSV line 4: GLOBALEVENTID \d+ repeats line 2/],
      ['a bad date', () => write('date.export.CSV', lines[0]!.split('\t').map((v, i) => (i === 1 ? '20141399' : v)).join('\t')), /date\.export\.CSV line 1: SQLDATE/],
      ['not a zip', () => write('fake.export.CSV.zip', 'PK not really'), /fake\.export\.CSV\.zip: not a readable zip/],
      ['a directory', () => (mkdirSync(path.join(tmp, 'dir.export.CSV'), { recursive: true }), path.join(tmp, 'dir.export.CSV')), /dir\.export\.CSV: .*EISDIR/],
      ['a missing file', () => path.join(tmp, 'missing.export.CSV'), /missing\.export\.CSV: no such file/],
    ];
    function write(name: string, body: string | Buffer): string {
      const f = path.join(tmp, name);
      writeFileSync(f, body);
      return f;
    }
    it.each(cases)('%s', (_what, make, message) => {
      const before = dbState(dbFile);
      // After a good file that is not yet in the database: it must not land either.
      const fresh = path.join(tmp, `fresh-${_what.replace(/\W+/g, '-')}.export.CSV`);
      writeFileSync(fresh, lines.slice(0, 5).map((l) => l.replace(/^\d+/, (id) => String(Number(id) + 9_000_000_000))).join('\n'));
      const r = run(['--json', '--db', db, fresh, make()]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/nothing was imported/);
      expect(r.stdout).toBe('');
      expect(dbState(dbFile)).toEqual(before);
    }, 30_000);
  });

  it('reads a .CSV.zip exactly as the .CSV', () => {
    const zipped = path.join(tmp, '20180326044500.export.CSV.zip');
    writeFileSync(zipped, zipSync({ '20180326044500.export.CSV': readFileSync(FILES[1]!) }));
    const z = runJson(['--db', `file:${path.join(tmp, 'zip.db')}`, zipped]);
    const plain = first.files[1]!;
    expect(z.files).toEqual([{ file: zipped, rows: plain.rows, events: plain.events }]);
    expect(z.new).toBe(plain.events);
    expect(z.skipped['no-coordinates']).toBe(raw[1]!.filter((r) => !r.located).length);
    expect(dbState(path.join(tmp, 'zip.db')).feed).toBe(plain.events);
  }, 60_000);

  it('refuses a --db without a value or without file:, and touches no other database', () => {
    const cwd = mkdtempSync(path.join(tmp, 'cwd-'));
    for (const args of [[FILES[1]!, '--db'], ['--db=', FILES[1]!], ['--db', path.join(tmp, 'bare.db'), FILES[1]!]]) {
      const r = run(args, cwd);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--db/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
    expect(existsSync(path.join(cwd, '.data'))).toBe(false);
    expect(existsSync(path.join(tmp, 'bare.db'))).toBe(false);
  }, 30_000);
});
