// The API's views over the store: paged events (limit, cursor, nextCursor), clusters for a viewport,
// the timeline histogram, paged articles and the source filter. Plain HTTP, no browser; every
// expectation is derived from /api/events on the same server, so it holds for any data set.
import { test, expect } from './fixtures';
import {
  PAGE_MAX,
  allPages,
  checkClusters,
  checkHistogram,
  dayNum,
  everything,
  expectBadRequest,
  expectPageOrder,
  idsOf,
  isoOf,
  okJson,
  page,
  qs,
  type EventFeature,
} from './api-views';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const WORLD = '-180,-90,180,90';
const MIDDLE_EAST = '25,10,65,45';

/** The data's span, from the events themselves. */
function span(events: EventFeature[]): { from: string; to: string } {
  return {
    from: events.reduce((m, e) => (e.properties.start < m ? e.properties.start : m), '9999-12-31'),
    to: events.reduce((m, e) => (e.properties.end > m ? e.properties.end : m), '0000-01-01'),
  };
}

test.describe('GET /api/events: pages', () => {
  test('following nextCursor yields every event exactly once, the same list as one big page', async ({ request }) => {
    const big = await page(request, { limit: PAGE_MAX });
    expect(big.type).toBe('FeatureCollection');
    expect(big.nextCursor, 'one page holds this data set (else the limit test below says so)').toBeNull();
    const all = big.features;
    expect(all.length).toBeGreaterThanOrEqual(3);
    expectPageOrder(all);
    expect(new Set(idsOf(all)).size).toBe(all.length);
    for (const limit of [1, 2, 7, all.length - 1, all.length, all.length + 1]) {
      const { features, pages } = await allPages(request, {}, limit);
      expect(idsOf(features), `limit ${limit}`).toEqual(idsOf(all));
      expect(pages, `limit ${limit}`).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
  });

  test('paging a filtered query, full and summary, walks exactly the filtered set', async ({ request }) => {
    const all = await everything(request);
    const { from, to } = span(all);
    // A window inside the data, so that some events fall outside it.
    const mid = isoOf(Math.floor((dayNum(from) + dayNum(to)) / 2));
    const filters: Record<string, string>[] = [
      { from: mid, to },
      { bbox: MIDDLE_EAST },
      { category: [...new Set(all.map((e) => e.properties.category))].slice(0, 2).join(',') },
      { from: mid, to, bbox: MIDDLE_EAST, source: 'article' },
    ];
    for (const f of filters) {
      const expected = await everything(request, f);
      for (const fields of ['full', 'summary']) {
        const { features } = await allPages(request, { ...f, fields }, 2);
        expect(idsOf(features), `${qs(f)}&fields=${fields}`).toEqual(idsOf(expected));
      }
    }
  });

  test('limit caps the page; the default page and the maximum are documented limits', async ({ request }) => {
    const all = await everything(request);
    for (const limit of [1, 3]) {
      const p = await page(request, { limit });
      expect(p.features.length).toBe(Math.min(limit, all.length));
      expect(idsOf(p.features)).toEqual(idsOf(all).slice(0, limit));
      expect(p.nextCursor === null).toBe(all.length <= limit);
    }
    const dflt = await page(request, {});
    expect(dflt.features.length).toBe(Math.min(all.length, 1000));
    for (const limit of ['0', String(PAGE_MAX + 1), '-1', '1.5', 'ten', '']) await expectBadRequest(await request.get(`/api/events?limit=${limit}`), 'limit');
  });

  test('a cursor that is not one of ours → 400 JSON naming the cursor, never 500', async ({ request }) => {
    const articles = await okJson<{ nextCursor: string | null }>(await request.get('/api/articles?limit=1'));
    const cursors = ['garbage', '%21%21%21', b64('not json'), b64([1]), b64(['2024-08-05', 'x']), b64({ start: 1 }), b64([1.5, 'a']), b64(null), 'x'.repeat(600)];
    if (articles.nextCursor) cursors.push(articles.nextCursor); // an articles cursor is not an events cursor
    for (const cursor of cursors) {
      const res = await request.get(`/api/events?limit=2&cursor=${cursor}`);
      await expectBadRequest(res, 'cursor');
    }
  });

  test('each page has its own ETag and revalidates to 304', async ({ request }) => {
    const first = await request.get('/api/events?limit=2');
    const body = (await first.json()) as { nextCursor: string | null };
    // The curated data alone holds more than two events, so a second page exists.
    expect(body.nextCursor, 'a second page').toBeTruthy();
    const second = await request.get(`/api/events?limit=2&cursor=${body.nextCursor}`);
    expect(second.status()).toBe(200);
    expect(second.headers()['etag']).toBeTruthy();
    expect(second.headers()['etag']).not.toBe(first.headers()['etag']);
    const again = await request.get(`/api/events?limit=2&cursor=${body.nextCursor}`, { headers: { 'If-None-Match': second.headers()['etag']! } });
    expect(again.status()).toBe(304);
  });
});

test.describe('GET /api/events/clusters', () => {
  test('point counts add up to the events in the box and range, at every zoom', async ({ request }) => {
    const all = await everything(request);
    const { from, to } = span(all);
    const mid = isoOf(Math.floor((dayNum(from) + dayNum(to)) / 2));
    for (const zoom of [0, 1, 3, 5.5, 8, 12, 22]) await checkClusters(request, {}, WORLD, zoom);
    for (const zoom of [2, 6, 10]) {
      await checkClusters(request, { from: mid, to }, MIDDLE_EAST, zoom);
      await checkClusters(request, { from, to: mid }, MIDDLE_EAST, zoom);
    }
  });

  test('zooming in only splits clusters (grid cells nest)', async ({ request }) => {
    const counts: number[] = [];
    for (const zoom of [0, 4, 8, 12]) counts.push((await checkClusters(request, {}, WORLD, zoom)).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!, `features at zoom step ${i}`).toBeGreaterThanOrEqual(counts[i - 1]!);
  });

  test('filters apply as on /api/events: category, actor, q, source, a box across the antimeridian', async ({ request }) => {
    const all = await everything(request);
    const category = all[0]!.properties.category;
    await checkClusters(request, { category }, WORLD, 3);
    await checkClusters(request, { q: all[0]!.properties.id.split('-')[0] }, WORLD, 3);
    await checkClusters(request, { source: 'article' }, WORLD, 3);
    await checkClusters(request, { source: 'feed' }, WORLD, 3);
    await checkClusters(request, {}, '30,-90,20,90', 4); // west > east: everything but 20..30°E
    await checkClusters(request, {}, '170,-90,-170,90', 4);
    const withActor = all.find((e) => (e.properties as { actors?: { id: string }[] }).actors?.length);
    if (withActor) await checkClusters(request, { actor: (withActor.properties as unknown as { actors: { id: string }[] }).actors[0]!.id }, WORLD, 3);
  });

  test('bbox and zoom are required; bad values and parameters of other views → 400', async ({ request }) => {
    await expectBadRequest(await request.get('/api/events/clusters'), 'bbox');
    await expectBadRequest(await request.get('/api/events/clusters?zoom=3'), 'bbox');
    await expectBadRequest(await request.get(`/api/events/clusters?bbox=${WORLD}`), 'zoom');
    for (const zoom of ['', 'abc', '-1', '0x10', '99']) await expectBadRequest(await request.get(`/api/events/clusters?bbox=${WORLD}&zoom=${zoom}`), 'zoom');
    for (const bbox of ['1,2,3', '0,50,10,40', '0,0,200,10']) await expectBadRequest(await request.get(`/api/events/clusters?bbox=${bbox}&zoom=3`), 'bbox');
    for (const extra of ['limit=10', 'cursor=abc', 'fields=full', 'binDays=7', 'kind=travel']) {
      await expectBadRequest(await request.get(`/api/events/clusters?bbox=${WORLD}&zoom=3&${extra}`), extra.split('=')[0]);
    }
  });
});

test.describe('GET /api/events/histogram', () => {
  test('bin totals are the day-precision events of /api/events per bin; coarser events are spans', async ({ request }) => {
    const all = await everything(request);
    const { from, to } = span(all);
    const latest = all.reduce((m, e) => (e.properties.start > m ? e.properties.start : m), from);
    // The last month of the data, day by day and by odd widths that leave a short last bin.
    const monthAgo = isoOf(dayNum(latest) - 30);
    for (const binDays of [1, 3, 7, 31]) await checkHistogram(request, {}, monthAgo, latest, binDays);
    // The whole span, in bins that fit the 4000-bin cap.
    const days = dayNum(to) - dayNum(from) + 1;
    await checkHistogram(request, {}, from, to, Math.max(1, Math.ceil(days / 300)));
    // A window before and after all data: empty bins, no spans.
    const before = await checkHistogram(request, {}, isoOf(dayNum(from) - 20), isoOf(dayNum(from) - 1), 5);
    expect(before.bins.every((b) => b.total === 0)).toBe(true);
  });

  test('the histogram takes the filters of /api/events', async ({ request }) => {
    const all = await everything(request);
    const latest = all.reduce((m, e) => (e.properties.start > m ? e.properties.start : m), '0000-01-01');
    const from = isoOf(dayNum(latest) - 14);
    await checkHistogram(request, { category: all.at(-1)!.properties.category }, from, latest, 2);
    await checkHistogram(request, { bbox: MIDDLE_EAST }, from, latest, 1);
    await checkHistogram(request, { source: 'article' }, from, latest, 1);
    await checkHistogram(request, { source: 'feed' }, from, latest, 1);
  });

  test('from, to and binDays are required; a reversed window or too many bins → 400', async ({ request }) => {
    await expectBadRequest(await request.get('/api/events/histogram'));
    await expectBadRequest(await request.get('/api/events/histogram?from=2024-01-01&to=2024-12-31'), 'binDays');
    await expectBadRequest(await request.get('/api/events/histogram?to=2024-12-31&binDays=7'), 'from');
    await expectBadRequest(await request.get('/api/events/histogram?from=2024-01-01&binDays=7'), 'to');
    await expectBadRequest(await request.get('/api/events/histogram?from=2024-12-31&to=2024-01-01&binDays=7'), 'from');
    await expectBadRequest(await request.get('/api/events/histogram?from=1900-01-01&to=2024-12-31&binDays=1'), 'binDays');
    for (const binDays of ['0', '-3', '1.5', 'week', '']) await expectBadRequest(await request.get(`/api/events/histogram?from=2024-01-01&to=2024-12-31&binDays=${binDays}`), 'binDays');
    await expectBadRequest(await request.get('/api/events/histogram?from=2024-01-01&to=2024-12-31&binDays=7&limit=3'), 'limit');
  });
});

test.describe('GET /api/articles: pages', () => {
  interface ArticlePage { articles: { id: string; displayTitle: string }[]; nextCursor: string | null }
  test('{articles, nextCursor}: following cursors lists every article once, in id order', async ({ request }) => {
    const big = await okJson<ArticlePage>(await request.get(`/api/articles?limit=${PAGE_MAX}`));
    expect(Object.keys(big).sort()).toEqual(['articles', 'nextCursor']);
    expect(big.nextCursor).toBeNull();
    const ids = big.articles.map((a) => a.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const limit of [1, 2, ids.length]) {
      const got: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const p: ArticlePage = await okJson<ArticlePage>(await request.get(`/api/articles?${qs({ limit, cursor: cursor ?? undefined })}`));
        expect(p.articles.length).toBeLessThanOrEqual(limit);
        if (p.nextCursor) expect(p.articles.length).toBe(limit);
        got.push(...p.articles.map((a) => a.id));
        cursor = p.nextCursor;
        pages++;
      } while (cursor && pages < 1000);
      expect(got, `limit ${limit}`).toEqual(ids);
    }
  });

  test('bad cursor, limit or a filter parameter → 400', async ({ request }) => {
    const events = await page(request, { limit: 1 });
    for (const cursor of ['garbage', b64([1, 'x']), b64('[]'), ...(events.nextCursor ? [events.nextCursor] : [])]) {
      await expectBadRequest(await request.get(`/api/articles?cursor=${cursor}`), 'cursor');
    }
    for (const limit of ['0', String(PAGE_MAX + 1), 'x']) await expectBadRequest(await request.get(`/api/articles?limit=${limit}`), 'limit');
    for (const extra of ['from=2024-01-01', 'q=iran', 'source=feed']) await expectBadRequest(await request.get(`/api/articles?${extra}`), extra.split('=')[0]);
  });
});

test.describe('source=feed|article', () => {
  test('partitions the events by sourceType', async ({ request }) => {
    const all = await everything(request);
    const articles = await everything(request, { source: 'article' });
    const feeds = await everything(request, { source: 'feed' });
    expect(articles.filter((e) => e.properties.sourceType !== 'article').map((e) => e.properties.id)).toEqual([]);
    expect(feeds.filter((e) => e.properties.sourceType !== 'feed').map((e) => e.properties.id)).toEqual([]);
    expect(idsOf([...articles, ...feeds]).sort()).toEqual(idsOf(all).sort());
    expect(idsOf(await everything(request, { source: 'feed,article' }))).toEqual(idsOf(all));
    // An article event is quoted; a feed event is not.
    expect(articles.filter((e) => !e.properties.sources?.length).map((e) => e.properties.id)).toEqual([]);
    expect(feeds.filter((e) => e.properties.sources?.length).map((e) => e.properties.id)).toEqual([]);
    for (const source of ['rumour', 'feed,rumour', '', 'Feed']) await expectBadRequest(await request.get(`/api/events?source=${source}`), 'source');
    await expectBadRequest(await request.get('/api/movements?source=feed'), 'source');
  });
});
