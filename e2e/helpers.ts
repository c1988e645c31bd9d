// Small helpers shared by the browser specs (map, permalinks, embed/preview). Everything waits on a
// condition the app exposes (data-* attributes, window.__situationMap); nothing sleeps blindly.
import { expect, type APIRequestContext, type Locator, type Page } from './fixtures';

/** Map rendering runs on SwiftShader on a small machine: be generous. */
export const MAP_TIMEOUT = 45_000;

export const IDS = {
  shoigu: 'shoigu-arrives-tehran-2024-08-05',
  haniyeh: 'haniyeh-killed-tehran-2024-07-31',
  shukr: 'shukr-killed-beirut-2024-07-30',
  beirut1983: 'beirut-bombing-1983',
  biden: 'biden-national-security-meeting-2024-08-05',
  kurilla: 'kurilla-in-israel-2024-08-05',
  shoiguTrip: 'shoigu-moscow-tehran-2024-08-05',
} as const;

/** The crisis window the map opens on when the link names no dates (lib/timeline densestWindow over the per-day counts). */
export const DEFAULT_RANGE = { from: '2024-07-28', to: '2024-08-05' } as const;
export const TEHRAN: [number, number] = [51.389, 35.6892];
export const WASHINGTON: [number, number] = [-77.0369, 38.9072];

export interface ViewNow {
  lng: number;
  lat: number;
  zoom: number;
}

export interface SummaryFeature {
  geometry: { coordinates: [number, number] };
  properties: { id: string; title: string; category: string; start: string; end: string; placeName: string };
}
export interface MovementFeature {
  geometry: { coordinates: [number, number][] };
  properties: { id: string; kind: string; start: string; end: string; origin: { inferred: boolean; name: string } };
}
export interface SourceClaim {
  article: string;
  quote: string;
  offset: number;
}
export interface EventFeature {
  geometry: { coordinates: [number, number] };
  properties: { id: string; title: string; start: string; end: string; sources: SourceClaim[] };
}

export const map = (page: Page): Locator => page.getByTestId('map');
export const canvas = (page: Page): Locator => page.locator('[data-testid=map] canvas.maplibregl-canvas');
export const popup = (page: Page): Locator => page.getByTestId('popup');
export const listItems = (page: Page): Locator => page.locator('[data-testid=event-list] li[data-event-id]');
export const listButton = (page: Page, id: string): Locator => page.locator(`[data-testid=event-list] li[data-event-id="${id}"] button`);

/** Wait until MapLibre has loaded the style and drawn event markers (or clusters). */
export async function waitForMap(page: Page, { events = true }: { events?: boolean } = {}): Promise<void> {
  await expect(map(page)).toHaveAttribute('data-loaded', 'true', { timeout: MAP_TIMEOUT });
  if (events) await expect(map(page)).toHaveAttribute('data-events-rendered', 'true', { timeout: MAP_TIMEOUT });
  await page.waitForFunction(() => !!(window as unknown as { __situationMap?: unknown }).__situationMap, null, { timeout: MAP_TIMEOUT });
}

/** Open `path` and wait for the map with its markers. */
export async function openMap(page: Page, path = '/', opts: { events?: boolean } = {}): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} status`).toBe(200);
  await waitForMap(page, opts);
}

export async function view(page: Page): Promise<ViewNow> {
  const v = await page.evaluate(() => (window as unknown as { __situationMap: { view(): ViewNow | null } }).__situationMap.view());
  expect(v).not.toBeNull();
  return v!;
}

/** Wait until the camera stops moving (two identical readings a few frames apart). */
export async function waitForCameraStill(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __situationMap: { view(): unknown }; __e2eLastView?: string };
      const now = JSON.stringify(w.__situationMap.view());
      const still = w.__e2eLastView === now;
      w.__e2eLastView = now;
      return still;
    },
    null,
    { polling: 300, timeout: MAP_TIMEOUT },
  );
}

/** The page coordinates of a geographic point, from the map's own projection. */
export async function pagePoint(page: Page, lng: number, lat: number): Promise<{ x: number; y: number; inside: boolean }> {
  const box = await canvas(page).boundingBox();
  expect(box, 'map canvas box').not.toBeNull();
  const p = await page.evaluate(
    ([a, b]) => (window as unknown as { __situationMap: { project(lng: number, lat: number): { x: number; y: number } } }).__situationMap.project(a!, b!),
    [lng, lat],
  );
  const inside = p.x >= 0 && p.y >= 0 && p.x <= box!.width && p.y <= box!.height;
  return { x: box!.x + p.x, y: box!.y + p.y, inside };
}

/** Click the map where a coordinate really is (after the camera has settled). */
export async function clickMapAt(page: Page, lng: number, lat: number): Promise<void> {
  await waitForCameraStill(page);
  const p = await pagePoint(page, lng, lat);
  expect(p.inside, `(${lng}, ${lat}) is on screen`).toBe(true);
  await page.mouse.click(p.x, p.y);
}

export async function renderedCounts(page: Page): Promise<{ events: number; arcs: number }> {
  const m = map(page);
  return { events: Number(await m.getAttribute('data-rendered-events')), arcs: Number(await m.getAttribute('data-rendered-arcs')) };
}

/** "12 events in view …" → 12 */
export async function listCount(page: Page): Promise<number> {
  await expect(page.getByTestId('app')).toHaveAttribute('data-busy', 'false', { timeout: MAP_TIMEOUT });
  const text = (await page.getByTestId('list-count').textContent()) ?? '';
  const m = /^(\d+) events? in view/.exec(text.trim());
  expect(m, `list count text "${text}"`).not.toBeNull();
  return Number(m![1]);
}

/** "10 events · 4 movements in range" → { events: 10, movements: 4 } */
export async function rangeCounts(page: Page): Promise<{ events: number; movements: number }> {
  // The counts are the server's answer for the current view: wait until every query of it is in.
  await expect(page.getByTestId('app')).toHaveAttribute('data-busy', 'false', { timeout: MAP_TIMEOUT });
  const text = (await page.getByTestId('range-count').first().textContent()) ?? '';
  const m = /(\d+) events? · (\d+) movements? in range/.exec(text);
  expect(m, `range count text "${text}"`).not.toBeNull();
  return { events: Number(m![1]), movements: Number(m![2]) };
}

export function query(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

export const overlaps = (p: { start: string; end: string }, from: string, to: string): boolean => p.start <= to && p.end >= from;

export async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  expect(res.status(), `${url} → ${res.status()}`).toBe(200);
  return (await res.json()) as T;
}

export async function summaries(request: APIRequestContext, params = ''): Promise<SummaryFeature[]> {
  return (await getJson<{ features: SummaryFeature[] }>(request, `/api/events?fields=summary${params ? `&${params}` : ''}`)).features;
}

export async function movements(request: APIRequestContext): Promise<MovementFeature[]> {
  return (await getJson<{ features: MovementFeature[] }>(request, '/api/movements')).features;
}

/** Distance from point p to segment ab (screen pixels). */
export function segmentDistance(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Parse the width and height from a PNG's IHDR chunk. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  expect(buf.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

export interface PageSnapshot {
  /** events: single ids and "cluster z/x/y ×n" (+ " (u unreviewed)"); eventCount: the events all of them stand for */
  drawn: { events: string[]; eventCount: number; bySource: { article: number; feed: number }; movements: string[]; current: boolean };
  listed: string[];
  listedMovements: string[];
  tabs: string[];
  counts: string;
}

/** What the page draws and lists, once it has settled (data loaded, list caught up, map idle). */
export async function snapshot(page: Page): Promise<PageSnapshot> {
  await expect(page.getByTestId('range-count').first()).not.toHaveText(/Loading/, { timeout: MAP_TIMEOUT });
  await expect(page.getByTestId('app')).toHaveAttribute('data-busy', 'false', { timeout: MAP_TIMEOUT });
  await waitForMap(page, { events: false });
  const read = async (): Promise<PageSnapshot> => ({
    drawn: await page.evaluate(() => (window as unknown as { __situationMap: { drawn(): PageSnapshot['drawn'] } }).__situationMap.drawn()),
    listed: (await page.locator('[data-testid=event-list] li[data-event-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')!))).sort(),
    listedMovements: (await page.locator('[data-testid=movement-list] li[data-movement-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-movement-id')!))).sort(),
    tabs: await page.getByRole('tab').allTextContents(),
    counts: ((await page.getByTestId('range-count').first().textContent()) ?? '').trim(),
  });
  // The list renders deferred and follows the camera: read until two readings agree.
  let last = await read();
  await expect
    .poll(
      async () => {
        const now = await read();
        const same = JSON.stringify(now) === JSON.stringify(last);
        last = now;
        return same;
      },
      { timeout: MAP_TIMEOUT, intervals: [300] },
    )
    .toBe(true);
  return last;
}

/** The bounding box of a locator lies inside another's (a popup inside the map). */
export async function expectInside(inner: Locator, outer: Locator, what: string): Promise<void> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  expect(a, `${what} box`).not.toBeNull();
  expect(b, 'map box').not.toBeNull();
  const msg = `${what} ${JSON.stringify(a)} inside map ${JSON.stringify(b)}`;
  expect(a!.x, msg).toBeGreaterThanOrEqual(b!.x - 0.5);
  expect(a!.y, msg).toBeGreaterThanOrEqual(b!.y - 0.5);
  expect(a!.x + a!.width, msg).toBeLessThanOrEqual(b!.x + b!.width + 0.5);
  expect(a!.y + a!.height, msg).toBeLessThanOrEqual(b!.y + b!.height + 0.5);
}
