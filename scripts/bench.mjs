// `npm run bench`: performance figures of the PRODUCTION build in Debian Chromium.
// Builds if `.next/BUILD_ID` is missing, starts `next start` in its own process group on a free
// port (or uses BENCH_URL if set), runs each measurement BENCH_RUNS (default 5) times in a fresh
// browser context, prints median / target / ratio and writes bench-results/latest.json.
//
// To add a measurement, write `async function benchX(page, ctx)` returning a number (or an object
// of numbers, one per metric) and add an entry to MEASUREMENTS below. `gotoMap(page)` opens the
// app and waits until the event layer has drawn. A measurement that throws becomes an error row.
//
// Range-change rows drag the timeline brush and time input → map redrawn (see benchRangeChange).
// The `synthetic` rows run against a SECOND server whose DATABASE_URL names
// bench-results/synthetic-100k.db (filled by npm run seed:synthetic when missing; delete it to refill;
// BENCH_SYNTHETIC_N changes the size, BENCH_SYNTHETIC_URL uses a running
// server instead). BENCH_ONLY=id,id runs only those measurements (ids in MEASUREMENTS).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
export async function gotoMap(page, url = '/', timeout = MAP_READY_TIMEOUT_MS) {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout });
  await page.waitForFunction(mapReady, null, { timeout, polling: 'raf' });
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

// ---- range change → map updated ---------------------------------------------------------------
//
// A user drags the start handle of the timeline brush. One pointermove moves it by `days` days: a
// live (uncommitted) range change, the path every frame of a real drag takes. In the page we time
// from that input event's timestamp to the first animation frame in which the map draws the new
// set, defined as: the header count (`range-count`) has changed (React re-filtered and committed)
// AND every request MapLibre's main thread sent its worker since the input (GeoJSON `loadData` =
// setData + re-clustering, then `reloadTile`s) has been answered; the end is the first frame after
// the last answer (MapLibre paints answered tiles in that frame). The worker traffic is observed by
// wrapping `Worker` in an init script (bench only; the app is untouched).
//
// Why not `data-rendered-events`: MapView updates it on map `idle`, which (a) does not change when
// the new range draws the same number of markers + clusters (the seed's crisis window is 2 clusters
// at the default zoom, whatever the range), and (b) waits for symbol fade-in (300 ms) too. Its
// change, when there is one, is kept per change as `toIdle` in the JSON detail.
// Ranges alternate A → B → A … so every change really changes the set (a warm-up change first
// widens the step until the header count differs).

const RANGE_CHANGES = 5;
const QUIET_MS = 400;
const dbg = process.env.BENCH_DEBUG ? (...a) => console.error('[bench]', ...a) : () => {};

/** Init script: report MapLibre actor requests (main → worker) and their answers to a page hook. */
function installWorkerProbe() {
  const w = /** @type {any} */ (window);
  const Base = w.Worker;
  if (!Base || w.__benchWorkerProbe) return;
  w.__benchWorkerProbe = true;
  w.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (d && typeof d === 'object' && d.type === '<response>') w.__benchWorkerHook?.('res', d.id, d.type, performance.now());
      });
    }
    postMessage(msg, ...rest) {
      if (msg && typeof msg === 'object' && typeof msg.type === 'string') {
        if (msg.type === '<cancel>') w.__benchWorkerHook?.('cancel', msg.id, msg.type, performance.now());
        else if (msg.type !== '<response>') w.__benchWorkerHook?.('req', msg.id, msg.type, performance.now());
      }
      return super.postMessage(msg, ...rest);
    }
  };
}

/** In the page: resolve once no frame took > 50 ms and the map attributes sat still for `quietMs`. */
function waitQuiet(page, quietMs = QUIET_MS, timeoutMs = 60_000) {
  return page.evaluate(
    ({ quietMs, timeoutMs }) =>
      new Promise((resolve, reject) => {
        const map = document.querySelector('[data-testid="map"]');
        let since = performance.now();
        let last = since;
        const t0 = since;
        const mo = new MutationObserver(() => (since = performance.now()));
        if (map) mo.observe(map, { attributes: true });
        const tick = () => {
          const now = performance.now();
          if (now - last > 50) since = now;
          last = now;
          if (now - since >= quietMs) {
            mo.disconnect();
            resolve(now - t0);
          } else if (now - t0 > timeoutMs) {
            mo.disconnect();
            reject(new Error(`page not quiet after ${timeoutMs} ms`));
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { quietMs, timeoutMs },
  );
}

/** The brush's start handle (x = its date boundary), pixels per day, the range as day numbers. */
async function brushState(page) {
  return page.evaluate(() => {
    const from = document.querySelector('[data-testid="handle-from"]');
    const to = document.querySelector('[data-testid="handle-to"]');
    if (!from || !to) throw new Error('no brush handles');
    const box = (el) => el.querySelector('rect').getBoundingClientRect(); // the hit rect, centred on the boundary
    const a = box(from);
    const b = box(to);
    const v0 = Number(from.getAttribute('aria-valuenow'));
    const v1 = Number(to.getAttribute('aria-valuenow'));
    const map = /** @type {HTMLElement} */ (document.querySelector('[data-testid="map"]'));
    return {
      x: a.left + a.width / 2,
      y: a.top + a.height / 2,
      pxPerDay: (b.left + b.width / 2 - (a.left + a.width / 2)) / (v1 - v0 + 1),
      from: v0,
      to: v1,
      rendered: Number(map.dataset.renderedEvents),
      count: document.querySelector('[data-testid="range-count"]')?.textContent ?? '',
    };
  });
}

/** Drag the start handle by `days`, time input → map drawn (page clock), release, let it settle. */
async function dragFromHandle(page, days, timeoutMs, trace = null) {
  const s = await brushState(page);
  await page.mouse.move(s.x, s.y);
  await page.mouse.down();
  await page.evaluate(
    ({ timeoutMs, before }) => {
      const w = /** @type {any} */ (window);
      const map = /** @type {HTMLElement} */ (document.querySelector('[data-testid="map"]'));
      const header = document.querySelector('[data-testid="range-count"]');
      const probe = { input: null, header: null, firstReq: null, lastRes: null, end: null, reqs: {}, frames: 0, longTasks: [], timedOut: false };
      const pending = new Set();
      let lto = null;
      try {
        lto = new PerformanceObserver((list) => probe.longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration])));
        lto.observe({ type: 'longtask' });
      } catch {
        /* no longtask support */
      }
      const onInput = (e) => {
        if (probe.input == null) probe.input = e.timeStamp;
      };
      window.addEventListener('pointermove', onInput, true);
      w.__benchWorkerHook = (kind, id, type, t) => {
        if (probe.input == null) return;
        if (kind === 'req') {
          pending.add(id);
          probe.firstReq ??= t;
          probe.reqs[type] = (probe.reqs[type] ?? 0) + 1;
        } else if (pending.delete(id) && kind === 'res') probe.lastRes = t;
      };
      const hmo = new MutationObserver(() => (probe.header ??= performance.now()));
      if (header) hmo.observe(header, { childList: true, subtree: true, characterData: true });
      // kept until the caller reads it: the idle-based attribute changes after the fade-in
      w.__benchIdle = null;
      w.__benchIdleObserver?.disconnect();
      w.__benchIdleObserver = new MutationObserver(() => {
        if (Number(map.dataset.renderedEvents) !== before) w.__benchIdle ??= performance.now();
      });
      w.__benchIdleObserver.observe(map, { attributes: true, attributeFilter: ['data-rendered-events'] });
      w.__benchProbe = new Promise((resolve) => {
        const t0 = performance.now();
        /** frames after the last answer; the first one is the end */
        let settled = 0;
        let endCandidate = null;
        const tick = () => {
          const now = performance.now();
          probe.frames++;
          if (probe.input != null && probe.header != null && pending.size === 0) {
            const after = probe.lastRes ?? probe.header; // no map work at all: the DOM frame ends it
            if (endCandidate == null || endCandidate < after) {
              endCandidate = now;
              settled = 0;
            }
            // new requests can follow an answer a frame later (loadData → reloadTile): wait a while
            if (++settled >= 4 && now - endCandidate >= 60) {
              probe.end = endCandidate;
              return finish();
            }
          } else settled = 0;
          if (now - t0 > timeoutMs) {
            probe.timedOut = true;
            return finish();
          }
          requestAnimationFrame(tick);
        };
        const finish = () => {
          window.removeEventListener('pointermove', onInput, true);
          w.__benchWorkerHook = null;
          hmo.disconnect();
          setTimeout(() => {
            lto?.disconnect();
            resolve({ ...probe, pending: pending.size });
          }, 50);
        };
        requestAnimationFrame(tick);
      });
    },
    { timeoutMs, before: s.rendered },
  );
  await trace?.start();
  await page.mouse.move(s.x + days * s.pxPerDay, s.y);
  const p = await page.evaluate(() => /** @type {any} */ (window).__benchProbe);
  await trace?.stop();
  await page.mouse.up();
  // idle-based signal (data-rendered-events), if it changes at all, comes after the fade-in
  await waitQuiet(page);
  const idle = await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__benchIdleObserver?.disconnect();
    return w.__benchIdle;
  });
  const after = await brushState(page);
  dbg('drag', days, { from: s.from, count: s.count, rendered: s.rendered }, '→', { from: after.from, count: after.count, rendered: after.rendered }, { ...p, longTasks: p.longTasks.length });
  if (p.input == null) throw new Error('the drag produced no pointermove in the page');
  if (after.from !== s.from + days) throw new Error(`drag moved the start by ${after.from - s.from} days, not ${days}`);
  if (p.timedOut) throw new Error(`map not updated within ${timeoutMs} ms (header ${p.header != null ? 'changed' : 'unchanged'}, ${p.pending} worker request(s) pending)`);
  const rel = (t) => (t == null ? null : t - p.input);
  return {
    toMap: rel(p.end),
    toHeader: rel(p.header),
    toFirstWorkerRequest: rel(p.firstReq),
    toLastWorkerAnswer: rel(p.lastRes),
    toIdle: rel(idle),
    workerRequests: p.reqs,
    longTaskMs: p.end == null ? null : Math.round(p.longTasks.filter(([t]) => t >= p.input - 1 && t < p.end).reduce((n, [, d]) => n + d, 0)),
    countBefore: s.count,
    countAfter: after.count,
    renderedBefore: s.rendered,
    renderedAfter: after.rendered,
  };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'toplevel', 'gpu'];
const traced = new Set();

/** Open the map, let it settle, then time RANGE_CHANGES alternating brush drags (median). */
export async function benchRangeChange(page, ctx, { firstLoadTimeoutMs = MAP_READY_TIMEOUT_MS, changeTimeoutMs = 20_000 } = {}) {
  await page.addInitScript(installWorkerProbe);
  await gotoMap(page, '/', firstLoadTimeoutMs);
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await waitQuiet(page, 800);
  // warm-up: find a step after which the header count differs
  const start = await brushState(page);
  const len = start.to - start.from + 1;
  let days = Math.max(1, Math.round(len / 3));
  for (;;) {
    const r = await dragFromHandle(page, days, changeTimeoutMs);
    if (r.countAfter !== r.countBefore) break;
    await dragFromHandle(page, -days, changeTimeoutMs);
    if (days >= len - 1) throw new Error(`no brush step changes the count of the ${len}-day range`);
    days = Math.min(len - 1, days * 2);
  }
  const changes = [];
  for (let i = 0; i < RANGE_CHANGES; i++) {
    // BENCH_TRACE=1: a Chrome trace (chrome://tracing, Perfetto) of the first timed change per measurement
    let trace = null;
    if (i === 0 && process.env.BENCH_TRACE && ctx?.browser && !traced.has(ctx.id)) {
      traced.add(ctx.id);
      const file = path.join(ROOT, 'bench-results', `trace-${ctx.id}.json`);
      mkdirSync(path.dirname(file), { recursive: true });
      trace = { start: () => ctx.browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES }), stop: () => ctx.browser.stopTracing() };
    }
    changes.push(await dragFromHandle(page, i % 2 === 0 ? -days : days, changeTimeoutMs, trace));
  }
  const med = (k) => median(changes.map((c) => c[k]).filter((v) => typeof v === 'number'));
  return {
    toMap: med('toMap'),
    toHeader: med('toHeader'),
    _detail: { days, counts: [changes[0]?.countAfter, changes[1]?.countAfter], changes },
  };
}

// ---- 100,000 synthetic events (a second server) ------------------------------------------------

const SYNTHETIC_N = Number(process.env.BENCH_SYNTHETIC_N ?? 100_000);
const SYNTHETIC_DB = path.join(ROOT, 'bench-results', `synthetic-${SYNTHETIC_N >= 1000 ? `${SYNTHETIC_N / 1000}k` : SYNTHETIC_N}.db`);
const SUMMARY_API = '/api/events?fields=summary';

/** First visit with the synthetic load: navigation → events drawn, and the summary fetch. */
async function benchSyntheticLoad(page) {
  /** @type {import('@playwright/test').Response | null} */
  let api = null;
  page.on('response', (res) => {
    const u = new URL(res.url());
    if (u.pathname === '/api/events' && u.searchParams.get('fields') === 'summary') api = res;
  });
  const navToEvents = await gotoMap(page, '/', 180_000);
  let apiMB = null;
  let apiTransferMB = null;
  let apiGzipMB = null;
  let apiMs = null;
  let encoding = null;
  if (api) {
    const res = /** @type {import('@playwright/test').Response} */ (api);
    // not res.body(): tens of MB are evicted from the inspector's cache
    const sizes = await res.request().sizes();
    const t = res.request().timing();
    encoding = (await res.allHeaders())['content-encoding'] ?? 'identity';
    apiTransferMB = sizes.responseBodySize / 1e6;
    apiMs = t.responseEnd > 0 ? t.responseEnd - Math.max(0, t.requestStart) : null;
    const body = Buffer.from(await (await fetch(res.url())).arrayBuffer());
    apiMB = body.length / 1e6;
    apiGzipMB = gzipSync(body).length / 1e6;
  }
  return { navToEvents, apiMs, apiMB, apiTransferMB, apiGzipMB, _detail: { apiFetched: Boolean(api), encoding } };
}

/** Servers besides the default one, started on first use and stopped at the end. */
const SERVERS = {
  synthetic: {
    label: `${SYNTHETIC_N} synthetic events`,
    async start() {
      if (process.env.BENCH_SYNTHETIC_URL) return { url: process.env.BENCH_SYNTHETIC_URL, stop: async () => {} };
      // A database of its own, filled through the store's write path (npm run seed:synthetic).
      const url = `file:${SYNTHETIC_DB}`;
      if (!existsSync(SYNTHETIC_DB)) {
        execFileSync('npx', ['tsx', 'scripts/seed-synthetic.ts', '--events', String(SYNTHETIC_N), '--db', url], { cwd: ROOT, stdio: 'inherit' });
      }
      ensureBuild();
      return await startServer({ timeoutMs: 180_000, env: { DATABASE_URL: url } });
    },
    // the first request pays for reading and indexing the file: keep that out of the figures
    warm: ['/', SUMMARY_API, '/api/movements'],
  },
};

/**
 * Each entry: `run(page, ctx)` → number | { [metricKey]: number | null } (keys starting with `_`
 * are kept as per-run detail in the JSON). `metrics` names each key (a number result is `value`).
 * `target: null` = informational, no ratio. `runs` overrides BENCH_RUNS, `timeoutMs` the per-run
 * time limit. `server` names an entry of SERVERS to run against instead of the default server.
 */
export const MEASUREMENTS = [
  {
    id: 'navigation',
    run: benchNavigation,
    metrics: {
      navToEvents: { name: 'navigation → events rendered', unit: 'ms', target: 2500 },
      lcp: { name: 'largest contentful paint', unit: 'ms', target: null },
    },
  },
  {
    id: 'javascript',
    run: benchJavaScript,
    metrics: {
      firstLoadJs: { name: 'JS before map chunk (gzip)', unit: 'kB', target: 150 },
      mapChunk: { name: 'map chunk, maplibre (gzip)', unit: 'kB', target: null },
      totalJs: { name: 'all JS incl. map (gzip)', unit: 'kB', target: null },
    },
  },
  {
    id: 'range-change',
    run: (page, ctx) => benchRangeChange(page, { ...ctx, id: 'range-change' }),
    metrics: {
      toMap: { name: 'range change → map updated (seed)', unit: 'ms', target: 100 },
      toHeader: { name: 'range change → counts updated (seed)', unit: 'ms', target: null },
    },
  },
  {
    id: 'synthetic-load',
    server: 'synthetic',
    timeoutMs: 240_000,
    run: benchSyntheticLoad,
    metrics: {
      navToEvents: { name: `first load → events rendered (${SYNTHETIC_N / 1000}k)`, unit: 'ms', target: null },
      apiMs: { name: `${SUMMARY_API} time (${SYNTHETIC_N / 1000}k)`, unit: 'ms', target: null },
      apiMB: { name: `${SUMMARY_API} size (${SYNTHETIC_N / 1000}k)`, unit: 'MB', target: null },
      apiTransferMB: { name: `  … transferred (${SYNTHETIC_N / 1000}k)`, unit: 'MB', target: null },
      apiGzipMB: { name: `  … if gzipped (${SYNTHETIC_N / 1000}k)`, unit: 'MB', target: null },
    },
  },
  {
    id: 'range-change-synthetic',
    server: 'synthetic',
    timeoutMs: 300_000,
    run: (page, ctx) => benchRangeChange(page, { ...ctx, id: 'range-change-synthetic' }, { firstLoadTimeoutMs: 180_000, changeTimeoutMs: 30_000 }),
    metrics: {
      toMap: { name: `range change → map updated (${SYNTHETIC_N / 1000}k)`, unit: 'ms', target: 250 },
      toHeader: { name: `range change → counts updated (${SYNTHETIC_N / 1000}k)`, unit: 'ms', target: null },
    },
  },
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
      const out = await withTimeout(Promise.resolve(m.run(page, { browser, context, baseURL })), m.timeoutMs ?? RUN_TIMEOUT_MS, m.id);
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

/** Rows saying why a measurement could not run at all. */
const errorRows = (m, error) =>
  Object.entries(m.metrics).map(([key, { name, unit, target }]) => ({ id: `${m.id}.${key}`, name, unit, target, value: null, ratio: null, runs: `0/${m.runs ?? RUNS}`, error }));

export async function runBench(measurements = MEASUREMENTS) {
  let server = null;
  let browser = null;
  /** SERVERS entries started so far: name → Promise<{ url, stop }> */
  const extra = new Map();
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
      let url = baseURL;
      if (m.server) {
        const def = SERVERS[m.server];
        if (!extra.has(m.server)) {
          extra.set(
            m.server,
            (async () => {
              const ts = performance.now();
              const srv = await def.start();
              for (const p of def.warm ?? []) await fetch(srv.url + p, { signal: AbortSignal.timeout(180_000) }).catch(() => {});
              process.stdout.write(` [${def.label}: server up and warm in ${((performance.now() - ts) / 1000).toFixed(1)} s]`);
              return srv;
            })(),
          );
          extra.get(m.server).catch(() => {});
        }
        try {
          url = (await extra.get(m.server)).url;
          meta[`baseURL.${m.server}`] = url;
        } catch (e) {
          results.push(...errorRows(m, `${def?.label ?? m.server} server: ${String(e?.message ?? e).split('\n')[0]}`));
          process.stdout.write(' server failed\n');
          continue;
        }
      }
      results.push(...(await runMeasurement(browser, url, m)));
      process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } catch (e) {
    results.push({ id: 'setup', name: 'bench setup', unit: '', target: null, value: null, ratio: null, runs: '0/0', error: String(e?.message ?? e) });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    for (const p of extra.values()) await p.then((srv) => srv.stop()).catch(() => {});
  }
  printTable(results);
  const out = path.join(ROOT, 'bench-results', 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ meta, results }, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
  const results = await runBench(only?.length ? MEASUREMENTS.filter((m) => only.includes(m.id)) : MEASUREMENTS);
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}
