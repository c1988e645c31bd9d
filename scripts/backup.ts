// npm run backup -- [--db file:PATH] [--force] [--json] FILE
// An online backup of the database the app serves (DATABASE_URL, or --db), taken while it runs: one
// consistent snapshot, checked, then renamed to FILE. Refuses to replace an existing FILE without
// --force. Exit codes: 0 written, 2 a usage error or a backup that could not be made (nothing at FILE).
// Restore: stop the server, copy FILE to DATABASE_URL's path, start it (README, Backup and restore).
import path from 'node:path';
import { backupStore } from '../lib/store/backup';
import { DEFAULT_DATABASE_URL, databaseFilename } from '../lib/store/index-sqlite';

const USAGE = 'usage: npm run backup -- [--db file:PATH] [--force] [--json] FILE';

export function parseArgs(argv: string[]): { file: string; db: string; force: boolean; json: boolean } {
  let file: string | undefined;
  let db: string | undefined;
  let force = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--force') force = true;
    else if (a === '--json') json = true;
    else if (a === '--db' || a.startsWith('--db=')) {
      db = a === '--db' ? argv[++i] : a.slice(5);
      if (!db || db.startsWith('-')) throw new Error('--db needs a value');
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (file !== undefined) throw new Error('one FILE only');
    else file = a;
  }
  if (file === undefined) throw new Error('no FILE given');
  return { file, db: db ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, force, json };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`backup: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const source = databaseFilename(args.db);
    const r = await backupStore(source, args.file, { force: args.force });
    if (args.json) process.stdout.write(`${JSON.stringify({ source, ...r })}\n`);
    else
      process.stdout.write(
        `backup of ${source} written to ${args.file}: ${mb(r.bytes)} in ${r.seconds.toFixed(2)} s; ` +
          `revision ${r.revision}; ${r.counts.articles} articles, ${r.counts.events} events, ${r.counts.movements} movements, ${r.counts.actors} actors\n`,
      );
    return 0;
  } catch (e) {
    process.stderr.write(`backup: ${(e as Error).message}\nbackup: nothing written\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run(process.argv.slice(2)).then((code) => process.exit(code));
}
