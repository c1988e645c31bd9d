// Embeds and link previews: `?embed=1` is the bare map with a way out to the full app; every page
// carries Open Graph / Twitter tags whose image is /api/preview of the same state, a 1200×630 PNG.
import { test, expect, type APIRequestContext, type Page } from './fixtures';
import { DEFAULT_RANGE, IDS, getJson, map, movements, openMap, overlaps, pngSize, popup, rangeCounts, summaries, type EventFeature } from './helpers';

const meta = (page: Page, key: string) => page.locator(`head meta[property="${key}"], head meta[name="${key}"]`).getAttribute('content');

async function png(request: APIRequestContext, url: string): Promise<Buffer> {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()['content-type']).toBe('image/png');
  const body = await res.body();
  expect(pngSize(body), url).toEqual({ width: 1200, height: 630 });
  return body;
}

test.describe('embed', () => {
  test('/?embed=1 is the map alone, with an "Open in Situation Map" link', async ({ page, context }) => {
    await openMap(page, '/?embed=1');
    await expect(page.getByTestId('app')).toHaveAttribute('data-embed', 'true');
    await expect(map(page)).toBeVisible();
    expect((await rangeCounts(page)).events).toBeGreaterThan(0);
    // No timeline, list, filters or share button.
    for (const id of ['range-from', 'range-to', 'play', 'event-list', 'list-count', 'search', 'actor', 'categories', 'share']) await expect(page.getByTestId(id)).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Filters' })).toHaveCount(0);

    const open = page.getByRole('link', { name: /Open in Situation Map/ });
    const href = (await open.getAttribute('href'))!;
    const q = new URL(href, page.url()).searchParams;
    expect(q.has('embed')).toBe(false);
    expect(q.get('from')).toBe(DEFAULT_RANGE.from);
    expect(q.get('to')).toBe(DEFAULT_RANGE.to);
    expect(q.get('map')).toMatch(/^[\d.]+\/-?[\d.]+\/-?[\d.]+$/);

    const [full] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await full.waitForLoadState();
    expect(new URL(full.url()).searchParams.has('embed')).toBe(false);
    await expect(full.getByTestId('range-from')).toHaveValue(DEFAULT_RANGE.from);
    await expect(full.getByTestId('event-list')).toBeVisible();
  });

  test('an embedded event permalink keeps its state in the way out', async ({ page }) => {
    await openMap(page, `/?embed=1&from=2024-07-29&to=2024-08-02&event=${IDS.shukr}`);
    await expect(popup(page)).toHaveAttribute('data-event-id', IDS.shukr);
    const href = (await page.getByRole('link', { name: /Open in Situation Map/ }).getAttribute('href'))!;
    const q = new URL(href, page.url()).searchParams;
    expect(q.has('embed')).toBe(false);
    expect([q.get('from'), q.get('to'), q.get('event')]).toEqual(['2024-07-29', '2024-08-02', IDS.shukr]);
  });
});

test.describe('link previews', () => {
  test('the page head has Open Graph and Twitter tags whose image is this state', async ({ page, request }) => {
    const [from, to] = ['2024-07-29', '2024-08-02'];
    const n = (await summaries(request)).filter((f) => overlaps(f.properties, from, to)).length;
    const m = (await movements(request)).filter((f) => overlaps(f.properties, from, to)).length;
    const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    await page.goto(`/?from=${from}&to=${to}`);
    expect(await meta(page, 'og:title')).toBe(`29 Jul 2024 – 2 Aug 2024 · ${plural(n, 'event')} · ${plural(m, 'movement')}`);
    expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
    const image = new URL((await meta(page, 'og:image'))!, page.url());
    expect(image.pathname).toBe('/api/preview');
    expect(image.searchParams.get('from')).toBe('2024-07-29');
    expect(image.searchParams.get('to')).toBe('2024-08-02');
    expect(image.searchParams.has('embed')).toBe(false);
    expect(await meta(page, 'og:image:width')).toBe('1200');
    expect(await meta(page, 'og:image:height')).toBe('630');
    expect(await meta(page, 'twitter:image')).toBe(image.toString());
  });

  test('an event permalink names the event in og:title and previews that state', async ({ page, request }) => {
    const event = await getJson<EventFeature>(request, `/api/events/${IDS.shukr}`);
    const link = `/?map=7/33.9/35.5&from=2024-07-29&to=2024-08-02&event=${IDS.shukr}`;
    await page.goto(link);
    expect(await meta(page, 'og:title')).toContain(event.properties.title);
    await expect(page).toHaveTitle(new RegExp(event.properties.title));
    const image = new URL((await meta(page, 'og:image'))!, page.url());
    expect(image.pathname).toBe('/api/preview');
    expect(Object.fromEntries(image.searchParams)).toEqual({ map: '7/33.9/35.5', from: '2024-07-29', to: '2024-08-02', event: IDS.shukr });
    // The image the tag points at is served, from this server.
    await png(request, `${image.pathname}${image.search}`);
  });

  test('/api/preview draws a 1200×630 PNG that differs with the state', async ({ request }) => {
    const shukr = await png(request, `/api/preview?from=2024-07-29&to=2024-08-02&event=${IDS.shukr}`);
    const haniyeh = await png(request, `/api/preview?from=2024-07-29&to=2024-08-02&event=${IDS.haniyeh}`);
    expect(shukr.equals(haniyeh), 'different event → different image').toBe(false);

    const beirut = await png(request, '/api/preview?map=6/33.9/35.5');
    const tehran = await png(request, '/api/preview?map=6/35.69/51.39');
    expect(beirut.equals(tehran), 'different map → different image').toBe(false);
  });

  test('/api/preview of a mangled link still returns a PNG, as the page still opens', async ({ request }) => {
    for (const q of ['map=999/999/999', 'map=abc&from=2024-99-99', 'from=2024-08-05&to=2024-07-01', 'event=does-not-exist&category=bogus&layers=nonsense&foo=bar']) {
      await png(request, `/api/preview?${q}`);
    }
  });
});
