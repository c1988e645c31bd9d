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

// ---- range change → map updated ---------------------------------------------------------------
//
// A user drags the start handle of the timeline brush. One pointermove moves it by `days` days (a
// live, uncommitted range change: the same path every frame of a real drag takes). We time, in the
// page, from that input event's timestamp to the moment the map container's `data-rendered-events`
// (markers + clusters drawn, updated by MapView on map idle) takes the value it has for the new
// range: i.e. React has re-filtered and re-rendered, MapLibre has re-clustered and drawn, and the
// map went idle. Ranges alternate A → B → A … so every change really changes the set; a warm-up
// change first learns the drawn count for A and B (and widens the step until they differ).

const RANGE_CHANGES = 5;
const QUIET_MS = 400;

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
        const tick = (now) => {
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

/** The brush's start handle (x = its date boundary), pixels per day, and the range as day numbers. */
async function brushState(page) {
  return page.evaluate(() => {
    const from = document.querySelector('[data-testid="handle-from"]');
    const to = document.querySelector('[data-testid="handle-to"]');
    if (!from || !to) throw new Error('no brush handles');
    const box = (el) => el.querySelector('rect').getBoundingClientRect(); // the 22 px hit rect, centred on the boundary
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

/**
 * Drag the start handle by `days` and time it. `expect` = the drawn count the new range has
 * (null: any change). Returns page-side timestamps relative to the input event.
 */
async function dragFromHandle(page, days, expect, timeoutMs) {
  const s = await brushState(page);
  await page.mouse.move(s.x, s.y);
  await page.mouse.down();
  await page.evaluate(
    ({ expect, timeoutMs, before }) => {
      const map = /** @type {HTMLElement} */ (document.querySelector('[data-testid="map"]'));
      const header = document.querySelector('[data-testid="range-count"]');
      const probe = { input: null, header: null, frame: null, mapFirst: null, map: null, rendered: null, longTasks: [] };
      const w = /** @type {any} */ (window);
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
      w.__benchProbe = new Promise((resolve) => {
        const done = (ok) => {
          window.removeEventListener('pointermove', onInput, true);
          hmo.disconnect();
          mmo.disconnect();
          clearTimeout(timer);
          // let the long-task observer deliver what it has
          setTimeout(() => {
            lto?.disconnect();
            resolve({ ok, ...probe });
          }, 50);
        };
        const hmo = new MutationObserver(() => {
          if (probe.header != null) return;
          probe.header = performance.now();
          requestAnimationFrame(() => (probe.frame = performance.now()));
        });
        if (header) hmo.observe(header, { childList: true, subtree: true, characterData: true });
        const mmo = new MutationObserver(() => {
          const n = Number(map.dataset.renderedEvents);
          if (n === before) return;
          probe.mapFirst ??= performance.now();
          if (expect != null && n !== expect) return;
          probe.map = performance.now();
          probe.rendered = n;
          done(true);
        });
        mmo.observe(map, { attributes: true, attributeFilter: ['data-rendered-events'] });
        const timer = setTimeout(() => {
          probe.rendered = Number(map.dataset.renderedEvents);
          done(false);
        }, timeoutMs);
      });
    },
    { expect, timeoutMs, before: s.rendered },
  );
  await page.mouse.move(s.x + days * s.pxPerDay, s.y);
  const p = await page.evaluate(() => /** @type {any} */ (window).__benchProbe);
  await page.mouse.up();
  await waitQuiet(page);
  const after = await brushState(page);
  if (after.from !== s.from + days) throw new Error(`drag moved the start by ${after.from - s.from} days, not ${days}`);
  const rel = (t) => (t == null || p.input == null ? null : t - p.input);
  const end = p.map ?? p.mapFirst;
  return {
    ok: p.ok && p.input != null,
    toMap: rel(p.map),
    toHeader: rel(p.header),
    toFrame: rel(p.frame),
    toMapFirst: rel(p.mapFirst),
    longTaskMs: p.input == null || end == null ? null : p.longTasks.filter(([t]) => t >= p.input - 1 && t < end).reduce((n, [, d]) => n + d, 0),
    before: s.rendered,
    rendered: p.rendered,
    countBefore: s.count,
    countAfter: after.count,
  };
}

/** Open the map, let it settle, then time RANGE_CHANGES alternating brush drags. */
async function benchRangeChange(page, { firstLoadTimeoutMs = MAP_READY_TIMEOUT_MS, changeTimeoutMs = 20_000 } = {}) {
  await gotoMap(page, '/', firstLoadTimeoutMs);
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  await waitQuiet(page, 800);
  // warm-up / calibration: find a step whose two ranges draw different counts
  const start = await brushState(page);
  const len = start.to - start.from + 1;
  let days = Math.max(1, Math.round(len / 3));
  let a = start.rendered;
  let b = null;
  for (;;) {
    const r = await dragFromHandle(page, days, null, changeTimeoutMs);
    b = (await brushState(page)).rendered;
    if (r.ok && b !== a) break;
    await dragFromHandle(page, -days, null, changeTimeoutMs); // back to A (nothing to wait for if equal)
    a = (await brushState(page)).rendered;
    if (days >= len - 1) throw new Error(`no brush step changes the drawn count (${a}) of the ${len}-day range`);
    days = Math.min(len - 1, days * 2);
  }
  const changes = [];
  for (let i = 0; i < RANGE_CHANGES; i++) {
    const back = i % 2 === 0; // we are at B after the warm-up
    const r = await dragFromHandle(page, back ? -days : days, back ? a : b, changeTimeoutMs);
    if (!r.ok) throw new Error(`change ${i + 1}: map never showed ${back ? a : b} drawn events (stuck at ${r.rendered})`);
    changes.push(r);
  }
  const med = (k) => median(changes.map((c) => c[k]).filter((v) => typeof v === 'number'));
  return {
    toMap: med('toMap'),
    toHeader: med('toHeader'),
    _detail: { days, drawn: [a, b], counts: [changes[0]?.countAfter, changes[1]?.countAfter], changes },
  };
}

// ---- 100,000 synthetic events (a second server) ------------------------------------------------

const SYNTHETIC_N = Number(process.env.BENCH_SYNTHETIC_N ?? 100_000);
const SYNTHETIC_FILE = path.join(ROOT, 'bench-results', `synthetic-${SYNTHETIC_N >= 1000 ? `${SYNTHETIC_N / 1000}k` : SYNTHETIC_N}.json`);
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
  /** @type {any} */
  let apiMB = null;
  let apiTransferMB = null;
  let apiMs = null;
  if (api) {
    const res = /** @type {import('@playwright/test').Response} */ (api);
    const body = await res.body();
    const sizes = await res.request().sizes();
    const t = res.request().timing();
    apiMB = body.length / 1e6;
    apiTransferMB = sizes.responseBodySize / 1e6;
    apiMs = t.responseEnd > 0 ? t.responseEnd - Math.max(0, t.requestStart) : null;
  }
  return { navToEvents, apiMB, apiTransferMB, apiMs, _detail: { apiFetched: Boolean(api), encoding: api ? (await /** @type {any} */ (api).allHeaders())['content-encoding'] ?? 'identity' : null } };
}

/** Servers besides the default one, started on first use and stopped at the end. */
const SERVERS = {
  synthetic: {
    label: `${SYNTHETIC_N} synthetic events`,
    async start() {
      if (process.env.BENCH_SYNTHETIC_URL) return { url: process.env.BENCH_SYNTHETIC_URL, stop: async () => {} };
      const gen = path.join(ROOT, 'scripts', 'synthetic-events.mjs');
      if (!existsSync(SYNTHETIC_FILE) || statSync(SYNTHETIC_FILE).mtimeMs < statSync(gen).mtimeMs) {
        const { writeSyntheticEvents } = await import(pathToFileURL(gen).href);
        writeSyntheticEvents(SYNTHETIC_N, SYNTHETIC_FILE);
      }
      ensureBuild();
      // startServer passes process.env to `next start`; set the variable just for that spawn.
      const prev = process.env.SITUATION_MAP_EXTRA_EVENTS;
      process.env.SITUATION_MAP_EXTRA_EVENTS = SYNTHETIC_FILE;
      try {
        return await startServer({ timeoutMs: 180_000, readyPath: '/api/actors' });
      } finally {
        if (prev === undefined) delete process.env.SITUATION_MAP_EXTRA_EVENTS;
        else process.env.SITUATION_MAP_EXTRA_EVENTS = prev;
      }
    },
    // the first request pays for reading and indexing the file: keep that out of the figures
    warm: ['/api/actors', '/', SUMMARY_API, '/api/movements'],
  },
};

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
  {
    id: 'range-change',
    run: (page) => benchRangeChange(page),
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
    },
  },
  {
    id: 'range-change-synthetic',
    server: 'synthetic',
    timeoutMs: 300_000,
    run: (page) => benchRangeChange(page, { firstLoadTimeoutMs: 180_000, changeTimeoutMs: 30_000 }),
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
