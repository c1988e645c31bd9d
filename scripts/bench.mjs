// `npm run bench [-- --events N]` (N synthetic events, default 100,000; 1,000,000 for issue 7's targets).
// One command, four phases, every figure printed next to its target and a baseline measured in the
// same run; results go to bench-results/latest.json (meta: date, load average, cores, commit).
//  1. store — scripts/bench-store.ts in a child process: imports N synthetic events through
//     writeBatchSync into bench-results/synthetic-<N>.db (baseline: the same events as JSON into one
//     unindexed table), then p50/p99 of count, page, clusters and histogram for 7 days + a country box
//     and for a year of the whole world (baseline: a NOT INDEXED scan with the same predicates).
//  2. servers — the PRODUCTION build (built if `.next/BUILD_ID` is missing): one on the seed data, one
//     with DATABASE_URL = that synthetic database; each in its own process group on a free port in
//     BENCH_PORTS (default 3300-3399), stopped at the end.
//  3. http — autocannon, 50 connections × 20 s per run, every request with a browser's Accept-Encoding
//     (gzip, deflate, br, zstd), on /api/health (the bare Next.js JSON route) and on /api/events as the
//     client's list asks for a view: `fields=summary&order=desc&limit=100&bbox=W,S,E,N&from&to` — a
//     7-day window in the last year, a country box panned by up to ±0.25° and rounded to 3 decimals.
//     Cold: a new URL on every request; warm: 64 URLs repeated. Then the map's /api/events/clusters
//     (zoom 6, same views, cold). With the server's pid, CPU ms per request too (see runHttp).
//  3b. ingest-load — the same cold /api/events list stream against a server on a backup of the synthetic
//     database (taken with `npm run backup`) with INGEST_TOKEN set, once alone and once while articles
//     are POSTed through the API every ~100 ms (scripts/test-articles.mjs), side by side; plus one URL
//     repeated, alone and with the ingest. Zero errors required, on reads and on the POSTs alike.
//  4. browser — headless Debian Chromium, median of BENCH_RUNS (default 5) fresh contexts, each
//     measurement against both servers (the seed server is the baseline): navigation → events drawn and
//     data bytes transferred, range drag → map updated, longest main-thread task while panning and
//     dragging; plus the seed-only navigation and JavaScript-size rows.
// BENCH_ONLY=store,http,ingest-load,<measurement id>,… runs only those; BENCH_URL / BENCH_SYNTHETIC_URL use running
// servers instead (BENCH_SYNTHETIC_PID: that server's pid, for its CPU per request); BENCH_HTTP_SECONDS, BENCH_HTTP_CONNECTIONS, BENCH_STORE_RUNS tune the phases.
//
// To add a browser measurement, write `async function benchX(page, ctx)` returning a number (or an
// object of numbers, one per metric) and add an entry to MEASUREMENTS below. `gotoMap(page)` opens
// the app and waits until the event layer has drawn. A measurement that throws becomes an error row.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ROOT, ensureBuild, startServer } from './server.mjs';
import { testArticle } from './test-articles.mjs';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.mjs';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const RUN_TIMEOUT_MS = 120_000;
const MAP_READY_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1280, height: 800 };

/** true once the app says its event layer has drawn features */
const mapReady = () =>
  /** @type {HTMLElement | null} */ (document.querySelector('[data-testid="map"]'))?.dataset.eventsRendered === 'true';

/** How long the map may sit loaded with "0 events" in range before gotoMap gives up. */
const EMPTY_GIVE_UP_MS = 8000;

/**
 * Navigate to `url` (default '/') and wait until the map shows its events. Returns elapsed ms.
 * Fails fast (instead of at `timeout`) when the map has loaded and the header has said "0 events"
 * for EMPTY_GIVE_UP_MS: the client has nothing to draw for the default range.
 */
export async function gotoMap(page, url = '/', timeout = MAP_READY_TIMEOUT_MS) {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout });
  const state = await page.waitForFunction(
    (giveUp) => {
      const map = /** @type {HTMLElement | null} */ (document.querySelector('[data-testid="map"]'));
      if (map?.dataset.eventsRendered === 'true') return 'ready';
      const w = /** @type {any} */ (window);
      const count = document.querySelector('[data-testid="range-count"]')?.textContent ?? '';
      if (map?.dataset.loaded === 'true' && /^0 events/.test(count)) {
        w.__benchEmptySince ??= performance.now();
        if (performance.now() - w.__benchEmptySince > giveUp) return `empty: "${count}"`;
      } else w.__benchEmptySince = null;
      return false;
    },
    EMPTY_GIVE_UP_MS,
    { timeout, polling: 'raf' },
  );
  const s = await state.jsonValue();
  if (s !== 'ready') throw new Error(`the map drew no events: it loaded and showed ${s.slice(7)} for ${EMPTY_GIVE_UP_MS / 1000} s`);
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
      // the app is busy until every query of the new view (clusters, counts, list) has answered
      const app = /** @type {HTMLElement | null} */ (document.querySelector('[data-testid="app"]'));
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
          if (probe.input != null && probe.header != null && pending.size === 0 && app?.dataset.busy !== 'true') {
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

// ---- first load, bytes, panning ---------------------------------------------------------------

/** Resource types that carry data (not scripts, styles, fonts, images): the document and API calls. */
const DATA_TYPES = new Set(['document', 'fetch', 'xhr']);

/**
 * First visit: navigation → the map element says data-events-rendered="true", and the bytes the page
 * transferred for data — the sum of the encoded response bodies and headers of the document and every
 * fetch/XHR, counted once the network has been idle (so whatever the client fetches after the first
 * draw is in it too). Measures whatever the client does: one summary download or viewport clusters.
 */
async function benchLoad(page) {
  /** @type {Promise<{ path: string, type: string, bytes: number }>[]} */
  const sizes = [];
  page.on('requestfinished', (req) => {
    if (!DATA_TYPES.has(req.resourceType())) return;
    sizes.push(
      req.sizes().then(
        (z) => ({ path: new URL(req.url()).pathname + new URL(req.url()).search, type: req.resourceType(), bytes: z.responseBodySize + z.responseHeadersSize }),
        () => ({ path: req.url(), type: req.resourceType(), bytes: 0 }),
      ),
    );
  });
  let navToEvents = null;
  let error = null;
  try {
    navToEvents = await gotoMap(page, '/', 180_000);
  } catch (e) {
    error = String(e?.message ?? e).split('\n')[0]; // the bytes are still worth reporting
  }
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => {});
  const all = await Promise.all(sizes);
  const bytes = all.reduce((n, r) => n + r.bytes, 0);
  const top = [...all].sort((x, y) => y.bytes - x.bytes).slice(0, 8);
  return { navToEvents, dataMB: bytes / 1e6, _detail: { requests: all.length, largest: top }, ...(error ? { _error: error } : {}) };
}

/** In the page: start collecting PerformanceObserver 'longtask' entries into window.__benchLongTasks. */
function startLongTasks(page) {
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__benchLongTasks = [];
    w.__benchLto?.disconnect();
    w.__benchLto = new PerformanceObserver((list) => w.__benchLongTasks.push(...list.getEntries().map((e) => e.duration)));
    w.__benchLto.observe({ type: 'longtask' });
  });
}
function stopLongTasks(page) {
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__benchLto?.disconnect();
    return /** @type {number[]} */ (w.__benchLongTasks ?? []);
  });
}

/**
 * Longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) while the user pans the map
 * (two mouse drags, 300 px each way, 20 steps) and drags the timeline's start handle (a week each
 * way), each followed by the map settling (0 when no task reached 50 ms).
 */
async function benchInteract(page) {
  await page.addInitScript(installWorkerProbe);
  await gotoMap(page, '/', 180_000);
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => {});
  await waitQuiet(page, 800);
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('no map element');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await startLongTasks(page);
  for (const dx of [300, -300]) {
    await page.mouse.move(cx - dx / 2, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx / 2, cy + dx / 6, { steps: 20 });
    await page.mouse.up();
    await waitQuiet(page);
  }
  const panTasks = await stopLongTasks(page);
  await startLongTasks(page);
  for (const days of [-7, 7]) {
    // a plain drag (not dragFromHandle: a week may not change the seed's count, and that is fine here)
    const b = await brushState(page);
    await page.mouse.move(b.x, b.y);
    await page.mouse.down();
    await page.mouse.move(b.x + days * b.pxPerDay, b.y, { steps: 10 });
    await page.mouse.up();
    await waitQuiet(page);
  }
  const dragTasks = await stopLongTasks(page);
  const max = (xs) => xs.reduce((m, x) => Math.max(m, x), 0);
  return { longestTask: Math.max(max(panTasks), max(dragTasks)), longestPan: max(panTasks), longestDrag: max(dragTasks), _detail: { panTasks, dragTasks } };
}

// ---- the size of the synthetic database: --events N ---------------------------------------------

function cliArg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
}
export const SYNTHETIC_N = Number(cliArg('events') ?? process.env.BENCH_SYNTHETIC_N ?? 100_000);
if (!Number.isInteger(SYNTHETIC_N) || SYNTHETIC_N < 1) throw new Error('--events must be a positive integer');
const SIZE = SYNTHETIC_N >= 1e6 && SYNTHETIC_N % 1e6 === 0 ? `${SYNTHETIC_N / 1e6}M` : SYNTHETIC_N >= 1000 ? `${SYNTHETIC_N / 1000}k` : String(SYNTHETIC_N);
const SYNTHETIC_DB = path.join(ROOT, 'bench-results', `synthetic-${SIZE}.db`);
/** lib/store/synthetic.ts SYNTHETIC_TO: the last day of the synthetic data */
const SYNTHETIC_TO = '2024-08-05';
/** the same country boxes as scripts/bench-store.ts */
const COUNTRIES = [
  [35.1, 33.05, 36.62, 34.69],
  [34.27, 29.5, 35.9, 33.34],
  [35.7, 32.3, 42.4, 37.3],
  [38.8, 29.1, 48.6, 37.4],
  [22.1, 44.4, 40.2, 52.4],
];

/** Servers the measurements run against, started once each and stopped at the end. */
const SERVERS = {
  seed: {
    label: 'seed data',
    async start() {
      if (process.env.BENCH_URL) return { url: process.env.BENCH_URL, stop: async () => {} };
      return await startServer({ port: await benchPort(), env: { WEB_CONCURRENCY: SERVER_PROCESSES } });
    },
    warm: ['/', '/api/events', '/api/movements', '/api/health'],
  },
  synthetic: {
    label: `${SIZE} synthetic events`,
    async start() {
      if (process.env.BENCH_SYNTHETIC_URL) return { url: process.env.BENCH_SYNTHETIC_URL, pid: Number(process.env.BENCH_SYNTHETIC_PID) || undefined, stop: async () => {} };
      // Normally the store phase has just imported it (--out); otherwise fill it the same way.
      const url = `file:${SYNTHETIC_DB}`;
      if (!existsSync(SYNTHETIC_DB)) {
        execFileSync('npx', ['tsx', 'scripts/seed-synthetic.ts', '--events', String(SYNTHETIC_N), '--db', url], { cwd: ROOT, stdio: 'inherit' });
      }
      return await startServer({ port: await benchPort(), timeoutMs: 180_000, env: { DATABASE_URL: url, WEB_CONCURRENCY: SERVER_PROCESSES } });
    },
    // the first requests pay for opening the file, the curated import and route compilation
    warm: ['/', '/api/events?fields=summary', '/api/movements', '/api/health'],
  },
  ingest: {
    label: `${SIZE} synthetic events, writable`,
    async start() {
      // A copy, so the articles this server takes in never reach the database the other phases measure;
      // made with the online backup, whose time and size are worth a row of their own.
      if (!existsSync(SYNTHETIC_DB)) await SERVERS.synthetic.start().then((s) => s.stop());
      const out = execFileSync('npx', ['tsx', 'scripts/backup.ts', '--force', '--json', '--db', `file:${SYNTHETIC_DB}`, INGEST_DB], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      ingestBackup = JSON.parse(out.trim().split('\n').at(-1));
      const srv = await startServer({ port: await benchPort(), timeoutMs: 180_000, env: { DATABASE_URL: `file:${INGEST_DB}`, INGEST_TOKEN, WEB_CONCURRENCY: SERVER_PROCESSES, RATE_LIMIT_WRITES_PER_MIN: '0' } });
      return { ...srv, token: INGEST_TOKEN };
    },
    warm: ['/', '/api/events?fields=summary', '/api/health'],
  },
};
const INGEST_DB = path.join(ROOT, 'bench-results', `ingest-load-${SIZE}.db`);
const INGEST_TOKEN = `bench-${process.pid}-${Date.now()}`;
/** what `npm run backup --json` printed when the ingest server's copy was made */
let ingestBackup = null;

/** A free port in BENCH_PORTS (default 3300-3399: the range this shared machine leaves to benches). */
async function benchPort() {
  const [lo, hi] = (process.env.BENCH_PORTS ?? '3300-3399').split('-').map(Number);
  const start = lo + Math.floor(Math.random() * (hi - lo + 1));
  for (let i = 0; i <= hi - lo; i++) {
    const port = lo + ((start - lo + i) % (hi - lo + 1));
    const free = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${lo}-${hi}`);
}

/**
 * Browser measurements. Each entry: `run(page, ctx)` → number | { [metricKey]: number | null } (keys
 * starting with `_` are kept as per-run detail in the JSON). `metrics` names each key (a number result
 * is `value`): `target` (null = informational), `better` ('lower' default / 'higher'), `baseline` = the
 * id of the row it is printed next to. `servers` lists the SERVERS entries it runs against (default
 * ['seed']); the row id gets the server name appended. `runs` overrides BENCH_RUNS.
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
    id: 'load',
    servers: ['seed', 'synthetic'],
    timeoutMs: 240_000,
    run: benchLoad,
    metrics: {
      navToEvents: { name: 'first load → events drawn', unit: 'ms', target: { synthetic: 3000 }, baseline: 'load.navToEvents.seed' },
      dataMB: { name: 'data transferred (document + fetch/XHR)', unit: 'MB', target: { synthetic: 1.5 }, baseline: 'load.dataMB.seed' },
    },
  },
  {
    id: 'range-change',
    servers: ['seed', 'synthetic'],
    timeoutMs: 300_000,
    run: (page, ctx) => benchRangeChange(page, { ...ctx, id: `range-change-${ctx.server}` }, { firstLoadTimeoutMs: 180_000, changeTimeoutMs: 30_000 }),
    metrics: {
      toMap: { name: 'range drag → map updated', unit: 'ms', target: { seed: 100, synthetic: 250 }, baseline: 'range-change.toMap.seed' },
      toHeader: { name: 'range drag → counts updated', unit: 'ms', target: null, baseline: 'range-change.toHeader.seed' },
    },
  },
  {
    id: 'interact',
    servers: ['seed', 'synthetic'],
    timeoutMs: 300_000,
    run: benchInteract,
    metrics: {
      longestTask: { name: 'longest task, panning + dragging', unit: 'ms', target: { synthetic: 200 }, baseline: 'interact.longestTask.seed' },
      longestPan: { name: '  … while panning', unit: 'ms', target: null, baseline: 'interact.longestPan.seed' },
      longestDrag: { name: '  … while dragging the range', unit: 'ms', target: null, baseline: 'interact.longestDrag.seed' },
    },
  },
];

// ---- store: import and in-process queries (scripts/bench-store.ts) ---------------------------------

/**
 * Runs scripts/bench-store.ts in a child process (its own heap and CPU account, away from the browser
 * driver and the load generator) with --out, so the database it imports is the one the synthetic server
 * then serves. Returns its JSON results.
 */
function runStoreBench() {
  mkdirSync(path.dirname(SYNTHETIC_DB), { recursive: true });
  const args = ['tsx', 'scripts/bench-store.ts', '--events', String(SYNTHETIC_N), '--out', SYNTHETIC_DB, '--no-supercluster', '--json', '--runs', process.env.BENCH_STORE_RUNS ?? '200'];
  const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** scripts/bench-pipeline.ts in its own process, so its peak memory is the pipeline's alone. */
function runPipelineBench() {
  const args = ['tsx', 'scripts/bench-pipeline.ts', '--json', '--rounds', process.env.BENCH_PIPELINE_ROUNDS ?? '3'];
  const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function pipelineRows(r) {
  const detail = { corpus: r.corpus, rounds: r.rounds, meanArticleBytes: r.meanArticleBytes, perSecondWallClock: r.perSecond, meanMsPerArticle: r.meanMsPerArticle, gazetteerLoadMs: r.gazetteerLoadMs, refused: r.refused, loadAverage: r.loadAverage };
  return [
    row('pipeline.articlesPerCpuSecond', `ingest, whole path with the store write: articles of 4 kB per CPU-second (${r.corpus} × ${r.rounds})`, '/s', r.perCpuSecond, 20, 'higher', { baseline: r.extractPerCpuSecond, baselineName: 'extraction alone', detail }),
    row('pipeline.peakRss', 'ingest: peak memory with the gazetteer loaded', 'MB', r.peakRssMb, 300, 'lower', { detail: { gazetteerLoadMs: r.gazetteerLoadMs } }),
  ];
}

const QUERY_OPS = [
  ['count', 'count'],
  ['page200', 'page of 200'],
  ['clusters', 'clusters'],
  ['histogram', 'histogram'],
];
/** bench-store.ts result names per window and op */
const STORE_NAMES = {
  week: { count: 'week.count', page200: 'week.page200', clusters: 'week.clusters(z6)', histogram: 'week.histogram(1-day bins)' },
  year: { count: 'year.count', page200: 'year.page200', clusters: 'year.clusters(z2) SQL grid', histogram: 'year.histogram(7-day bins)' },
};

function storeRows(r) {
  const rows = [];
  rows.push(
    row('store.import', `import through the write path, ${r.importMode === 'per-batch' ? 'a transaction per batch' : 'one transaction'} (${SIZE})`, 'rows/s', r.importRowsPerSecond, 50_000, 'higher', {
      baseline: r.bareInsertRowsPerSecond,
      baselineName: 'same events as JSON into one unindexed table',
      detail: { rowsPerCpuSecond: r.importRowsPerCpuSecond, bareRowsPerCpuSecond: r.bareInsertRowsPerCpuSecond, generateMs: r.generateMs, loadAverage: r.loadAverage },
    }),
    row('store.bytesPerEvent', 'database bytes per event', 'B', r.bytesPerEvent, null, 'lower', { baseline: r.jsonBytesPerEvent, baselineName: 'GeoJSON bytes per event' }),
  );
  for (const [win, label] of [
    ['week', '7 days + country'],
    ['year', 'year, whole world'],
  ]) {
    for (const [op, opLabel] of QUERY_OPS) {
      const name = STORE_NAMES[win][op];
      const q = r[name];
      const n = r[`${name} naive scan`];
      if (!q) continue;
      const speedup = n ? n.p50 / q.p50 : null;
      rows.push(
        row(`store.${win}.${op}.p50`, `${label}: ${opLabel} p50`, 'ms', q.p50, win === 'week' ? 5 : null, 'lower', { baseline: n?.p50 ?? null, baselineName: 'naive scan p50', detail: { cpuP50: q.cpuP50, naiveCpuP50: n?.cpuP50 } }),
        row(`store.${win}.${op}.p99`, `${label}: ${opLabel} p99`, 'ms', q.p99, null, 'lower', { baseline: n?.p99 ?? null, baselineName: 'naive scan p99', detail: { cpuP99: q.cpuP99 } }),
        row(`store.${win}.${op}.speedup`, `${label}: ${opLabel} speed-up vs scan (p50)`, '×', speedup, win === 'week' ? 50 : null, 'higher', { detail: { cpu: n ? n.cpuP50 / q.cpuP50 : null } }),
      );
    }
  }
  for (const [op, opLabel, base] of [
    ['page200', 'page of 200', 'week.page200'],
    ['clusters', 'clusters', 'week.clusters(z6)'],
  ]) {
    const q = r[`${base} with reviews`];
    if (q) rows.push(row(`store.week.${op}.reviews.p50`, `7 days + country, 1 in 10 machine-extracted: ${opLabel} p50`, 'ms', q.p50, 5, 'lower', { baseline: r[base]?.p50 ?? null, baselineName: 'no review states' }));
  }
  return rows;
}

/** A result row; `ratio` is value/target when lower is better and target/value when higher is. */
function row(id, name, unit, value, target, better = 'lower', extra = {}) {
  const { detail, ...rest } = extra;
  const ok = value == null || target == null ? null : better === 'higher' ? value >= target : value <= target;
  return { id, name, unit, value, target, better, ok, runs: '1/1', ...rest, ...(detail ? { details: detail } : {}) };
}

// ---- HTTP: autocannon against the production server ------------------------------------------------

const HTTP_CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
/** What Chromium sends: every request may be answered compressed, as a browser's would be. */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** A seeded stream of random numbers in [0, 1). */
function lcg(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const addDays = (iso, d) => new Date(Date.parse(`${iso}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);

/**
 * One page of the client's list for a random view: a 7-day window in the synthetic data's last year, a
 * country box moved by up to ±0.25° (a pan) and rounded to 3 decimals as the client rounds its box; the
 * parameters the list sends (summary fields, newest first, 100 rows) in its order.
 */
function listPath(rand) {
  const to = addDays(SYNTHETIC_TO, -Math.floor(rand() * 365));
  const [w, s, e, n] = COUNTRIES[Math.floor(rand() * COUNTRIES.length)];
  const dx = (rand() - 0.5) * 0.5;
  const dy = (rand() - 0.5) * 0.5;
  const box = [w + dx, s + dy, e + dx, n + dy].map((v) => Number(v.toFixed(3)));
  return `/api/events?fields=summary&order=desc&limit=100&bbox=${box.join(',')}&from=${addDays(to, -6)}&to=${to}`;
}

/** The map's clusters for the same kind of view, at country zoom. */
function clustersPath(rand) {
  return listPath(rand).replace('/api/events?fields=summary&order=desc&limit=100&', '/api/events/clusters?zoom=6&');
}

/**
 * One autocannon run. `next` is called for every request (every connection draws from one stream, so
 * no two requests of a cold run share a URL); `paths` are cycled instead (each connection from the
 * first: a warm run in which every URL repeats). With the server's pid, the CPU it spent per request
 * (user + system, from /proc): the figure the neighbours on a shared machine disturb least.
 */
async function cannon(url, { paths, next }, seconds, pid) {
  const { default: autocannon } = await import('autocannon');
  const headers = { 'accept-encoding': ACCEPT_ENCODING };
  const requests = next ? [{ method: 'GET', headers, setupRequest: (req) => ({ ...req, path: next() }) }] : paths.map((p) => ({ method: 'GET', path: p, headers }));
  const cpu0 = processCpuMs(pid);
  const r = await autocannon({ url, connections: HTTP_CONNECTIONS, duration: seconds, requests });
  const cpu1 = processCpuMs(pid);
  const errors = r.errors + r.timeouts + r.non2xx;
  const total = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors,
    requests: r.requests.total,
    cpuPerRequest: cpu0 != null && cpu1 != null ? (cpu1 - cpu0) / total : null,
    bytesPerRequest: r.throughput.total / total,
    detail: { errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, '2xx': r['2xx'], latencyMax: r.latency.max, rpsStddev: r.requests.stddev, loadAverage: os.loadavg() },
  };
}

/** CPU milliseconds (user + system) a process has used, or null when it cannot be read. */
/** The servers run as `npm start` does (one process per core) unless WEB_CONCURRENCY says otherwise. */
const SERVER_PROCESSES = process.env.WEB_CONCURRENCY ?? 'auto';

function processCpuMs(pid) {
  if (!pid) return null;
  const stat = (p) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  try {
    // The server and its workers (npm start runs one process per core): every process whose parent it is.
    let ms = 0;
    for (const p of [String(pid), ...readdirSync('/proc').filter((d) => /^\d+$/.test(d))]) {
      let f;
      try {
        f = stat(p);
      } catch {
        continue;
      }
      if (p === String(pid) || f[1] === String(pid)) ms += ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
    }
    return ms;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The bare baseline is /api/health: a Next.js route handler that goes through the same server, router,
 * compression and getStore() and reads the revision — everything but the query and its JSON, so the
 * ratio is what the events query itself costs under load. /api/events is measured as the client's list
 * asks for it (see listPath), cold (a new URL every request: nothing can come from a cache) and warm (64
 * URLs over and over: what a cache could answer); the map's clusters, cold, are shown without a target.
 */
async function runHttp({ url, pid }) {
  await cannon(url, { paths: ['/api/health'] }, 3, pid); // warm-up, not recorded
  const bare = await cannon(url, { paths: ['/api/health'] }, HTTP_SECONDS, pid);
  const coldStream = lcg(7);
  await cannon(url, { next: () => listPath(coldStream) }, 3, pid);
  const ev = await cannon(url, { next: () => listPath(coldStream) }, HTTP_SECONDS, pid);
  const warmRand = lcg(11);
  const warmPaths = Array.from({ length: 64 }, () => listPath(warmRand));
  const warm = await cannon(url, { paths: warmPaths }, HTTP_SECONDS, pid);
  const clusterStream = lcg(13);
  await cannon(url, { next: () => clustersPath(clusterStream) }, 3, pid);
  const cl = await cannon(url, { next: () => clustersPath(clusterStream) }, HTTP_SECONDS, pid);
  const label = `/api/events list page, 7 days + box (${SIZE}, ${HTTP_CONNECTIONS} conn × ${HTTP_SECONDS} s)`;
  const b = (v, name) => ({ baseline: v, baselineName: `/api/health ${name}` });
  return [
    row('http.events.rps', `${label}, cold: requests/s`, 'req/s', ev.rps, 800, 'higher', { ...b(bare.rps, 'req/s'), detail: { events: ev.detail, health: bare.detail, bytesPerRequest: Math.round(ev.bytesPerRequest), healthBytesPerRequest: Math.round(bare.bytesPerRequest), requests: ev.requests, healthRequests: bare.requests, acceptEncoding: ACCEPT_ENCODING } }),
    row('http.events.p50', `${label}, cold: latency p50`, 'ms', ev.p50, null, 'lower', b(bare.p50, 'p50')),
    row('http.events.p99', `${label}, cold: latency p99`, 'ms', ev.p99, 150, 'lower', b(bare.p99, 'p99')),
    row('http.events.errors', `${label}, cold: errors (incl. timeouts, non-2xx)`, '', ev.errors, 0, 'lower', b(bare.errors, 'errors')),
    row('http.events.cpu', `${label}, cold: server CPU per request`, 'ms', ev.cpuPerRequest, null, 'lower', b(bare.cpuPerRequest, 'CPU per request')),
    row('http.events.vsBare', '/api/events cold vs bare route: req/s ratio (bare ÷ events)', '×', ev.rps ? bare.rps / ev.rps : null, 1.5, 'lower'),
    row('http.events.vsBareP99', '/api/events cold vs bare route: p99 ratio (events ÷ bare)', '×', bare.p99 ? ev.p99 / bare.p99 : null, 1.5, 'lower'),
    row('http.events.vsBareCpu', '/api/events cold vs bare route: CPU per request ratio', '×', ev.cpuPerRequest != null && bare.cpuPerRequest ? ev.cpuPerRequest / bare.cpuPerRequest : null, 1.5, 'lower'),
    row('http.events.warm.rps', `${label}, 64 URLs repeated: requests/s`, 'req/s', warm.rps, 800, 'higher', { ...b(bare.rps, 'req/s'), detail: { ...warm.detail, bytesPerRequest: Math.round(warm.bytesPerRequest), requests: warm.requests } }),
    row('http.events.warm.p99', `${label}, 64 URLs repeated: latency p99`, 'ms', warm.p99, 150, 'lower', b(bare.p99, 'p99')),
    row('http.events.warm.cpu', `${label}, 64 URLs repeated: server CPU per request`, 'ms', warm.cpuPerRequest, null, 'lower', b(bare.cpuPerRequest, 'CPU per request')),
    row('http.clusters.rps', `/api/events/clusters zoom 6, 7 days + box, cold: requests/s`, 'req/s', cl.rps, null, 'higher', { ...b(bare.rps, 'req/s'), detail: { ...cl.detail, bytesPerRequest: Math.round(cl.bytesPerRequest), requests: cl.requests } }),
    row('http.clusters.p99', `/api/events/clusters zoom 6, 7 days + box, cold: latency p99`, 'ms', cl.p99, null, 'lower', b(bare.p99, 'p99')),
    row('http.clusters.cpu', `/api/events/clusters zoom 6, 7 days + box, cold: server CPU per request`, 'ms', cl.cpuPerRequest, null, 'lower', b(bare.cpuPerRequest, 'CPU per request')),
  ];
}

// ---- ingest load: reads while articles are written ---------------------------------------------------

const INGEST_EVERY_MS = Number(process.env.BENCH_INGEST_EVERY_MS ?? 100);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Articles POSTed one after another, each ~INGEST_EVERY_MS after the last one started (or at once when
 * one took longer): a newsroom's feed, not a flood. Returns stop(), which waits for the one in flight.
 */
function startIngest(url, token, first) {
  const latencies = [];
  const failures = [];
  let running = true;
  let n = first;
  const done = (async () => {
    while (running) {
      const t0 = performance.now();
      // Each a different happening (and so a new text), two reports in turn: half merge into stored events.
      const { article } = testArticle(Math.floor(n / 2), n % 2);
      n++;
      try {
        const r = await fetch(`${url}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(article) });
        await r.arrayBuffer();
        if (r.status === 201) latencies.push(performance.now() - t0);
        else failures.push(`${r.status}`);
      } catch (e) {
        failures.push(String(e?.message ?? e));
      }
      await sleep(Math.max(0, INGEST_EVERY_MS - (performance.now() - t0)));
    }
  })();
  return {
    next: () => n,
    async stop() {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
      return { posted: latencies.length + failures.length, created: latencies.length, failures, p50: q(0.5), p99: q(0.99) };
    },
  };
}

/**
 * The list the map asks for (listPath: 7 days + a country box, varied per request), 50 connections × 20 s,
 * alone and while articles are ingested through the API into the same server and database; then one URL
 * repeated, alone and with the ingest (each write changes the revision, so the response caches keep
 * missing). The "with" rows carry the "alone" figure as their baseline.
 */
async function runIngestLoad({ url, pid, token }) {
  const rows = [];
  if (ingestBackup) {
    rows.push(
      row('backup.seconds', `npm run backup of the ${SIZE} database (online backup, checked): time`, 's', ingestBackup.seconds, null, 'lower', { detail: ingestBackup }),
      row('backup.mb', `npm run backup of the ${SIZE} database: size`, 'MB', ingestBackup.bytes / 1024 / 1024, null, 'lower'),
    );
  }
  const label = `/api/events list page, 7 days + box (${SIZE}, ${HTTP_CONNECTIONS} conn × ${HTTP_SECONDS} s)`;
  const stream = lcg(17);
  // The first article loads the gazetteer (seconds of one blocked event loop): not part of either run.
  const warmIngest = startIngest(url, token, 3_400);
  await sleep(1);
  const warmed = await warmIngest.stop();
  if (warmed.failures.length) throw new Error(`the warm-up ingest failed: ${warmed.failures[0]}`);
  // Not recorded: a fresh copy's pages come into SQLite's cache and the mapped file here (the first
  // measured run of a 3 s warm-up came out slower than the run with the ingest after it).
  await cannon(url, { next: () => listPath(stream) }, WARM_SECONDS, pid);
  const alone = await cannon(url, { next: () => listPath(stream) }, HTTP_SECONDS, pid);
  let ingest = startIngest(url, token, 0);
  const withIngest = await cannon(url, { next: () => listPath(stream) }, HTTP_SECONDS, pid);
  const written = await ingest.stop();
  const one = [listPath(lcg(23))];
  const sameAlone = await cannon(url, { paths: one }, HTTP_SECONDS, pid);
  ingest = startIngest(url, token, written.posted);
  const sameWith = await cannon(url, { paths: one }, HTTP_SECONDS, pid);
  const written2 = await ingest.stop();
  const b = (v, what) => ({ baseline: v, baselineName: `alone (${what})` });
  const ratio = (a, c) => (a && c ? a / c : null);
  rows.push(
    row('ingestload.alone.rps', `${label}, varied URLs, alone: requests/s`, 'req/s', alone.rps, 800, 'higher', { detail: alone.detail }),
    row('ingestload.alone.p50', `… alone: latency p50`, 'ms', alone.p50, null),
    row('ingestload.alone.p99', `… alone: latency p99`, 'ms', alone.p99, 150),
    row('ingestload.alone.errors', `… alone: errors (incl. timeouts, non-2xx)`, '', alone.errors, 0),
    row('ingestload.with.rps', `… while ingesting (an article every ${INGEST_EVERY_MS} ms): requests/s`, 'req/s', withIngest.rps, 800, 'higher', { ...b(alone.rps, 'req/s'), detail: withIngest.detail }),
    row('ingestload.with.p50', `… while ingesting: latency p50`, 'ms', withIngest.p50, null, 'lower', b(alone.p50, 'p50')),
    row('ingestload.with.p99', `… while ingesting: latency p99`, 'ms', withIngest.p99, 150, 'lower', b(alone.p99, 'p99')),
    row('ingestload.with.errors', `… while ingesting: errors (incl. timeouts, non-2xx)`, '', withIngest.errors, 0, 'lower', b(alone.errors, 'errors')),
    row('ingestload.with.cpu', `… while ingesting: server CPU per read (the ingest's included)`, 'ms', withIngest.cpuPerRequest, null, 'lower', b(alone.cpuPerRequest, 'CPU per request')),
    row('ingestload.ratio.rps', `… req/s ratio, alone ÷ while ingesting`, '×', ratio(alone.rps, withIngest.rps), null),
    row('ingestload.ratio.p99', `… p99 ratio, while ingesting ÷ alone`, '×', ratio(withIngest.p99, alone.p99), null),
    row('ingestload.ingest.created', `… articles ingested during the run (201)`, '', written.created, null, 'higher', { detail: { ...written, failures: written.failures.slice(0, 10) } }),
    row('ingestload.ingest.failures', `… ingest POSTs not answered 201`, '', written.failures.length + written2.failures.length, 0),
    row('ingestload.ingest.p50', `… ingest POST latency p50 (p99 in details)`, 'ms', written.p50, null, 'lower', { detail: { p99: written.p99, sameUrlRun: { ...written2, failures: written2.failures.slice(0, 10) } } }),
    row('ingestload.same.alone.rps', `${label}, one URL repeated, alone: requests/s`, 'req/s', sameAlone.rps, 800, 'higher', { detail: { ...sameAlone.detail, path: one[0] } }),
    row('ingestload.same.alone.p99', `… one URL, alone: latency p99`, 'ms', sameAlone.p99, 150),
    row('ingestload.same.with.rps', `… one URL, while ingesting: requests/s`, 'req/s', sameWith.rps, 800, 'higher', { ...b(sameAlone.rps, 'req/s'), detail: sameWith.detail }),
    row('ingestload.same.with.p99', `… one URL, while ingesting: latency p99`, 'ms', sameWith.p99, 150, 'lower', b(sameAlone.p99, 'p99')),
    row('ingestload.same.errors', `… one URL: errors alone + while ingesting`, '', sameAlone.errors + sameWith.errors, 0),
  );
  return rows;
}

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

const targetFor = (target, server) => (target != null && typeof target === 'object' ? (target[server] ?? null) : target);

/** Run one measurement `runs` times in fresh contexts against one server; never throws. */
async function runMeasurement(browser, baseURL, m, server) {
  const runs = m.runs ?? RUNS;
  const samples = Object.fromEntries(Object.keys(m.metrics).map((k) => [k, []]));
  const errors = [];
  /** @type {string[]} */
  const soft = [];
  const details = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
    const pageErrors = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
      const out = await withTimeout(Promise.resolve(m.run(page, { browser, context, baseURL, server })), m.timeoutMs ?? RUN_TIMEOUT_MS, m.id);
      const values = typeof out === 'number' ? { value: out } : out;
      for (const [k, v] of Object.entries(values)) {
        if (k === '_error') soft.push(String(v)); // explains the metrics this run left null
        else if (k.startsWith('_')) details.push({ run: i, [k]: v });
        else if (k in samples && typeof v === 'number' && Number.isFinite(v)) samples[k].push(v);
      }
    } catch (e) {
      const msg = String(/** @type {Error} */ (e)?.message ?? e).split('\n')[0];
      errors.push(pageErrors.length ? `${msg} [page errors: ${pageErrors.slice(0, 3).join(' | ')}]` : msg);
    } finally {
      await context.close().catch(() => {});
    }
  }
  const suffix = m.servers ? `.${server}` : '';
  return Object.entries(m.metrics).map(([key, { name, unit, target: t, better = 'lower', baseline }], index) => {
    const xs = samples[key];
    const target = targetFor(t, server);
    const id = `${m.id}.${key}${suffix}`;
    const base = {
      id,
      name: m.servers ? `${name} (${SERVERS[server].label})` : name,
      unit,
      target,
      better,
      runs: `${xs.length}/${runs}`,
      samples: xs,
      ...(baseline && baseline !== id ? { baselineId: baseline } : {}),
      ...(index === 0 && details.length ? { details } : {}),
    };
    if (xs.length === 0) return { ...base, value: null, ok: null, error: errors[0] ?? soft[0] ?? 'no value produced' };
    const value = median(xs);
    const ok = target == null ? null : better === 'higher' ? value >= target : value <= target;
    return { ...base, value, ok, ...(errors.length ? { errors } : {}) };
  });
}

/** Fill `baseline` from the row named by `baselineId` (measured in this run). */
function linkBaselines(results) {
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const r of results) {
    if (!r.baselineId) continue;
    const b = byId.get(r.baselineId);
    r.baseline = b?.value ?? null;
    r.baselineName = b ? b.name : `${r.baselineId} (not run)`;
  }
}

function fmtValue(v, unit) {
  if (v == null || !Number.isFinite(v)) return '—';
  if (unit === 'ms') return v < 10 ? v.toFixed(2) : v.toFixed(0);
  if (unit === 'MB') return v < 10 ? v.toFixed(2) : v.toFixed(0);
  if (unit === '/s') return v.toFixed(1);
  if (unit === 's') return v.toFixed(2);
  if (unit === '×') return v < 10 ? v.toFixed(2) : v.toFixed(0);
  if (unit === 'kB') return v.toFixed(1);
  return Math.round(v).toLocaleString('en');
}

function printTable(results) {
  const f = (v, unit) => (v == null ? '—' : `${fmtValue(v, unit)}${unit && unit !== '×' ? ` ${unit}` : unit}`);
  const rows = results.map((r) => [
    r.name,
    r.error ? 'ERROR' : f(r.value, r.unit),
    r.target == null ? '—' : `${r.better === 'higher' ? '≥' : '≤'} ${f(r.target, r.unit)}`,
    r.ok == null ? '' : r.ok ? 'ok' : 'MISSED',
    r.baseline == null ? '' : `${f(r.baseline, r.unit)} ${r.baselineName}`,
    r.runs,
  ]);
  const head = ['measurement', 'value (median)', 'target', '', 'baseline (same run)', 'runs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  for (const r of results) if (r.error) console.log(`  ! ${r.name}: ${r.error}`);
  for (const r of results) if (!r.error && r.errors) console.log(`  ! ${r.name}: ${r.errors.length} failed run(s): ${r.errors[0]}`);
}

/** Rows saying why a measurement could not run at all. */
const errorRows = (m, error, server) =>
  Object.entries(m.metrics).map(([key, { name, unit, target }]) => ({
    id: `${m.id}.${key}${m.servers ? `.${server}` : ''}`,
    name: m.servers ? `${name} (${SERVERS[server]?.label ?? server})` : name,
    unit,
    target: targetFor(target, server),
    value: null,
    ok: null,
    runs: `0/${m.runs ?? RUNS}`,
    error,
  }));

/**
 * The whole bench. `phases` (BENCH_ONLY, comma-separated) picks among 'store', 'pipeline', 'http' and measurement ids;
 * all by default. Order: store (imports the synthetic database), then both servers, HTTP, browser.
 */
export async function runBench({ only = null } = {}) {
  const want = (id) => !only || only.includes(id);
  const measurements = MEASUREMENTS.filter((m) => want(m.id));
  /** @type {Map<string, Promise<{ url: string, stop: () => Promise<void> }>>} */
  const servers = new Map();
  let browser = null;
  const results = [];
  const cpus = os.cpus();
  const meta = { date: new Date().toISOString(), events: SYNTHETIC_N, runs: RUNS, node: process.version, cpus: cpus.length, cpuModel: cpus[0]?.model, loadAverageAtStart: os.loadavg() };
  try {
    meta.commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  const server = (name) => {
    if (!servers.has(name)) {
      const def = SERVERS[name];
      const p = (async () => {
        const ts = performance.now();
        if (!process.env.BENCH_URL || name !== 'seed') ensureBuild();
        const srv = await def.start();
        for (const path of def.warm ?? []) await fetch(srv.url + path, { signal: AbortSignal.timeout(180_000) }).catch(() => {});
        console.log(`  [${def.label}: ${srv.url}, up and warm in ${((performance.now() - ts) / 1000).toFixed(1)} s]`);
        meta[`baseURL.${name}`] = srv.url;
        return srv;
      })();
      p.catch(() => {});
      servers.set(name, p);
    }
    return /** @type {Promise<{ url: string, stop: () => Promise<void> }>} */ (servers.get(name));
  };
  try {
    console.log(`bench: ${SIZE} synthetic events, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus.length} cores`);
    if (want('store') && !process.env.BENCH_SYNTHETIC_URL) {
      const t0 = performance.now();
      console.log(`  store: importing ${SIZE} events into ${path.relative(ROOT, SYNTHETIC_DB)} and timing queries …`);
      try {
        const r = runStoreBench();
        meta.store = r;
        results.push(...storeRows(r));
      } catch (e) {
        results.push({ id: 'store', name: 'store bench (scripts/bench-store.ts)', unit: '', target: null, value: null, ok: null, runs: '0/1', error: String(e?.message ?? e).split('\n')[0] });
      }
      console.log(`  store: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (want('pipeline')) {
      const t0 = performance.now();
      console.log('  pipeline: articles through extraction, merge and the store write …');
      try {
        results.push(...pipelineRows(runPipelineBench()));
      } catch (e) {
        results.push({ id: 'pipeline', name: 'ingest pipeline (scripts/bench-pipeline.ts)', unit: '', target: null, value: null, ok: null, runs: '0/1', error: String(e?.message ?? e).split('\n')[0] });
      }
      console.log(`  pipeline: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (want('http')) {
      const t0 = performance.now();
      console.log(`  http: ${HTTP_CONNECTIONS} connections × ${HTTP_SECONDS} s each: /api/health, /api/events cold and warm, clusters …`);
      try {
        results.push(...(await runHttp(await server('synthetic'))));
      } catch (e) {
        results.push({ id: 'http', name: 'HTTP load (autocannon)', unit: '', target: null, value: null, ok: null, runs: '0/1', error: String(e?.message ?? e).split('\n')[0] });
      }
      console.log(`  http: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (want('ingest-load')) {
      const t0 = performance.now();
      console.log(`  ingest-load: ${HTTP_CONNECTIONS} connections × ${HTTP_SECONDS} s each: /api/events alone and while ingesting, one URL alone and while ingesting …`);
      try {
        results.push(...(await runIngestLoad(await server('ingest'))));
      } catch (e) {
        results.push({ id: 'ingest-load', name: 'HTTP load while ingesting (autocannon)', unit: '', target: null, value: null, ok: null, runs: '0/1', error: String(e?.message ?? e).split('\n')[0] });
      }
      console.log(`  ingest-load: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (measurements.length) {
      browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true });
      meta.chromium = browser.version();
      console.log(`  browser: Chromium ${meta.chromium}, ${RUNS} run(s) per measurement`);
      for (const m of measurements) {
        for (const name of m.servers ?? ['seed']) {
          process.stdout.write(`  ${m.id} (${SERVERS[name].label}) …`);
          const t0 = performance.now();
          let url;
          try {
            url = (await server(name)).url;
          } catch (e) {
            results.push(...errorRows(m, `${SERVERS[name].label} server: ${String(e?.message ?? e).split('\n')[0]}`, name));
            process.stdout.write(' server failed\n');
            continue;
          }
          results.push(...(await runMeasurement(browser, url, m, name)));
          process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
        }
      }
    }
  } catch (e) {
    results.push({ id: 'setup', name: 'bench setup', unit: '', target: null, value: null, ok: null, runs: '0/0', error: String(e?.message ?? e) });
  } finally {
    await browser?.close().catch(() => {});
    for (const p of servers.values()) await p.then((srv) => srv.stop()).catch(() => {});
  }
  meta.loadAverageAtEnd = os.loadavg();
  linkBaselines(results);
  printTable(results);
  const out = path.join(ROOT, 'bench-results', 'latest.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ meta, results }, null, 2) + '\n');
  console.log(`\nload average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; wrote ${path.relative(process.cwd(), out)}`);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
  const results = await runBench({ only: only?.length ? only : null });
  process.exitCode = results.some((r) => r.error) ? 1 : 0;
}
