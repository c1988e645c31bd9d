// npm run bench:store -- [--events N] [--runs R] [--json] [--db PATH | --out PATH] [--no-supercluster] [--per-batch]
// Imports N synthetic events (default 100,000) through the write path into a temp SQLite file, then
// times the queries the map makes (page, count, clusters, histogram) against the same data scanned
// naively (NOT INDEXED, same predicates), in the same run.
// Targets: import ≥ 50k rows/s; a 7-day, country-sized query p50 ≤ 5 ms and ≥ 50× faster than the scan.
// --db PATH keeps the file and reuses it next time (import not measured); --out PATH always imports
// afresh into PATH and keeps it (`npm run bench` serves that file to the HTTP and browser runs).
// --json prints one JSON object (results) on stdout instead of the report.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import Supercluster from 'supercluster';
import type { Bbox } from '../lib/bbox';
import { addDays, dayNumber } from '../lib/dates';
import type { EventQuery, WriteBatch } from '../lib/store/contract';
import { SqliteStore } from '../lib/store/sqlite';
import { prng, syntheticBatches, SYNTHETIC_TO } from '../lib/store/synthetic';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}
const N = Number(arg('events') ?? 100_000);
const RUNS = Number(arg('runs') ?? 200);
const JSON_OUT = process.argv.includes('--json');
const log = (s: string) => {
  if (!JSON_OUT) process.stdout.write(`${s}\n`);
};

const COUNTRIES: Record<string, Bbox> = {
  Lebanon: [35.1, 33.05, 36.62, 34.69],
  Israel: [34.27, 29.5, 35.9, 33.34],
  Syria: [35.7, 32.3, 42.4, 37.3],
  Iraq: [38.8, 29.1, 48.6, 37.4],
  Ukraine: [22.1, 44.4, 40.2, 52.4],
};
const WORLD: Bbox = [-180, -85, 180, 85];

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
function time<T>(fn: () => T): [number, T] {
  const t = performance.now();
  const r = fn();
  return [performance.now() - t, r];
}
/**
 * CPU milliseconds of this process, next to wall time: on a shared machine the wall clock measures the
 * neighbours too, while CPU time stays close to what the work costs on an idle one.
 */
function cpuTime<T>(fn: () => T): [number, number, T] {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = fn();
  const u = process.cpuUsage(c);
  return [performance.now() - t, (u.user + u.system) / 1000, r];
}
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

// --db keeps the database for the next run, which then skips the import (to iterate on queries).
const KEEP = arg('db');
const OUT = arg('out');
if (OUT) for (const f of [OUT, `${OUT}-wal`, `${OUT}-shm`]) if (existsSync(f)) rmSync(f);
const dir = KEEP || OUT ? null : mkdtempSync(path.join(os.tmpdir(), 'situation-map-bench-'));
const file = KEEP ?? OUT ?? path.join(dir!, 'bench.db');
const store = new SqliteStore({ filename: file });
const reuse = KEEP !== undefined && store.countSync({}) === N;
const SUPERCLUSTER = !process.argv.includes('--no-supercluster');
const PER_BATCH = process.argv.includes('--per-batch');
const results: Record<string, unknown> = { events: N };
try {
  // ---- import ----
  let genMs = 0;
  let writeMs = 0;
  let writeCpuMs = 0;
  // Baseline in the same run: the same events as plain JSON documents inserted into one unindexed
  // table of a scratch database (one transaction per batch, no validation, no indexes): the floor that
  // SQLite and this disk set, against which the store's write path is judged.
  const bareDir = mkdtempSync(path.join(os.tmpdir(), 'situation-map-bare-'));
  const bare = new Database(path.join(bareDir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = NORMAL');
  bare.exec('CREATE TABLE bare (id TEXT NOT NULL, doc TEXT NOT NULL)');
  const bareInsert = bare.prepare('INSERT INTO bare (id, doc) VALUES (?, ?)');
  const bareBatch = bare.transaction((events: NonNullable<WriteBatch['events']>) => {
    let bytes = 0;
    for (const f of events) {
      const doc = JSON.stringify(f);
      bytes += Buffer.byteLength(doc);
      bareInsert.run(f.properties.id, doc);
    }
    return bytes;
  });
  let bareMs = 0;
  let bareCpuMs = 0;
  let jsonBytes = 0;
  if (reuse) log(`reusing ${file} (${N} events): import not measured`);
  // The generator and the bare baseline run between batches; their time is taken out of the import's.
  let asideMs = 0;
  let asideCpuMs = 0;
  let done = 0;
  function* batches(): Generator<WriteBatch> {
    const it = syntheticBatches(reuse ? 0 : N, { batchSize: 20_000 });
    for (;;) {
      const [g, gc, next] = cpuTime(() => it.next());
      genMs += g;
      asideMs += g;
      asideCpuMs += gc;
      if (next.done) return;
      const [bw, bc, bb] = cpuTime(() => bareBatch(next.value.events ?? []));
      bareMs += bw;
      bareCpuMs += bc;
      jsonBytes += bb;
      asideMs += bw;
      asideCpuMs += bc;
      if (process.stderr.isTTY) process.stderr.write(`\rimporting ${(done += next.value.events?.length ?? 0)}/${N}`);
      yield next.value;
    }
  }
  // Bulk (the default) writes every batch in one transaction, as import:gdelt does with its files;
  // --per-batch commits each 20k batch on its own, as any writeBatch caller does. The closing checkpoint
  // (copying the WAL into the database file) is part of the import either way.
  const [w, c] = cpuTime(() => {
    if (reuse) return;
    if (PER_BATCH) for (const b of batches()) store.writeBatchSync(b);
    else store.writeBatchesSync(batches(), { expectedEvents: N });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  });
  writeMs = w - asideMs;
  writeCpuMs = c - asideCpuMs;
  if (process.stderr.isTTY) process.stderr.write('\n');
  const bytes = statSync(file).size;
  if (reuse) writeMs = NaN;
  results.importMode = PER_BATCH ? 'per-batch' : 'bulk';
  results.importRowsPerSecond = Math.round(N / (writeMs / 1000));
  results.importRowsPerCpuSecond = Math.round(N / (writeCpuMs / 1000));
  results.loadAverage = os.loadavg()[0];
  results.generateMs = Math.round(genMs);
  results.bytesPerEvent = Math.round(bytes / N);
  bare.close();
  rmSync(bareDir, { recursive: true, force: true });
  if (!reuse) {
    results.bareInsertRowsPerSecond = Math.round(N / (bareMs / 1000));
    results.bareInsertRowsPerCpuSecond = Math.round(N / (bareCpuMs / 1000));
    results.jsonBytesPerEvent = Math.round(jsonBytes / N);
  }
  log(`machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (wall times include the neighbours; cpu times do not)`);
  log(
    `import (${PER_BATCH ? 'one transaction per 20k batch' : 'one transaction for all 20k batches'}): ${results.importRowsPerSecond} rows/s wall, ${results.importRowsPerCpuSecond} rows per CPU second (target ≥ 50,000; validation + write + closing checkpoint; generation excluded: ${Math.round(genMs)} ms); ${results.bytesPerEvent} bytes/event (${(bytes / 1e6).toFixed(0)} MB)`,
  );
  if (!reuse) log(`baseline: the same events as JSON into one unindexed table: ${results.bareInsertRowsPerSecond} rows/s wall, ${results.bareInsertRowsPerCpuSecond} per CPU second; ${results.jsonBytesPerEvent} bytes of GeoJSON per event`);

  // ---- queries ----
  const r = prng(1);
  const last = dayNumber(SYNTHETIC_TO);
  const weekQuery = (): EventQuery => {
    const names = Object.keys(COUNTRIES);
    const to = addDays(SYNTHETIC_TO, -Math.floor(r() * 365));
    return { from: addDays(to, -6), to, bbox: COUNTRIES[names[Math.floor(r() * names.length)]!]! };
  };
  const yearQuery = (): EventQuery & { bbox: Bbox; zoom: number } => {
    const to = addDays(SYNTHETIC_TO, -Math.floor(r() * 60));
    return { from: addDays(to, -364), to, bbox: WORLD, zoom: 2 };
  };
  const naiveCount = (q: EventQuery): number => {
    const [w, s, e, n] = q.bbox ?? WORLD;
    return (store.db.prepare('SELECT count(*) AS n FROM events NOT INDEXED WHERE start_day <= ? AND end_day >= ? AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ?').get(dayNumber(q.to!), dayNumber(q.from!), w, e, s, n) as { n: number }).n;
  };
  const naivePage = (q: EventQuery): unknown[] => {
    const [w, s, e, n] = q.bbox ?? WORLD;
    return store.db
      .prepare('SELECT id, title, category, start_day, end_day, lng, lat FROM events NOT INDEXED WHERE start_day <= ? AND end_day >= ? AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? ORDER BY start_day, id LIMIT 200')
      .all(dayNumber(q.to!), dayNumber(q.from!), w, e, s, n);
  };

  const naiveClusters = (q: EventQuery & { zoom?: number }): unknown[] => {
    const [w, s, e, n] = q.bbox ?? WORLD;
    const shift = 24 - (q.zoom ?? 2);
    return store.db
      .prepare('SELECT mx >> ? AS cx, my >> ? AS cy, count(*) AS n, avg(lng), avg(lat), min(rid) FROM events NOT INDEXED WHERE start_day <= ? AND end_day >= ? AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? GROUP BY cx, cy')
      .all(shift, shift, dayNumber(q.to!), dayNumber(q.from!), w, e, s, n);
  };
  const naiveHistogram = (q: EventQuery): unknown[] => {
    const [w, s, e, n] = q.bbox ?? WORLD;
    return store.db
      .prepare('SELECT start_day, end_day, precision, category, count(*) AS n FROM events NOT INDEXED WHERE start_day <= ? AND end_day >= ? AND lng BETWEEN ? AND ? AND lat BETWEEN ? AND ? GROUP BY start_day, end_day, category, precision')
      .all(dayNumber(q.to!), dayNumber(q.from!), w, e, s, n);
  };

  const measure = (name: string, runs: number, make: () => EventQuery, fn: (q: EventQuery) => unknown, check?: (q: EventQuery, got: unknown) => void) => {
    const ms: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const q = make();
      const [t, c, got] = cpuTime(() => fn(q));
      ms.push(t);
      cpu.push(c);
      check?.(q, got);
    }
    const out = { p50: percentile(ms, 50), p99: percentile(ms, 99), cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99) };
    results[name] = out;
    log(`${name.padEnd(42)} p50 ${fmt(out.p50).padStart(7)} ms   p99 ${fmt(out.p99).padStart(7)} ms   (cpu p50 ${fmt(out.cpuP50).padStart(7)} ms, p99 ${fmt(out.cpuP99).padStart(7)} ms)`);
    return out;
  };

  log(`\n7 days + one country (${RUNS} random windows in the last year):`);
  const sample = weekQuery();
  log(`  (e.g. ${JSON.stringify(sample)}: ${store.countSync(sample)} events)`);
  const wc = measure('week.count', RUNS, weekQuery, (q) => store.countSync(q), (q, got) => {
    if (RUNS <= 50 && got !== naiveCount(q)) throw new Error('count differs from the naive scan');
  });
  const wp = measure('week.page200', RUNS, weekQuery, (q) => store.eventsSync(q, { limit: 200, fields: 'summary' }));
  const wcl = measure('week.clusters(z6)', RUNS, weekQuery, (q) => store.clustersSync({ ...q, bbox: q.bbox!, zoom: 6 }));
  const wh = measure('week.histogram(1-day bins)', RUNS, weekQuery, (q) => store.histogram(q, { from: q.from!, to: q.to!, binDays: 1 }));
  const naiveRuns = Math.max(5, Math.min(30, Math.round(RUNS / 10)));
  const wn = measure('week.count naive scan', naiveRuns, weekQuery, naiveCount);
  const wnp = measure('week.page200 naive scan', naiveRuns, weekQuery, naivePage);
  const wncl = measure('week.clusters(z6) naive scan', naiveRuns, weekQuery, (q) => naiveClusters({ ...q, zoom: 6 }));
  const wnh = measure('week.histogram(1-day bins) naive scan', naiveRuns, weekQuery, naiveHistogram);
  results.weekSpeedup = {
    count: Math.round(wn.p50 / wc.p50),
    page: Math.round(wnp.p50 / wp.p50),
    clusters: Math.round(wncl.p50 / wcl.p50),
    histogram: Math.round(wnh.p50 / wh.p50),
    cpuCount: Math.round(wn.cpuP50 / wc.cpuP50),
    cpuPage: Math.round(wnp.cpuP50 / wp.cpuP50),
  };
  log(`  speed-up over the scan (p50): count ${Math.round(wn.p50 / wc.p50)}×, page ${Math.round(wnp.p50 / wp.p50)}×, clusters ${Math.round(wncl.p50 / wcl.p50)}×, histogram ${Math.round(wnh.p50 / wh.p50)}× (cpu: ${Math.round(wn.cpuP50 / wc.cpuP50)}×, ${Math.round(wnp.cpuP50 / wp.cpuP50)}×)`);

  // Machine-extracted events carry a review state, which every summary row and every cluster looks up
  // (a primary-key probe per event). Measured with one event in ten reviewed, inside a transaction
  // that is rolled back, so the file served afterwards is the one imported.
  log('\n7 days + one country, one event in ten machine-extracted (review lookups on):');
  store.db.exec('BEGIN');
  try {
    store.db.exec("INSERT INTO event_review (id, state) SELECT id, CASE WHEN rid % 20 = 0 THEN 'unreviewed' ELSE 'accepted' END FROM events WHERE rid % 10 = 0");
    store.forgetReviews();
    const rp = measure('week.page200 with reviews', RUNS, weekQuery, (q) => store.eventsSync(q, { limit: 200, fields: 'summary' }));
    const rcl = measure('week.clusters(z6) with reviews', RUNS, weekQuery, (q) => store.clustersSync({ ...q, bbox: q.bbox!, zoom: 6 }));
    log(`  cost of the review lookups (p50): page ${fmt(rp.p50 / wp.p50)}×, clusters ${fmt(rcl.p50 / wcl.p50)}×`);
  } finally {
    store.db.exec('ROLLBACK');
    store.forgetReviews();
  }

  const yRuns = Math.max(5, Math.round(RUNS / 10));
  log(`\nA year, whole world (${yRuns} windows):`);
  const yc = measure('year.count', yRuns, yearQuery, (q) => store.countSync(q));
  const yp = measure('year.page200', yRuns, yearQuery, (q) => store.eventsSync(q, { limit: 200, fields: 'summary' }));
  const ycl = measure('year.clusters(z2) SQL grid', yRuns, yearQuery, (q) => store.clustersSync(q as EventQuery & { bbox: Bbox; zoom: number }));
  measure('year.histogram(7-day bins)', yRuns, yearQuery, (q) => store.histogram(q, { from: q.from!, to: q.to!, binDays: 7 }));
  const yn = measure('year.count naive scan', Math.min(yRuns, 10), yearQuery, naiveCount);
  measure('year.page200 naive scan', Math.min(yRuns, 10), yearQuery, naivePage);
  measure('year.clusters(z2) SQL grid naive scan', Math.min(yRuns, 10), yearQuery, (q) => naiveClusters({ ...q, zoom: 2 }));
  measure('year.histogram(7-day bins) naive scan', Math.min(yRuns, 10), yearQuery, naiveHistogram);
  log(`  speed-up over the scan (p50): count ${(yn.p50 / yc.p50).toFixed(1)}×, page ${(yn.p50 / yp.p50).toFixed(1)}×`);

  if (SUPERCLUSTER) {
    // Supercluster, for the choice of clustering: per filtered query (rebuilt each time) and per revision.
    log('\nClustering, SQL grid vs supercluster:');
    const points = (q: EventQuery) =>
      (store.db.prepare('SELECT lng, lat FROM events WHERE start_day <= ? AND end_day >= ?').all(dayNumber(q.to!), dayNumber(q.from!)) as { lng: number; lat: number }[]).map((p) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
      }));
    const scq = measure('year.clusters(z2) supercluster', Math.min(yRuns, 5), yearQuery, (q) => new Supercluster({ radius: 64, maxZoom: 16 }).load(points(q)).getClusters([-180, -85, 180, 85], 2));
    const [buildAll, index] = time(() => new Supercluster({ radius: 64, maxZoom: 16 }).load(points({ from: '0000-01-01', to: '9999-12-31' })));
    const q2 = measure('all-time clusters, prebuilt index', 20, () => ({}), () => index.getClusters([-180, -85, 180, 85], 2));
    results.supercluster = { perQueryP50: scq.p50, buildPerRevisionMs: Math.round(buildAll), prebuiltQueryP50: q2.p50, sqlGridP50: ycl.p50 };
    log(`  supercluster over all ${N} events: build ${Math.round(buildAll)} ms per revision, then ${fmt(q2.p50)} ms a view, but it cannot filter by date or category without a rebuild`);
  }
  results.last = last;
} finally {
  store.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
if (JSON_OUT) process.stdout.write(`${JSON.stringify(results)}\n`);
