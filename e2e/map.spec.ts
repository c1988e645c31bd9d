// v1 map: what a reader sees and does on the map page, against the production build in a real
// Chromium (SwiftShader WebGL). The fixture fails any test whose page logs a console error or
// sends a request off this machine.
import { test, expect, type Page } from './fixtures';
import {
  DEFAULT_RANGE,
  IDS,
  MAP_TIMEOUT,
  TEHRAN,
  WASHINGTON,
  canvas,
  clickMapAt,
  getJson,
  listButton,
  listCount,
  listItems,
  map,
  movements,
  openMap,
  overlaps,
  pagePoint,
  popup,
  query,
  rangeCounts,
  renderedCounts,
  segmentDistance,
  summaries,
  view,
  waitForCameraStill,
  type EventFeature,
  type SummaryFeature,
} from './helpers';

const SHOIGU_ARTICLE = '000_4281fd604d241ad1';
const SHOIGU_QUOTE = 'Sergei Shoigu, the secretary of Russia’s Security Council, arrived in Iran on Monday for talks with senior officials';
const BASEMAP_FILES = ['land', 'countries', 'borders', 'country-labels', 'capitals'];

const inDefaultRange = (fs: SummaryFeature[]) => fs.filter((f) => overlaps(f.properties, DEFAULT_RANGE.from, DEFAULT_RANGE.to));
const listIds = async (page: Page) => (await listItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')!))).sort();

/** The ids of `events` whose marker position is inside the map canvas right now. */
async function idsOnScreen(page: Page, events: SummaryFeature[]): Promise<string[]> {
  const out: string[] = [];
  for (const e of events) if ((await pagePoint(page, ...e.geometry.coordinates)).inside) out.push(e.properties.id);
  return out.sort();
}

/** The side list shows exactly the in-range events whose markers are inside the map. */
async function expectListMatchesMap(page: Page, rangeEvents: SummaryFeature[]): Promise<string[]> {
  await waitForCameraStill(page);
  const expected = await idsOnScreen(page, rangeEvents);
  await expect.poll(() => listIds(page), { timeout: MAP_TIMEOUT }).toEqual(expected);
  expect(await listCount(page)).toBe(expected.length);
  return expected;
}

test.describe('map page', () => {
  test('opens on the crisis with markers and arcs drawn, basemap and fonts served locally', async ({ page, request }) => {
    const assets: { path: string; status: number; host: string }[] = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (/^\/basemap\/[\w-]+\.json$/.test(u.pathname) || /^\/fonts\/[\w-]+\.woff2$/.test(u.pathname)) assets.push({ path: u.pathname, status: r.status(), host: u.hostname });
    });
    await openMap(page);
    await expect.poll(async () => (await renderedCounts(page)).events, { timeout: MAP_TIMEOUT }).toBeGreaterThan(0);
    await expect.poll(async () => (await renderedCounts(page)).arcs, { timeout: MAP_TIMEOUT }).toBeGreaterThan(0);

    // The header counts what the default window (the crisis) holds, as the API does.
    const expected = inDefaultRange(await summaries(request)).length;
    expect((await rangeCounts(page)).events).toBe(expected);
    await expect(page.getByTestId('range-from')).toHaveValue(DEFAULT_RANGE.from);
    await expect(page.getByTestId('range-to')).toHaveValue(DEFAULT_RANGE.to);
    expect(await listCount(page)).toBeGreaterThan(0);
    // The Share link carries the range the timeline shows.
    const share = new URLSearchParams((await page.getByTestId('share').getAttribute('data-url'))!);
    expect([share.get('from'), share.get('to')]).toEqual([DEFAULT_RANGE.from, DEFAULT_RANGE.to]);

    // Every basemap layer and at least one font file came from this server, successfully.
    await expect.poll(() => assets.filter((a) => a.path.endsWith('.woff2')).length, { timeout: MAP_TIMEOUT }).toBeGreaterThan(0);
    for (const name of BASEMAP_FILES) expect(assets.map((a) => a.path), `/basemap/${name}.json fetched`).toContain(`/basemap/${name}.json`);
    for (const a of assets) {
      expect(a.status, a.path).toBe(200);
      expect(a.host).toBe('127.0.0.1');
    }
  });

  test('a list item opens its popup with the exact words of every source', async ({ page, request }) => {
    const event = await getJson<EventFeature>(request, `/api/events/${IDS.shoigu}`);
    const quotes = event.properties.sources.map((s) => s.quote);
    expect(quotes).toContain(SHOIGU_QUOTE);

    await openMap(page);
    await listButton(page, IDS.shoigu).click();
    const pop = popup(page);
    await expect(pop).toHaveAttribute('data-event-id', IDS.shoigu);
    await expect(pop.getByRole('heading', { level: 2 })).toHaveText(event.properties.title);
    await expect.poll(() => pop.getByTestId('quote').allTextContents()).toEqual(quotes);
    await expect(pop.getByTestId('popup-date')).toContainText('2024');
    await expect(pop.getByTestId('popup-place')).toContainText('Tehran');
    expect(query(page).get('event')).toBe(IDS.shoigu);
    await expect(listButton(page, IDS.shoigu)).toHaveAttribute('aria-current', 'true');

    // Each quote is the article's own text, character for character.
    for (const s of event.properties.sources) {
      const article = await getJson<{ text: string }>(request, `/api/articles/${s.article}`);
      expect(article.text, `quote from ${s.article}`).toContain(s.quote);
    }
  });

  test('the list follows the map: a permalink around Beirut, then zooming with the keyboard', async ({ page, request }) => {
    const rangeEvents = inDefaultRange(await summaries(request));

    await openMap(page, '/?map=9/33.87/35.51');
    const beirut = await expectListMatchesMap(page, rangeEvents);
    expect(beirut).toContain(IDS.shukr);
    expect(beirut).not.toContain(IDS.haniyeh);
    expect(beirut.length).toBeLessThan(rangeEvents.length);
    // The header still counts the whole range: only the list is limited to the view.
    expect((await rangeCounts(page)).events).toBe(rangeEvents.length);

    await openMap(page, '/');
    const before = await expectListMatchesMap(page, rangeEvents);
    await canvas(page).focus();
    // Zoom in with the keyboard, one step at a time, until events leave the view (at most 3 steps);
    // after every step the list is exactly what the map shows.
    let after = before;
    for (let step = 0; step < 3 && after.length === before.length; step++) {
      const zoom0 = (await view(page)).zoom;
      await page.keyboard.press('+');
      await expect.poll(async () => (await view(page)).zoom, { timeout: MAP_TIMEOUT }).toBeGreaterThan(zoom0 + 0.95);
      after = await expectListMatchesMap(page, rangeEvents);
    }
    expect(after.length).toBeLessThan(before.length);
    expect(query(page).get('map')?.split('/')[0]).toBe(String(Number((await view(page)).zoom.toFixed(2))));
    await expect(page.getByTestId('tab-events')).toHaveText(`Events (${after.length})`);
  });

  test('clicking a marker on the canvas opens its popup (Biden, Washington)', async ({ page }) => {
    await openMap(page, '/?map=5/38.9/-77.04');
    await clickMapAt(page, ...WASHINGTON);
    await expect(popup(page)).toHaveAttribute('data-event-id', IDS.biden, { timeout: MAP_TIMEOUT });
    await expect(popup(page).getByTestId('popup-place')).toContainText('Washington');
    expect(query(page).get('event')).toBe(IDS.biden);
  });

  test('the Tehran cluster lists its events at high zoom and a pick opens that popup', async ({ page, request }) => {
    const atTehran = inDefaultRange(await summaries(request)).filter((f) => f.geometry.coordinates[0] === TEHRAN[0] && f.geometry.coordinates[1] === TEHRAN[1]);
    expect(atTehran.length).toBeGreaterThan(1);

    await openMap(page, '/?map=10/35.6892/51.389');
    await clickMapAt(page, ...TEHRAN);
    const cluster = page.getByTestId('cluster-popup');
    await expect(cluster).toBeVisible({ timeout: MAP_TIMEOUT });
    await expect(cluster.getByRole('heading')).toHaveText(`${atTehran.length} events at Tehran`);
    await expect(cluster.getByRole('listitem')).toHaveCount(atTehran.length);
    for (const f of atTehran) await expect(cluster.getByRole('button', { name: f.properties.title })).toBeVisible();

    const haniyeh = atTehran.find((f) => f.properties.id === IDS.haniyeh)!;
    await cluster.getByRole('button', { name: haniyeh.properties.title }).click();
    await expect(popup(page)).toHaveAttribute('data-event-id', IDS.haniyeh);
    await expect(cluster).toHaveCount(0);
    expect(query(page).get('event')).toBe(IDS.haniyeh);
  });

  test("clicking an arc opens the movement popup; Shoigu's origin is marked inferred", async ({ page, request }) => {
    const trips = (await movements(request)).filter((m) => overlaps(m.properties, DEFAULT_RANGE.from, DEFAULT_RANGE.to));
    const trip = trips.find((m) => m.properties.id === IDS.shoiguTrip);
    expect(trip, 'the Shoigu trip is in the default range').toBeDefined();
    expect(trip!.properties.origin.inferred).toBe(true);
    const markers = inDefaultRange(await summaries(request));

    await openMap(page);
    await expect.poll(async () => (await renderedCounts(page)).arcs, { timeout: MAP_TIMEOUT }).toBeGreaterThan(0);
    await waitForCameraStill(page);
    // Click the point of the arc farthest from every other arc and marker.
    const box = (await canvas(page).boundingBox())!;
    const project = async (c: [number, number]) => pagePoint(page, ...c);
    const others = await Promise.all(trips.filter((m) => m !== trip).map((m) => Promise.all(m.geometry.coordinates.map(project))));
    const dots = await Promise.all(markers.map((e) => project(e.geometry.coordinates)));
    let best = { d: -1, x: 0, y: 0 };
    for (const c of trip!.geometry.coordinates) {
      const p = await project(c);
      const margin = Math.min(p.x - box.x, p.y - box.y, box.x + box.width - p.x, box.y + box.height - p.y) - 40;
      if (margin < 0) continue;
      let d = margin + 1000;
      for (const line of others) for (let i = 1; i < line.length; i++) d = Math.min(d, segmentDistance(p, line[i - 1]!, line[i]!));
      for (const m of dots) d = Math.min(d, Math.hypot(p.x - m.x, p.y - m.y) - 20);
      if (d > best.d) best = { d, x: p.x, y: p.y };
    }
    expect(best.d, 'a clear point on the arc').toBeGreaterThan(16);
    await page.mouse.click(best.x, best.y);

    const mp = page.getByTestId('movement-popup');
    await expect(mp).toHaveAttribute('data-movement-id', IDS.shoiguTrip, { timeout: MAP_TIMEOUT });
    await expect(mp.getByTestId('movement-origin')).toContainText('Moscow');
    await expect(mp.getByTestId('movement-origin')).toContainText('inferred');
  });

  test('"Read the article" opens the article with the quote highlighted', async ({ page, context }) => {
    await openMap(page);
    await listButton(page, IDS.shoigu).click();
    const source = popup(page).getByTestId('source').filter({ has: page.getByTestId('quote').getByText(SHOIGU_QUOTE, { exact: true }) });
    await expect(source).toHaveCount(1);
    const [article] = await Promise.all([context.waitForEvent('page'), source.getByRole('link', { name: /Read the article/ }).click()]);
    await article.waitForLoadState();
    expect(new URL(article.url()).pathname).toBe(`/articles/${SHOIGU_ARTICLE}`);
    const mark = article.locator('mark');
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText(SHOIGU_QUOTE);
    await expect(mark).toBeInViewport();
  });

  test('keyboard: Tab reaches a list item and Enter opens its popup', async ({ page }) => {
    await openMap(page);
    let id: string | null = null;
    for (let i = 0; i < 80 && !id; i++) {
      await page.keyboard.press('Tab');
      id = await page.evaluate(() => document.activeElement?.closest('[data-testid=event-list] li[data-event-id]')?.getAttribute('data-event-id') ?? null);
    }
    expect(id, 'a list item took focus within 80 Tabs').not.toBeNull();
    await page.keyboard.press('Enter');
    await expect(popup(page)).toHaveAttribute('data-event-id', id!);
    expect(query(page).get('event')).toBe(id);
    // Escape closes it again, and the link forgets the event.
    await page.keyboard.press('Escape');
    await expect(popup(page)).toHaveCount(0);
    expect(query(page).get('event')).toBeNull();
  });

  test('a category chip narrows the markers and the list', async ({ page, request }) => {
    await openMap(page);
    const before = await renderedCounts(page);
    const allInView = await listCount(page);
    const killings = inDefaultRange(await summaries(request, 'category=killing'));
    expect(killings.length).toBeGreaterThan(0);

    await page.locator('button[data-category=killing]').click();
    await expect(page.locator('button[data-category=killing]')).toHaveAttribute('aria-pressed', 'true');
    expect(query(page).get('category')).toBe('killing');
    await expect.poll(() => rangeCounts(page).then((c) => c.events)).toBe(killings.length);
    await expect.poll(() => listIds(page)).toEqual(killings.map((f) => f.properties.id).sort());
    expect(killings.length).toBeLessThan(allInView);
    await expect.poll(async () => (await renderedCounts(page)).events, { timeout: MAP_TIMEOUT }).toBe(killings.length);
    expect(before.events).toBeGreaterThan(killings.length);
  });
});

test.describe('on a phone (390 px wide)', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('no horizontal overflow, the map is visible and the List toggle shows the list', async ({ page }) => {
    await openMap(page);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await map(page).boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(200);
    await expect(map(page)).toBeInViewport();

    const toggle = page.getByRole('button', { name: /^List \(\d+\)$/ });
    const n = Number(/\d+/.exec((await toggle.textContent())!)![0]);
    expect(n).toBeGreaterThan(0);
    await toggle.click();
    await expect(page.getByTestId('event-list')).toBeInViewport();
    // The toggle counts everything the list holds: events and movements in view.
    const movementRows = page.locator('[data-testid=movement-list] li[data-movement-id]');
    await expect.poll(async () => (await listItems(page).count()) + (await movementRows.count())).toBe(n);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);

    // Picking an event from the list goes back to the map with its popup.
    const first = listItems(page).first();
    const id = (await first.getAttribute('data-event-id'))!;
    await first.getByRole('button').click();
    await expect(popup(page)).toHaveAttribute('data-event-id', id);
    await expect(page.getByRole('button', { name: /^List \(\d+\)$/ })).toBeVisible();
  });
});
