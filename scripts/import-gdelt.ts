// npm run import:gdelt -- [--json] [--db file:PATH] FILE.export.CSV[.zip]...
// Every file is parsed and checked before the database is opened, and all files land in one transaction,
// so a malformed file (or a write the domain refuses) means no change at all; re-importing a file
// replaces its events by GDELT id.
import path from 'node:path';
import { parseGdeltExport, readGdeltFile, type GdeltParse, type SkipReason } from '../lib/feeds/gdelt';
import { createStore, databaseFilename } from '../lib/store/index-sqlite';
import type { SqliteStore } from '../lib/store/sqlite';

interface Args {
  files: string[];
  json: boolean;
  db?: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { files: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    if (v === '--json') a.json = true;
    else if (v === '--db' || v.startsWith('--db=')) {
      // Never fall back to the default database when the flag is given without a value.
      const db = v === '--db' ? argv[++i] : v.slice(5);
      if (!db || db.startsWith('-')) usage(2, '--db needs a value: file:PATH');
      a.db = db;
    }
    else if (v === '-h' || v === '--help') usage(0);
    else if (v.startsWith('-')) usage(2, `unknown option ${v}`);
    else a.files.push(v);
  }
  if (a.files.length === 0) usage(2, 'no files given');
  if (a.db !== undefined) {
    try {
      databaseFilename(a.db);
    } catch (e) {
      usage(2, `--db: ${(e as Error).message.replace(/^DATABASE_URL/, 'the database')}`);
    }
  }
  return a;
}

function usage(code: number, why?: string): never {
  if (why) process.stderr.write(`import-gdelt: ${why}\n`);
  process.stderr.write('usage: npm run import:gdelt -- [--json] [--db file:PATH] FILE.export.CSV[.zip]...\n');
  process.exit(code);
}

/** A one-line bar on stderr, only on a terminal (logs and --json consumers get none). */
function progress(label: string): (done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => {};
  return (done, total) => {
    const w = 30;
    const k = total ? Math.round((done / total) * w) : w;
    process.stderr.write(`\r${label.slice(-40).padEnd(40)} [${'#'.repeat(k)}${'.'.repeat(w - k)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const parsed: { file: string; result: GdeltParse }[] = [];
  for (const file of args.files) {
    try {
      parsed.push({ file, result: parseGdeltExport(readGdeltFile(file), path.basename(file), progress(`parse ${path.basename(file)}`)) });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // Format errors name the file and line already; a system error (missing file, a directory) gets the path.
      const msg = err.code === 'ENOENT' ? `${file}: no such file` : err.code ? `${file}: ${err.message}` : err.message;
      process.stderr.write(`import-gdelt: ${msg}\nimport-gdelt: nothing was imported\n`);
      process.exit(1);
    }
  }

  let store: SqliteStore;
  try {
    store = createStore(args.db ?? process.env.DATABASE_URL);
  } catch (e) {
    process.stderr.write(`import-gdelt: cannot open the database: ${(e as Error).message}\nimport-gdelt: nothing was imported\n`);
    process.exit(1);
  }
  const before = store.countSync({ sourceTypes: ['feed'] });
  const skipped: Record<SkipReason, number> = { 'no-coordinates': 0, 'unmapped-code': 0, 'no-source-url': 0 };
  let rows = 0;
  let events = 0;
  const files: { file: string; rows: number; events: number }[] = [];
  let current = '';
  try {
    // One transaction for every file's batch: all or nothing. When the files at least double the
    // events, the store builds its date indexes once at the end instead of row by row.
    function* batches() {
      for (const { file, result } of parsed) {
        current = file;
        const bar = progress(`write ${path.basename(file)}`);
        bar(0, result.events.length);
        // A file with nothing to write (all rows skipped) leaves the revision, and so every ETag, alone.
        if (result.events.length || result.actors.length) yield { origin: 'gdelt', actors: result.actors, events: result.events };
        bar(result.events.length, result.events.length);
        rows += result.rows;
        events += result.events.length;
        for (const k of Object.keys(skipped) as SkipReason[]) skipped[k] += result.skipped[k];
        files.push({ file, rows: result.rows, events: result.events.length });
      }
    }
    store.writeBatchesSync(batches(), { expectedEvents: parsed.reduce((n, p) => n + p.result.events.length, 0) });
  } catch (e) {
    process.stderr.write(`import-gdelt: ${current}: ${(e as Error).message}\nimport-gdelt: nothing was imported\n`);
    store.closeSync();
    process.exit(1);
  }
  const after = store.countSync({ sourceTypes: ['feed'] });
  const seconds = (performance.now() - t0) / 1000;
  const summary = { files, rows, events, new: after - before, skipped, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), revision: store.revisionSync() };
  store.closeSync();
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    process.stdout.write(
      `imported ${events} events from ${rows} rows in ${files.length} file(s) (${summary.new} new) in ${summary.seconds} s, ${summary.rowsPerSecond} rows/s\n` +
        `skipped: ${skipped['no-coordinates']} without coordinates, ${skipped['unmapped-code']} with an unmapped CAMEO code, ${skipped['no-source-url']} without a source URL\n`,
    );
  }
}

main();
