// npm run seed:synthetic -- --events N [--seed S] [--db file:PATH]
// Fills the store with N synthetic events through the real write path (replacing earlier synthetic
// ones) in one transaction, for trying the map and the queries at scale. Never part of normal data:
// origin 'synthetic'.
import { createStore } from '../lib/store/index-sqlite';
import { syntheticBatches } from '../lib/store/synthetic';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}

const n = Number(arg('events') ?? 100_000);
const seed = Number(arg('seed') ?? 20240805);
if (!Number.isInteger(n) || n < 0 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run seed:synthetic -- --events N [--seed S] [--db file:PATH]\n');
  process.exit(2);
}
const store = createStore(arg('db') ?? process.env.DATABASE_URL);
const t0 = performance.now();
let done = 0;
function* batches() {
  let first = true;
  for (const batch of syntheticBatches(n, { seed })) {
    yield { ...batch, replaceOrigin: first };
    first = false;
    done += batch.events?.length ?? 0;
    if (process.stderr.isTTY) process.stderr.write(`\rsynthetic events checked and written: ${done}/${n}`);
  }
  if (first) yield { origin: 'synthetic', replaceOrigin: true };
}
// One transaction for the whole seed: the map never shows half of it, and the date indexes are built
// once at the end when the seed at least doubles the store.
store.writeBatchesSync(batches(), { expectedEvents: n });
if (process.stderr.isTTY) process.stderr.write('\n');
const s = (performance.now() - t0) / 1000;
process.stdout.write(`wrote ${n} synthetic events in ${s.toFixed(1)} s (${Math.round(n / s)} events/s); revision ${store.revisionSync()}\n`);
store.closeSync();
