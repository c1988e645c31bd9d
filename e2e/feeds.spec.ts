// Feed events (GDELT) are a source of their own: a layer users show or hide, drawn apart from the
// events read from articles, counted apart, and their popup says there is no quote. Runs against a
// second production server whose database holds the two real GDELT exports in ../shared/gdelt.
import { test, expect } from './fixtures';
import { FEED_PORTS, startFeedServer, type FeedServer } from './feed-server';
import { getJson, openMap, query, snapshot } from './helpers';

let server: FeedServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startFeedServer(FEED_PORTS.map);
});

test.afterAll(async () => {
  await server?.stop();
});

interface Summary {
  properties: { id: string; start: string; sourceType?: string };
}

test('feed events are their own layer: drawn, counted apart, hidden and shown again', async ({ page, request }) => {
  const feeds = (await getJson<{ features: Summary[] }>(request, `${server.url}/api/events?fields=summary&source=feed&limit=1`)).features;
  expect(feeds.length).toBe(1);
  const day = feeds[0]!.properties.start;
  await openMap(page, `${server.url}/?from=${day}&to=${day}&map=1/20/0`, { events: false }); // the whole world: every feed event is in view
  const before = await snapshot(page);
  const feedIds = new Set((await getJson<{ features: Summary[] }>(request, `${server.url}/api/events?fields=summary&source=feed&from=${day}&to=${day}&limit=5000`)).features.map((f) => f.properties.id));
  // Drawn as markers or inside clusters: every feed event of the day is on the map, once.
  expect(before.drawn.bySource.feed).toBe(feedIds.size);
  await expect(page.getByTestId('range-count')).toContainText(`${feedIds.size} of the events from feeds`);

  await page.getByTestId('layer-feeds').click();
  await expect.poll(() => query(page).get('layers')).toBe('events,movements,areas,unreviewed');
  const hidden = await snapshot(page);
  expect(hidden.drawn.bySource.feed).toBe(0);
  expect(hidden.drawn.eventCount).toBe(before.drawn.bySource.article);
  await expect(page.getByTestId('range-count')).not.toContainText('from feeds');

  await page.getByTestId('layer-feeds').click();
  await expect.poll(() => query(page).get('layers')).toBeNull();
  expect(await snapshot(page)).toEqual(before);
});

test('a feed event says it has no quote and shows its story URL as text', async ({ page, request }) => {
  const [f] = (await getJson<{ features: Summary[] }>(request, `${server.url}/api/events?fields=summary&source=feed&limit=1`)).features;
  const full = await getJson<{ properties: { sources: unknown[]; feedSources: { url: string }[] } }>(request, `${server.url}/api/events/${f!.properties.id}`);
  expect(full.properties.sources).toEqual([]);
  await openMap(page, `${server.url}/?event=${f!.properties.id}`, { events: false });
  const pop = page.getByTestId('popup');
  await expect(pop).toHaveAttribute('data-event-id', f!.properties.id);
  await expect(pop.getByTestId('feed-note')).toContainText('No quote');
  await expect(pop.getByTestId('quote')).toHaveCount(0);
  const url = pop.getByTestId('feed-url').first();
  await expect(url).toHaveText(full.properties.feedSources[0]!.url);
  if (/^https?:/.test(full.properties.feedSources[0]!.url)) await expect(url).toHaveAttribute('rel', 'noopener noreferrer');
});

// ---- The page asks for its view (issue 7): thousands of feed events, never downloaded whole --------

interface ClusterOrEvent {
  geometry: { coordinates: [number, number] };
  properties: { cluster?: true; clusterId?: string; pointCount?: number; expansionZoom?: number | null; id?: string; start?: string };
}

/** Opens the busiest feed day over the whole world, recording the API requests the page sends. */
async function openFeedDay(page: import('@playwright/test').Page, request: import('@playwright/test').APIRequestContext) {
  const hist = await getJson<{ bins: { from: string; total: number }[] }>(request, `${server.url}/api/events/histogram?source=feed&from=2015-01-01&to=2018-12-31&binDays=1`);
  const day = hist.bins.reduce((a, b) => (b.total > a.total ? b : a)).from;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) requests.push(r.url());
  });
  await openMap(page, `${server.url}/?from=${day}&to=${day}&map=1/20/0&layers=feeds`, { events: false });
  return { day, requests, snap: await snapshot(page) };
}

test('the page asks for its view: clusters for the tiles on screen and one page of the list, never every event', async ({ page, request }) => {
  const { day, requests, snap } = await openFeedDay(page, request);
  const total = (await getJson<{ count: number }>(request, `${server.url}/api/events/count?source=feed&from=${day}&to=${day}`)).count;
  expect(total, 'a day with more feed events than one list page').toBeGreaterThan(100);
  // The whole world is in view: the clusters and markers stand for every event of the day, once.
  expect(snap.drawn.eventCount).toBe(total);
  expect(snap.drawn.events.some((e) => e.startsWith('cluster '))).toBe(true);
  await expect(page.getByTestId('range-count')).toContainText(`${total} events`);
  const events = requests.map((u) => new URL(u)).filter((u) => u.pathname === '/api/events');
  expect(events.length).toBeGreaterThan(0);
  for (const u of events) {
    expect(u.searchParams.get('bbox'), u.search).not.toBeNull();
    expect(Number(u.searchParams.get('limit')), u.search).toBeLessThanOrEqual(100);
  }
  const clusters = requests.map((u) => new URL(u)).filter((u) => u.pathname === '/api/events/clusters');
  expect(clusters.length).toBeGreaterThan(0);
  for (const u of clusters) expect(u.searchParams.get('from')).toBe(day);
});

test('the list shows a page at a time: Show more adds older rows, none twice, and the counts agree', async ({ page, request }) => {
  await openFeedDay(page, request);
  const rows = page.locator('[data-testid=event-list] li[data-event-id]');
  await expect(rows).toHaveCount(100);
  const inView = Number(/^(\d+) events? in view/.exec((await page.getByTestId('list-count').textContent()) ?? '')?.[1]);
  expect(inView).toBeGreaterThan(100);
  await expect(page.getByTestId('list-more')).toContainText(`${inView - 100} more`);
  await page.getByTestId('list-more').getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(Math.min(200, inView));
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
  expect(new Set(ids).size).toBe(ids.length);
  // A new view starts again from its first page.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByTestId('app')).toHaveAttribute('data-busy', 'false');
  await expect.poll(async () => rows.count()).toBeLessThanOrEqual(100);
});

const mapView = (page: import('@playwright/test').Page) => page.evaluate(() => (window as unknown as { __situationMap: { view(): { zoom: number } } }).__situationMap.view()!);
async function clickAt(page: import('@playwright/test').Page, [lng, lat]: [number, number]) {
  const p = await page.evaluate(([x, y]) => (window as unknown as { __situationMap: { project(a: number, b: number): { x: number; y: number } } }).__situationMap.project(x!, y!), [lng, lat]);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + p.x, box.y + p.y);
}
async function drawnClusters(request: import('@playwright/test').APIRequestContext, requests: string[]) {
  const url = requests.filter((u) => new URL(u).pathname === '/api/events/clusters').at(-1)!;
  return (await getJson<{ features: ClusterOrEvent[] }>(request, url)).features.filter((f) => f.properties.cluster).sort((a, b) => b.properties.pointCount! - a.properties.pointCount!);
}

test('a cluster click zooms in to where it splits', async ({ page, request }) => {
  const { requests } = await openFeedDay(page, request);
  const splitting = (await drawnClusters(request, requests)).find((c) => c.properties.expansionZoom !== null)!;
  expect((await mapView(page)).zoom).toBeLessThan(splitting.properties.expansionZoom!);
  await clickAt(page, splitting.geometry.coordinates);
  await expect.poll(async () => (await mapView(page)).zoom).toBeGreaterThanOrEqual(splitting.properties.expansionZoom!);
});

test('a cluster of events at one place lists them (from the server) instead of zooming', async ({ page, request }) => {
  const { requests } = await openFeedDay(page, request);
  // GDELT places a country-level event at the country's centroid: many share one point.
  const stacked = (await drawnClusters(request, requests)).find((c) => c.properties.expansionZoom === null)!;
  expect(stacked, 'a cluster whose events share one place').toBeDefined();
  const zoom = (await mapView(page)).zoom;
  await clickAt(page, stacked.geometry.coordinates);
  const list = page.getByTestId('cluster-popup');
  await expect(list).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(Math.min(200, stacked.properties.pointCount!));
  expect(requests.some((u) => u.includes(`/api/events/clusters/leaves?cluster=${stacked.properties.clusterId}&`))).toBe(true);
  expect((await mapView(page)).zoom).toBe(zoom);
});
