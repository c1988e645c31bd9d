// Feed events through the API: a second production server on a temporary database seeded with the real
// GDELT exports by the importer CLI (the suite's own server keeps the curated database). Checks that
// feed events are their own kind — sourceType 'feed', no quotes, the story URL — and that the views
// (pages, one event, clusters, histogram) hold at a few thousand events. Figures come from the
// importer's --json summary and /api/events, never fixed counts.
import { test, expect } from './fixtures';
import { allPages, checkClusters, checkHistogram, dayNum, everything, idsOf, isoOf, okJson, type EventFeature } from './api-views';
import { FEED_PORTS, startFeedServer, type FeedServer, type ImportSummary } from './feed-server';

const MAIN_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const FEED_URL = `http://127.0.0.1:${FEED_PORTS.api}`;

let feedServer: FeedServer;
let summary: ImportSummary;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: FEED_URL });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  feedServer = await startFeedServer(FEED_PORTS.api);
  summary = feedServer.summary;
});

test.afterAll(async () => {
  await feedServer?.stop();
});

const isHttpUrl = (u: unknown) => {
  try {
    return typeof u === 'string' && ['http:', 'https:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
};

test.describe('feed events (GDELT) through the API', () => {
  let feed: EventFeature[];

  test('source=feed gives exactly the imported events, each a feed record with its story URL and no quotes', async ({ request }) => {
    feed = await everything(request, { source: 'feed' });
    expect(feed.length).toBe(summary.events);
    // Checked in plain code and asserted once: thousands of expect() steps would dominate the run.
    const wrong: string[] = [];
    for (const f of feed) {
      const p = f.properties;
      const rec = p.feedSources?.[0];
      const [lng, lat] = f.geometry.coordinates;
      if (p.sourceType !== 'feed') wrong.push(`${p.id}: sourceType ${p.sourceType}`);
      if (!Array.isArray(p.sources) || p.sources.length !== 0) wrong.push(`${p.id}: sources ${JSON.stringify(p.sources)}`);
      if (!rec) wrong.push(`${p.id}: no feedSources`);
      else {
        if (rec.feed !== 'gdelt') wrong.push(`${p.id}: feed ${rec.feed}`);
        if (p.id !== `gdelt-${rec.recordId}`) wrong.push(`${p.id}: recordId ${rec.recordId}`);
        if (!isHttpUrl(rec.url)) wrong.push(`${p.id}: url ${rec.url}`);
      }
      if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) wrong.push(`${p.id}: position ${lng},${lat}`);
    }
    expect(wrong).toEqual([]);
    const summaries = await everything(request, { source: 'feed', fields: 'summary' });
    expect(idsOf(summaries)).toEqual(idsOf(feed));
    expect(summaries.filter((s) => s.properties.sourceType !== 'feed').map((s) => s.properties.id)).toEqual([]);
  });

  test('the curated events are still there, as articles, the same as on the curated server', async ({ request }) => {
    const articles = await everything(request, { source: 'article' });
    for (const e of articles) expect(e.properties.sourceType).toBe('article');
    const all = await everything(request);
    expect(all.length).toBe(articles.length + summary.events);
    const main = await okJson<{ features: EventFeature[] }>(await request.get(`${MAIN_URL}/api/events?source=article&limit=5000`));
    expect(idsOf(articles)).toEqual(idsOf(main.features));
  });

  test('/api/events/{gdelt id} is the same feed event as in the list', async ({ request }) => {
    for (const f of [feed[0]!, feed[Math.floor(feed.length / 2)]!, feed.at(-1)!]) {
      const one = await okJson<EventFeature>(await request.get(`/api/events/${f.properties.id}`));
      expect(one).toEqual(f);
    }
    expect((await request.get('/api/events/gdelt-1')).status()).toBe(404);
  });

  test('pages over thousands of events: cursors walk each event once, on both query plans', async ({ request }) => {
    const walked = await allPages(request, { source: 'feed' }, 997);
    expect(idsOf(walked.features)).toEqual(idsOf(feed));
    // A small box and a short window go through the R*Tree; pick them where feed events are dense.
    const [lng, lat] = feed[Math.floor(feed.length / 2)]!.geometry.coordinates;
    const day = feed[Math.floor(feed.length / 2)]!.properties.start;
    const narrow = { bbox: [lng - 20, lat - 15, lng + 20, lat + 15].map((v, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, v))).join(','), from: isoOf(dayNum(day) - 30), to: isoOf(dayNum(day) + 30) };
    const expected = await everything(request, narrow);
    expect(expected.length).toBeGreaterThan(3);
    // Small pages, but no more than about 25 of them.
    const limit = Math.max(3, Math.ceil(expected.length / 25));
    const narrowWalk = await allPages(request, narrow, limit);
    expect(idsOf(narrowWalk.features)).toEqual(idsOf(expected));
    expect(narrowWalk.pages).toBeGreaterThan(1);
  });

  test('clusters and histogram add up to the feed events', async ({ request }) => {
    for (const zoom of [1, 4, 9]) await checkClusters(request, { source: 'feed' }, '-180,-90,180,90', zoom);
    const from = feed[0]!.properties.start;
    const to = feed.at(-1)!.properties.end;
    const days = dayNum(to) - dayNum(from) + 1;
    await checkHistogram(request, { source: 'feed' }, from, to, Math.max(1, Math.ceil(days / 200)));
    const latest = feed.at(-1)!.properties.start;
    await checkHistogram(request, { source: 'feed' }, isoOf(dayNum(latest) - 6), latest, 1);
  });
});
