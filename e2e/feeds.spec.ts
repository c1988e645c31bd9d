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
  await expect.poll(() => query(page).get('layers')).toBe('events,movements,areas');
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
