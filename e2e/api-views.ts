// Shared by the API view specs (api-views, api-feed): fetch helpers and the oracles the views are
// checked against. Every expectation is computed from what /api/events returns, never a fixed count.
import { expect, type APIRequestContext, type APIResponse } from './fixtures';

export type Json = Record<string, unknown>;
export interface EventProps {
  id: string;
  category: string;
  start: string;
  end: string;
  precision: string;
  sourceType: string;
  sources?: unknown[];
  feedSources?: { feed: string; recordId: string; url: string; code?: string }[];
}
export interface EventFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: EventProps;
}
export interface EventPage {
  type: 'FeatureCollection';
  features: EventFeature[];
  nextCursor: string | null;
}
export interface ClusterFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: ({ cluster: true; clusterId: string; pointCount: number; expansionZoom: number | null }) | (EventProps & { cluster?: undefined });
}
export interface Histogram {
  window: { from: string; to: string };
  binDays: number;
  bins: { from: string; to: string; total: number; counts: Record<string, number> }[];
  spans: { start: string; end: string; precision: string; category: string; count: number }[];
  maxTotal: number;
}

/** The most one page may hold (lib/limits PAGE.max). */
export const PAGE_MAX = 5000;

export const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString();

export async function okJson<T>(res: APIResponse): Promise<T> {
  expect(res.status(), `${res.url()} → ${res.status()}: ${(await res.text()).slice(0, 300)}`).toBe(200);
  expect(res.headers()['content-type']).toMatch(/json/);
  return (await res.json()) as T;
}

export async function expectBadRequest(res: APIResponse, path?: string): Promise<Json> {
  const body = await res.text();
  expect(res.status(), `${res.url()} → ${res.status()}: ${body.slice(0, 300)}`).toBe(400);
  expect(res.headers()['content-type']).toMatch(/^application\/json/);
  const json = JSON.parse(body) as Json;
  expect(typeof json.error).toBe('string');
  if (path) {
    // The issue names the parameter, or an element of a list parameter (source.0).
    const paths = ((json.issues ?? []) as { path: string }[]).map((i) => i.path);
    expect(paths.some((p) => p === path || p.startsWith(`${path}.`)), `${res.url()}: an issue about ${path}, got ${JSON.stringify(json.issues)}`).toBe(true);
  }
  return json;
}

export async function page(request: APIRequestContext, params: Record<string, string | number | undefined>): Promise<EventPage> {
  return okJson<EventPage>(await request.get(`/api/events?${qs(params)}`));
}

/** Every matching event, by following nextCursor from the first page; checks each page on the way. */
export async function allPages(request: APIRequestContext, params: Record<string, string | number | undefined>, limit: number): Promise<{ features: EventFeature[]; pages: number }> {
  const out: EventFeature[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const p = await page(request, { ...params, limit, cursor });
    pages++;
    expect(p.features.length, `page ${pages} of limit ${limit}`).toBeLessThanOrEqual(limit);
    // Only the last page may be short (and an empty page only when nothing matches at all).
    if (p.nextCursor !== null) expect(p.features.length, `a page with a nextCursor is full (page ${pages})`).toBe(limit);
    out.push(...p.features);
    if (p.nextCursor === null) break;
    expect(typeof p.nextCursor).toBe('string');
    cursor = p.nextCursor;
    expect(pages, 'paging terminates').toBeLessThan(10_000);
  }
  return { features: out, pages };
}

/** Everything matching in one request (asserting it fits one page). */
export async function everything(request: APIRequestContext, params: Record<string, string | number | undefined> = {}): Promise<EventFeature[]> {
  const p = await page(request, { ...params, limit: PAGE_MAX });
  if (p.nextCursor !== null) return (await allPages(request, params, PAGE_MAX)).features;
  return p.features;
}

export const idsOf = (fs: { properties: { id: string } }[]) => fs.map((f) => f.properties.id);

/** (start, id): the documented order of pages. */
export function expectPageOrder(fs: EventFeature[]): void {
  const wrong: string[] = [];
  for (let i = 1; i < fs.length; i++) {
    const a = fs[i - 1]!.properties;
    const b = fs[i]!.properties;
    if (!(a.start < b.start || (a.start === b.start && a.id < b.id))) wrong.push(`${a.id} (${a.start}) before ${b.id} (${b.start})`);
  }
  expect(wrong, 'events in (start, id) order').toEqual([]);
}

// ---- histogram oracle ----

const DAY = 864e5;
export const dayNum = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** Day-precision events per bin (an event counts in every bin its [start, end] touches), and coarser ones as grouped spans. */
export function expectedHistogram(events: EventFeature[], from: string, to: string, binDays: number) {
  const w0 = dayNum(from);
  const w1 = dayNum(to);
  const bins: { from: string; to: string; total: number; counts: Record<string, number> }[] = [];
  for (let d = w0; d <= w1; d += binDays) {
    const bf = isoOf(d);
    const bt = isoOf(Math.min(d + binDays - 1, w1));
    const inBin = events.filter((e) => e.properties.precision === 'day' && e.properties.start <= bt && e.properties.end >= bf);
    const counts: Record<string, number> = {};
    for (const e of inBin) counts[e.properties.category] = (counts[e.properties.category] ?? 0) + 1;
    bins.push({ from: bf, to: bt, total: inBin.length, counts });
  }
  const spans = new Map<string, { start: string; end: string; precision: string; category: string; count: number }>();
  for (const e of events) {
    const p = e.properties;
    if (p.precision === 'day') continue;
    const key = [p.start, p.end, p.precision, p.category].join('|');
    const s = spans.get(key) ?? { start: p.start, end: p.end, precision: p.precision, category: p.category, count: 0 };
    s.count++;
    spans.set(key, s);
  }
  return { bins, spans: [...spans.values()] };
}

const spanKey = (s: { start: string; end: string; precision: string; category: string }) => [s.start, s.end, s.precision, s.category].join('|');
export const sortSpans = <T extends { start: string; end: string; precision: string; category: string }>(xs: T[]) => [...xs].sort((a, b) => spanKey(a).localeCompare(spanKey(b)));

/** The histogram equals the oracle over the events /api/events returns for the same window and filters. */
export async function checkHistogram(request: APIRequestContext, params: Record<string, string | undefined>, from: string, to: string, binDays: number): Promise<Histogram> {
  const h = await okJson<Histogram>(await request.get(`/api/events/histogram?${qs({ ...params, from, to, binDays })}`));
  const events = await everything(request, { ...params, from, to });
  const want = expectedHistogram(events, from, to, binDays);
  const label = `histogram ${qs({ ...params, from, to, binDays })}`;
  expect(h.window, label).toEqual({ from, to });
  expect(h.binDays, label).toBe(binDays);
  expect(h.bins.map((b) => [b.from, b.to]), `${label}: contiguous bins`).toEqual(want.bins.map((b) => [b.from, b.to]));
  expect(h.bins.map((b) => b.total), `${label}: bin totals`).toEqual(want.bins.map((b) => b.total));
  expect(h.bins.map((b) => b.counts), `${label}: per-category counts`).toEqual(want.bins.map((b) => b.counts));
  expect(h.bins.filter((b) => Object.values(b.counts).reduce((x, y) => x + y, 0) !== b.total).map((b) => b.from), `${label}: counts add up to totals`).toEqual([]);
  expect(h.maxTotal, label).toBe(Math.max(0, ...h.bins.map((b) => b.total)));
  expect(sortSpans(h.spans), `${label}: spans`).toEqual(sortSpans(want.spans));
  return h;
}

// ---- cluster oracle ----

/** Clusters cover each matching event exactly once: point counts plus single events add up to the events in the box. */
export async function checkClusters(request: APIRequestContext, params: Record<string, string | undefined>, bbox: string, zoom: number): Promise<ClusterFeature[]> {
  const label = `clusters ${qs({ ...params, bbox, zoom })}`;
  const fc = await okJson<{ type: string; features: ClusterFeature[] }>(await request.get(`/api/events/clusters?${qs({ ...params, bbox, zoom })}`));
  expect(fc.type).toBe('FeatureCollection');
  const events = await everything(request, { ...params, bbox });
  const ids = new Set(idsOf(events));
  let covered = 0;
  const clusterIds = new Set<string>();
  const singles = new Set<string>();
  const wrong: string[] = []; // collected, then asserted once: thousands of expect() steps are slow
  const [w, s, e, n] = bbox.split(',').map(Number) as [number, number, number, number];
  for (const f of fc.features) {
    const p = f.properties;
    if (p.cluster === true) {
      if (!(p.pointCount >= 2)) wrong.push(`cluster ${p.clusterId} holds ${p.pointCount} events`);
      if (typeof p.clusterId !== 'string' || clusterIds.has(p.clusterId)) wrong.push(`cluster id ${p.clusterId} missing or repeated`);
      clusterIds.add(p.clusterId);
      // Clustered at the asked zoom, or coarser when the box spans more cells than one answer may hold
      // (lib/limits MAX_CLUSTER_CELLS): either way at the zoom its id names, never finer.
      const clusteredAt = Number(String(p.clusterId).split('/')[0]);
      if (!(clusteredAt <= Math.floor(zoom))) wrong.push(`cluster ${p.clusterId} is finer than zoom ${zoom}`);
      if (p.expansionZoom !== null && !(p.expansionZoom > clusteredAt)) wrong.push(`cluster ${p.clusterId} expands at ${p.expansionZoom}`);
      covered += p.pointCount;
    } else {
      if (!ids.has(p.id)) wrong.push(`single ${p.id} is not one of the events in the box`);
      if (singles.has(p.id)) wrong.push(`single ${p.id} twice`);
      singles.add(p.id);
      covered += 1;
    }
    // A cluster sits at the mean of its events, all of which lie in the box (west > east wraps).
    const [lng, lat] = f.geometry.coordinates;
    if (!(lat >= s - 1e-6 && lat <= n + 1e-6)) wrong.push(`latitude ${lat} outside the box`);
    if (w <= e && !(lng >= w - 1e-6 && lng <= e + 1e-6)) wrong.push(`longitude ${lng} outside the box`);
  }
  expect(wrong, label).toEqual([]);
  expect(covered, `${label}: point counts add up to the events in the box`).toBe(events.length);
  return fc.features;
}
