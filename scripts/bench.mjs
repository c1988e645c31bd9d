// `npm run bench`: performance figures of the PRODUCTION build in Debian Chromium.
// Builds if `.next/BUILD_ID` is missing, starts `next start` in its own process group on a free
// port (or uses BENCH_URL if set), runs each measurement BENCH_RUNS (default 5) times in a fresh
// browser context, prints median / target / ratio and writes bench-results/latest.json.
//
// To add a measurement, write `async function benchX(page, ctx)` returning a number (or an object
// of numbers, one per metric) and add an entry to MEASUREMENTS below. `gotoMap(page)` opens the
// app and waits until the event layer has drawn. A measurement that throws becomes an error row.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, ensureBuild, startServer } from './server.mjs';

// Keep in sync with CHROMIUM_ARGS in playwright.config.ts.
export const CHROMIUM_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
];
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const RUN_TIMEOUT_MS = 120_000;
const MAP_READY_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 800 };

/** true once the app says its event layer has drawn features */
const mapReady = () =>
  /** @type {HTMLElement | null} */ (document.querySelector('[data-testid="map"]'))?.dataset.eventsRendered === 'true';

/** Navigate to `url` (default '/') and wait until the map shows its events. Returns elapsed ms. */
export async function gotoMap(page, url = '/') {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(mapReady, null, { timeout: MAP_READY_TIMEOUT_MS, polling: 'raf' });
  return performance.now() - t0;
}

// ---- measurements -----------------------------------------------------------

/** (a) page.goto start → map container has data-events-rendered="true"; plus LCP. */
async function benchNavigation(page) {
  await page.addInitScript(() => {
    /** @type {any} */ (window).__benchLcp = null;
    try {
      new PerformanceObserver((list) => {
        const last = list.getEntries().at(-1);
        if (last) /** @type {any} */ (window).__benchLcp = last.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    } catch {
      /* no LCP support */
    }
  });
  const navToEvents = await gotoMap(page);
  const lcp = await page.evaluate(() => /** @type {any} */ (window).__benchLcp);
  return { navToEvents, lcp };
}

const isJs = (res) =>
  /\.m?js(\?|$)/.test(new URL(res.url()).pathname) || /javascript/.test(res.headers()['content-type'] ?? '');
/** A string only MapLibre's main-thread bundle contains (not react-map-gl, not the worker). */
const MAPLIBRE_MARKER = 'maplibregl-canvas';
const BIG_CHUNK_BYTES = 300_000;

/** (b) gzipped JS requested before the MapLibre chunk, and the MapLibre chunk itself. */
async function benchJavaScript(page) {
  /** @type {Map<import('@playwright/test').Request, number>} */
  const order = new Map();
  /** @type {{ url: string, order: number, res: import('@playwright/test').Response }[]} */
  const scripts = [];
  page.on('request', (req) => order.set(req, order.size));
  page.on('response', (res) => {
    if (res.status() === 200 && isJs(res)) scripts.push({ url: res.url(), order: order.get(res.request()) ?? 1e9, res });
  });
  try {
    await gotoMap(page);
  } catch {
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  }
  const seen = new Set();
  const chunks = [];
  for (const s of scripts.sort((a, b) => a.order - b.order)) {
    if (seen.has(s.url)) continue;
    seen.add(s.url);
    const body = await s.res.body();
    chunks.push({ url: s.url, bytes: body.length, gz: gzipSync(body).length, maplibre: body.includes(MAPLIBRE_MARKER) });
  }
  let map = chunks.findIndex((c) => c.maplibre);
  const detectedBy = map >= 0 ? 'marker' : 'size';
  if (map < 0) map = chunks.findIndex((c) => c.bytes > BIG_CHUNK_BYTES);
  const before = map < 0 ? chunks : chunks.slice(0, map);
  const kB = (n) => n / 1024;
  return {
    firstLoadJs: map < 0 ? null : kB(before.reduce((n, c) => n + c.gz, 0)),
    mapChunk: map < 0 ? null : kB(chunks[map].gz),
    totalJs: kB(chunks.reduce((n, c) => n + c.gz, 0)),
    _detail: { detectedBy: map < 0 ? 'none' : detectedBy, chunks: chunks.map(({ url, bytes, gz, maplibre }) => ({ path: new URL(url).pathname, bytes, gz, maplibre })) },
  };
}

// Placeholder for the range filter (lead): e.g.
// async function benchRangeDrag(page) {
//   await gotoMap(page);
//   const t0 = performance.now();
//   /* drag the range handle, then wait for the map to reflect the new range */
//   return performance.now() - t0;
// }

/**
 * Each entry: `run(page, ctx)` → number | { [metricKey]: number | null } (keys starting with `_`
 * are kept as per-run detail in the JSON). `metrics` names each key (a number result is `value`).
 * `target: null` = informational, no ratio. `runs` overrides BENCH_RUNS.
 */
export const MEASUREMENTS = [
  {
    id: 'navigation',
    run: benchNavigation,
    metrics: {
      navToEvents: { name: 'navigation → events rendered', unit: 'ms', target: 3000 },
      lcp: { name: 'largest contentful paint', unit: 'ms', target: 2500 },
    },
  },
  {
    id: 'javascript',
    run: benchJavaScript,
    metrics: {
      firstLoadJs: { name: 'JS before map chunk (gzip)', unit: 'kB', target: 200 },
      mapChunk: { name: 'map chunk, maplibre (gzip)', unit: 'kB', target: 320 },
      totalJs: { name: 'all JS incl. map (gzip)', unit: 'kB', target: null },
    },
  },
  // { id: 'range-drag', run: benchRangeDrag, metrics: { value: { name: 'range drag → map updated', unit: 'ms', target: 100 } } },
];

// ---- runner -----------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

/** Run one measurement `runs` times in fresh contexts; never throws. */
async function runMeasurement(browser, baseURL, m) {
  const runs = m.runs ?? RUNS;
  const samples = Object.fromEntries(Object.keys(m.metrics).map((k) => [k, []]));
  const errors = [];
  const details = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
    const pageErrors = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
      const out = await withTimeout(Promise.resolve(m.run(page, { browser, context, baseURL })), RUN_TIMEOUT_MS, m.id);
      const values = typeof out === 'number' ? { value: out } : out;
      for (const [k, v] of Object.entries(values)) {
        if (k.startsWith('_')) details.push({ run: i, [k]: v });
        else if (k in samples && typeof v === 'number' && Number.isFinite(v)) samples[k].push(v);
      }
    } catch (e) {
      const msg = String(/** @type {Error} */ (e)?.message ?? e).split('\n')[0];
      errors.push(pageErrors.length ? `${msg} [page errors: ${pageErrors.slice(0, 3).join(' | ')}]` : msg);
    } finally {
      await context.close().catch(() => {});
    }
  }
  return Object.entries(m.metrics).map(([key, { name, unit, target }], index) => {
    const xs = samples[key];
    const base = { id: `${m.id}.${key}`, name, unit, target, runs: `${xs.length}/${runs}`, samples: xs, ...(index === 0 && details.length ? { details } : {}) };
    if (xs.length === 0) {
      return { ...base, value: null, ratio: null, error: errors[0] ?? 'no value produced' };
    }
    const value = median(xs);
    return { ...base, value, ratio: target ? value / target : null, ...(errors.length ? { errors } : {}) };
  });
}

function printTable(results) {
  const fmt = (v, unit) => (v == null ? '—' : unit === 'ms' ? v.toFixed(0) : v.toFixed(1));
  const rows = results.map((r) => [
    r.name,
    r.error ? 'ERROR' : `${fmt(r.value, r.unit)} ${r.unit}`,
    r.target == null ? '—' : `${fmt(r.target, r.unit)} ${r.unit}`,
    r.ratio == null ? '—' : `${r.ratio.toFixed(2)}${r.ratio <= 1 ? '' : ' OVER'}`,
    r.runs,
  ]);
  const head = ['measurement', 'median', 'target', 'ratio', 'runs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  for (const r of results) if (r.error) console.log(`  ! ${r.name}: ${r.error}`);
  for (const r of results) if (!r.error && r.errors) console.log(`  ! ${r.name}: ${r.errors.length} failed run(s): ${r.errors[0]}`);
}

export async function runBench(measurements = MEASUREMENTS) {
  let server = null;
  let browser = null;
  const results = [];
  const meta = { date: new Date().toISOString(), runs: RUNS, node: process.version };
  try {
    meta.commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  try {
    let baseURL = process.env.BENCH_URL;
    if (!baseURL) {
      ensureBuild();
      server = await startServer();
      baseURL = server.url;
    }
    meta.baseURL = baseURL;
    // warm the server (route modules, data files) so run 1 isn't an outlier
    for (const p of ['/', '/api/events', '/api/movements']) await fetch(baseURL + p).catch(() => {});
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
    meta.chromium = browser.version();
    console.log(`bench: ${baseURL}, Chromium ${meta.chromium}, ${RUNS} run(s) per measurement`);
    for (const m of measurements) {
      process.stdout.write(`  ${m.id} …`);
      const t0 = performance.now();
      results.push(...(await runMeasurement(browser, baseURL, m)));
      process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } catch (e) {
    results.push({ id: 'setup', name: 'bench setup', unit: '', target: null, value: null, ratio: null, runs: '0/0', error: String(e?.message ?? e) });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
  printTable(results);
  const out = path.join(ROOT, 'bench-results', 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ meta, results }, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runBench();
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}
