// npm run ingest -- [options] FILE|DIR|-...
// Each article goes through the same stages as POST /api/articles (check, duplicate test, extraction,
// merge, one transaction): a refused article is reported with its reason and leaves the store as it
// was, and the others still go in. An article whose text is already stored counts as done ("already
// there"), so a batch cut short (a crash, a kill) is finished by running it again. Exit codes: 0 every
// article is in the store (ingested now or already there), 1 some were refused (a bad article, or a URL
// already stored with another text), 2 a usage, file or database error before any article was tried.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { databaseFilename } from '../lib/store/index-sqlite';
import type { SqliteStore } from '../lib/store/sqlite';

const USAGE = `usage: npm run ingest -- [--published YYYY-MM-DD] [--title T] [--outlet O] [--url U] [--json] [--db file:PATH] FILE|DIR|-...
  a FILE is plain text (the flags give its title and date; the title defaults to its first line) or
  JSON {title, published, outlet?, url?, text} (or an array of them); a DIR means its .txt and .json
  files; - reads standard input`;

interface Args {
  inputs: string[];
  json: boolean;
  db?: string;
  published?: string;
  title?: string;
  outlet?: string;
  url?: string;
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Args {
  const a: Args = { inputs: [], json: false };
  const value = (i: number, flag: string) => {
    const v = argv[i];
    // Never fall back to a default when the flag is given without a value.
    if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    const eq = v.indexOf('=');
    const [flag, inline] = v.startsWith('--') && eq > 0 ? [v.slice(0, eq), v.slice(eq + 1)] : [v, undefined];
    const take = () => inline ?? value(++i, flag);
    if (flag === '--json') a.json = true;
    else if (flag === '--db') a.db = take();
    else if (flag === '--published') a.published = take();
    else if (flag === '--title') a.title = take();
    else if (flag === '--outlet') a.outlet = take();
    else if (flag === '--url') a.url = take();
    else if (flag === '-h' || flag === '--help') throw new UsageError('');
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else a.inputs.push(v);
  }
  if (a.inputs.length === 0) throw new UsageError('no input given');
  if (a.db !== undefined) {
    try {
      databaseFilename(a.db);
    } catch (e) {
      throw new UsageError(`--db: ${(e as Error).message.replace(/^DATABASE_URL/, 'the database')}`);
    }
  }
  return a;
}

interface Item {
  /** where it came from, for messages */
  label: string;
  body: unknown;
}

/** The articles an input holds; an unreadable input is an IO error (exit 2), a bad article is not. */
export function readInput(input: string, args: Args, stdin: () => string = () => readFileSync(0, 'utf8')): Item[] {
  if (input === '-') return itemsFrom('stdin', stdin(), args);
  let st;
  try {
    st = statSync(input);
  } catch {
    throw new Error(`${input}: no such file or directory`);
  }
  if (st.isDirectory()) {
    const files = readdirSync(input)
      .filter((f) => /\.(txt|json)$/i.test(f))
      .sort();
    if (files.length === 0) throw new Error(`${input}: no .txt or .json files in this directory`);
    return files.flatMap((f) => itemsFrom(path.join(input, f), readFileSync(path.join(input, f), 'utf8'), args));
  }
  return itemsFrom(input, readFileSync(input, 'utf8'), args);
}

function itemsFrom(label: string, content: string, args: Args): Item[] {
  const trimmed = content.trimStart();
  const looksJson = label.toLowerCase().endsWith('.json') || ((label === 'stdin' || !label.includes('.')) && /^[[{]/.test(trimmed));
  if (looksJson) {
    let v: unknown;
    try {
      v = JSON.parse(content);
    } catch (e) {
      // A broken JSON file is one refused article, reported like any other.
      return [{ label, body: { __invalid: `not valid JSON (${(e as Error).message})` } }];
    }
    const list = Array.isArray(v) ? v : [v];
    return list.map((body, i) => ({ label: list.length > 1 ? `${label}[${i}]` : label, body: withFlags(body, args) }));
  }
  const firstLine = content.split(/\r?\n/).find((l) => l.trim())?.trim().slice(0, 200);
  return [{ label, body: withFlags({ text: content, ...(firstLine ? { title: firstLine } : {}) }, args, true) }];
}

/** Flags fill what a JSON article leaves out, and give a plain text its title and date. */
function withFlags(body: unknown, args: Args, plain = false): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const flags = { title: args.title, published: args.published, outlet: args.outlet, url: args.url };
  const out: Record<string, unknown> = { ...body };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined && (plain || out[k] === undefined)) out[k] = v;
  return out;
}

/** A one-line bar on stderr, only on a terminal and only for batches (logs and --json get none). */
function progress(total: number, quiet: boolean): (done: number) => void {
  if (quiet || total < 2 || !process.stderr.isTTY) return () => {};
  return (done) => {
    const w = 30;
    const k = Math.round((done / total) * w);
    process.stderr.write(`\ringest [${'#'.repeat(k)}${'.'.repeat(w - k)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

export interface Summary {
  articles: number;
  ingested: number;
  /** articles whose text the store already held: not written again */
  already: { input: string; id: string }[];
  refused: { input: string; reason: string }[];
  events: { new: number; merged: number };
  movements: { new: number; merged: number };
  warnings: { input: string; warning: string }[];
  results: { input: string; id: string; events: { id: string; merged: boolean; syndicatedOf?: string }[]; movements: { id: string; merged: boolean; syndicatedOf?: string }[] }[];
  revision: string;
}

async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`ingest: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    throw e;
  }
  let items: Item[];
  try {
    items = args.inputs.flatMap((i) => readInput(i, args));
  } catch (e) {
    process.stderr.write(`ingest: ${(e as Error).message}\ningest: nothing was ingested\n`);
    return 2;
  }
  // Loaded only once there is work: the pipeline's data makes a usage error slow otherwise.
  const { IngestError, ingestArticle } = await import('../lib/ingest/write');
  const { createStore } = await import('../lib/store/index-sqlite');
  let store: SqliteStore;
  try {
    store = createStore(args.db ?? process.env.DATABASE_URL);
  } catch (e) {
    process.stderr.write(`ingest: cannot open the database: ${(e as Error).message}\ningest: nothing was ingested\n`);
    return 2;
  }
  const summary: Summary = { articles: items.length, ingested: 0, already: [], refused: [], events: { new: 0, merged: 0 }, movements: { new: 0, merged: 0 }, warnings: [], results: [], revision: '' };
  const bar = progress(items.length, args.json);
  try {
    for (const [n, item] of items.entries()) {
      bar(n);
      const invalid = (item.body as { __invalid?: string } | null)?.__invalid;
      if (invalid) {
        summary.refused.push({ input: item.label, reason: invalid });
        continue;
      }
      try {
        const r = await ingestArticle(store, item.body);
        summary.ingested++;
        for (const e of r.events) e.merged ? summary.events.merged++ : summary.events.new++;
        for (const m of r.movements) m.merged ? summary.movements.merged++ : summary.movements.new++;
        for (const w of r.warnings) summary.warnings.push({ input: item.label, warning: w });
        summary.results.push({ input: item.label, id: r.articleId, events: r.events, movements: r.movements });
      } catch (e) {
        if (!IngestError.is(e)) throw e;
        if (e.kind === 'duplicate' && e.duplicateOf === 'text' && e.existing) summary.already.push({ input: item.label, id: e.existing });
        else summary.refused.push({ input: item.label, reason: e.message });
      }
    }
    bar(items.length);
    summary.revision = store.revisionSync();
  } finally {
    store.closeSync();
  }
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    for (const r of summary.already) process.stderr.write(`ingest: already there ${r.input}: stored as article ${r.id}\n`);
    for (const r of summary.refused) process.stderr.write(`ingest: refused ${r.input}: ${r.reason}\n`);
    for (const w of summary.warnings) process.stderr.write(`ingest: warning ${w.input}: ${w.warning}\n`);
    process.stdout.write(
      `${summary.ingested} of ${summary.articles} article(s) ingested, ${summary.already.length} already there, ${summary.refused.length} refused; ` +
        `events: ${summary.events.new} new, ${summary.events.merged} merged into stored ones; movements: ${summary.movements.new} new, ${summary.movements.merged} merged; ${summary.warnings.length} warning(s)\n`,
    );
  }
  return summary.refused.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`ingest: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
