// Time and sharing: the URL is the state. Ranges, events, filters and the viewport survive a reload,
// a shared link and Back/Forward; a mangled link still opens a working map.
import { test, expect, type Page } from './fixtures';
import {
  DEFAULT_RANGE,
  IDS,
  MAP_TIMEOUT,
  canvas,
  getJson,
  listButton,
  listItems,
  map,
  openMap,
  overlaps,
  popup,
  query,
  rangeCounts,
  summaries,
  view,
  waitForCameraStill,
  waitForMap,
  type EventFeature,
} from './helpers';

const from = (page: Page) => page.getByTestId('range-from');
const to = (page: Page) => page.getByTestId('range-to');
const historyLength = (page: Page) => page.evaluate(() => window.history.length);
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dayDiff = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

async function expectRange(page: Page, range: { from: string; to: string }) {
  await expect(from(page)).toHaveValue(range.from);
  await expect(to(page)).toHaveValue(range.to);
}

async function expectUrlRange(page: Page, range: { from: string; to: string }) {
  await expect.poll(() => [query(page).get('from'), query(page).get('to')]).toEqual([range.from, range.to]);
}

test.describe('date range in the URL', () => {
  test('typed From/To dates go into the URL and a reload restores them', async ({ page, request }) => {
    const range = { from: '2024-07-30', to: '2024-08-02' };
    const inRange = (await summaries(request)).filter((f) => overlaps(f.properties, range.from, range.to)).length;

    await openMap(page);
    await from(page).fill(range.from);
    await to(page).fill(range.to);
    await expectUrlRange(page, range);
    await expect.poll(() => rangeCounts(page).then((c) => c.events)).toBe(inRange);
    const counts = await rangeCounts(page);
    const summary = await page.getByTestId('range-summary').textContent();

    await page.reload();
    await waitForMap(page);
    await expectRange(page, range);
    expect(await rangeCounts(page)).toEqual(counts);
    await expect(page.getByTestId('range-summary')).toHaveText(summary!);
  });

  test('a preset and the brush handles set the range; a reload restores it', async ({ page }) => {
    await openMap(page);
    await page.getByTestId('preset-all').click();
    await expectUrlRange(page, { from: '1983-01-01', to: DEFAULT_RANGE.to });
    await expect(page.getByTestId('preset-all')).toHaveAttribute('aria-pressed', 'true');

    await page.getByTestId('preset-last7').click();
    const last7 = { from: addDays(DEFAULT_RANGE.to, -6), to: DEFAULT_RANGE.to };
    await expectUrlRange(page, last7);
    await expectRange(page, last7);

    // Arrow keys move a handle by one day (Shift: a week), each press committed at once.
    const handle = page.getByTestId('handle-from');
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await expectUrlRange(page, { from: addDays(last7.from, -1), to: last7.to });
    await page.keyboard.press('Shift+ArrowLeft');
    const moved = { from: addDays(last7.from, -8), to: last7.to };
    await expectUrlRange(page, moved);
    await expectRange(page, moved);
    await page.getByTestId('handle-to').focus();
    await page.keyboard.press('ArrowLeft');
    const final = { from: moved.from, to: addDays(last7.to, -1) };
    await expectUrlRange(page, final);
    await expect(page.getByTestId('handle-to')).toHaveAttribute('aria-valuetext', /4 August 2024|August 4, 2024|4 Aug 2024/);

    const counts = await rangeCounts(page);
    await page.reload();
    await waitForMap(page);
    await expectRange(page, final);
    expect(await rangeCounts(page)).toEqual(counts);
  });
});

test.describe('a crafted permalink', () => {
  const LINK = `/?map=7/33.9/35.5&from=2024-07-29&to=2024-08-02&event=${IDS.shukr}`;

  test('restores viewport, range and the open popup', async ({ page }) => {
    await page.goto(LINK);
    // The very first camera the map has is the link's: no jump from a default view.
    await page.waitForFunction(() => !!(window as unknown as { __situationMap?: { view(): unknown } }).__situationMap?.view(), null, { timeout: MAP_TIMEOUT });
    const first = await view(page);
    expect(first.zoom).toBeCloseTo(7, 2);
    expect(first.lat).toBeCloseTo(33.9, 2);
    expect(first.lng).toBeCloseTo(35.5, 2);

    await waitForMap(page);
    await expectRange(page, { from: '2024-07-29', to: '2024-08-02' });
    await expect(popup(page)).toHaveAttribute('data-event-id', IDS.shukr);
    await expect(popup(page).getByTestId('popup-place')).toContainText('Beirut');
    await waitForCameraStill(page);
    const v = await view(page);
    expect(v.zoom).toBeCloseTo(7, 2);
    expect(v.lat).toBeCloseTo(33.9, 2);
    expect(v.lng).toBeCloseTo(35.5, 2);
    expect(query(page).get('map')).toBe('7/33.9/35.5');
    expect(query(page).get('event')).toBe(IDS.shukr);
  });

  test('the server HTML already holds the range and the event (no flash of the default view)', async ({ request, browser }) => {
    const event = await getJson<EventFeature>(request, `/api/events/${IDS.shukr}`);
    const res = await request.get(LINK);
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/data-testid="range-from"[^>]*value="2024-07-29"/);
    expect(html).toMatch(/data-testid="range-to"[^>]*value="2024-08-02"/);
    expect(html).toContain(event.properties.title);

    // The same page with JavaScript off: what a reader sees before hydration.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      await page.goto(LINK);
      await expectRange(page, { from: '2024-07-29', to: '2024-08-02' });
      await expect(page).toHaveTitle(new RegExp(`^${event.properties.title}`));
      await expect(page.getByTestId('range-count')).toHaveText(/\d+ events? · \d+ movements? in range/);
    } finally {
      await noJs.close();
    }
  });
});

test('Back and Forward walk through opened events', async ({ page }) => {
  await openMap(page);
  await listButton(page, IDS.haniyeh).click();
  await expect(popup(page)).toHaveAttribute('data-event-id', IDS.haniyeh);
  await waitForCameraStill(page);
  await listButton(page, IDS.shoigu).click();
  await expect(popup(page)).toHaveAttribute('data-event-id', IDS.shoigu);
  await waitForCameraStill(page);

  await page.goBack();
  await expect(popup(page)).toHaveAttribute('data-event-id', IDS.haniyeh);
  expect(query(page).get('event')).toBe(IDS.haniyeh);
  await page.goBack();
  await expect(popup(page)).toHaveCount(0);
  expect(query(page).get('event')).toBeNull();
  await page.goForward();
  await expect(popup(page)).toHaveAttribute('data-event-id', IDS.haniyeh);
  expect(query(page).get('event')).toBe(IDS.haniyeh);
});

test.describe('bad permalinks open a working map', () => {
  const cases: { query: string; check(page: Page): Promise<void>; events?: boolean }[] = [
    {
      query: 'map=999/999/999',
      events: false, // clamped to the top of the world at maximum zoom: no markers up there
      check: async (page) => {
        const v = await view(page);
        expect(v.zoom).toBeLessThanOrEqual(12);
        expect(Math.abs(v.lat)).toBeLessThanOrEqual(85.06);
        expect(Math.abs(v.lng)).toBeLessThanOrEqual(180);
        await expect.poll(() => Number(query(page).get('map')?.split('/')[0])).toBeLessThanOrEqual(12);
      },
    },
    {
      query: 'map=abc',
      check: async (page) => {
        const v = await view(page);
        expect(v.zoom).toBeGreaterThan(1);
        expect(v.zoom).toBeLessThan(12);
      },
    },
    { query: 'from=2024-99-99', check: (page) => expectRange(page, DEFAULT_RANGE) },
    { query: 'from=2024-08-05&to=2024-07-01', check: (page) => expectRange(page, { from: '2024-07-01', to: '2024-08-05' }) },
    {
      query: 'event=does-not-exist',
      check: async (page) => {
        await expect(popup(page)).toHaveCount(0);
        await expect.poll(() => query(page).get('event')).toBeNull();
      },
    },
    {
      query: 'category=bogus',
      check: async (page) => {
        await expect(page.locator('button[data-category][aria-pressed=true]')).toHaveCount(0);
        await expect(listItems(page).first()).toBeVisible();
      },
    },
    {
      query: 'layers=nonsense',
      check: async (page) => {
        for (const l of ['events', 'movements', 'areas']) await expect(page.getByTestId(`layer-${l}`)).toBeChecked();
        await expect(map(page)).not.toHaveAttribute('data-rendered-arcs', '0', { timeout: MAP_TIMEOUT });
      },
    },
    { query: 'foo=bar', check: (page) => expectRange(page, DEFAULT_RANGE) },
  ];

  for (const c of cases) {
    test(`/?${c.query}`, async ({ page }) => {
      await openMap(page, `/?${c.query}`, { events: c.events ?? true });
      await expect(page.getByTestId('app')).toBeVisible();
      await expect(page.getByText(/Application error|Internal Server Error|This page could not be found/)).toHaveCount(0);
      expect((await rangeCounts(page)).events).toBeGreaterThan(0);
      await c.check(page);
    });
  }
});

test('moving the map replaces the history entry; selecting an event pushes one', async ({ page }) => {
  await openMap(page);
  await waitForCameraStill(page);
  const before = await historyLength(page);
  const mapBefore = query(page).get('map');

  const box = (await canvas(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.7);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => query(page).get('map')).not.toBe(mapBefore);
  await waitForCameraStill(page);
  expect(await historyLength(page)).toBe(before);

  const id = (await listItems(page).first().getAttribute('data-event-id'))!;
  await listItems(page).first().getByRole('button').click();
  await expect(popup(page)).toHaveAttribute('data-event-id', id);
  await waitForCameraStill(page);
  expect(await historyLength(page)).toBe(before + 1);
});

test('the Share link reproduces the view in a new page', async ({ page, context }) => {
  await openMap(page, '/?from=2024-07-29&to=2024-08-03');
  await listButton(page, IDS.shukr).click();
  await expect(popup(page)).toHaveAttribute('data-event-id', IDS.shukr);
  await waitForCameraStill(page);
  const share = page.getByTestId('share');
  await expect.poll(async () => (await share.getAttribute('data-url')) === new URL(page.url()).search, { message: 'Share link = address bar' }).toBe(true);
  const url = (await share.getAttribute('data-url'))!;
  expect(Object.fromEntries(new URLSearchParams(url))).toMatchObject({ from: '2024-07-29', to: '2024-08-03', event: IDS.shukr, map: expect.any(String) });
  const here = await view(page);

  const other = await context.newPage();
  await openMap(other, `/${url}`);
  await expectRange(other, { from: '2024-07-29', to: '2024-08-03' });
  await expect(popup(other)).toHaveAttribute('data-event-id', IDS.shukr);
  const there = await view(other);
  expect(there.zoom).toBeCloseTo(here.zoom, 1);
  expect(there.lat).toBeCloseTo(here.lat, 2);
  expect(there.lng).toBeCloseTo(here.lng, 2);

  // The popup's own link opens that event with a range that shows it.
  const eventLink = (await popup(page).getByTestId('copy-event-link').getAttribute('data-url'))!;
  expect(new URLSearchParams(eventLink).get('event')).toBe(IDS.shukr);
  const third = await context.newPage();
  await openMap(third, `/${eventLink}`);
  await expect(popup(third)).toHaveAttribute('data-event-id', IDS.shukr);
  await expect(listButton(third, IDS.shukr)).toBeVisible();
});

test('category, actor and search filters go into the URL and come back on reload', async ({ page, request }) => {
  const expected = (await summaries(request, 'category=meeting&actor=shoigu&q=Pezeshkian'))
    .filter((f) => overlaps(f.properties, DEFAULT_RANGE.from, DEFAULT_RANGE.to))
    .map((f) => f.properties.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  const listIds = async () => (await listItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')!))).sort();

  await openMap(page);
  await page.locator('button[data-category=meeting]').click();
  await page.getByTestId('actor').selectOption('shoigu');
  await page.getByTestId('search').fill('Pezeshkian');
  await expect.poll(() => [query(page).get('category'), query(page).get('actor'), query(page).get('q')]).toEqual(['meeting', 'shoigu', 'Pezeshkian']);
  await expect.poll(listIds).toEqual(expected);

  await page.reload();
  await waitForMap(page);
  await expect(page.locator('button[data-category=meeting]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('button[data-category][aria-pressed=true]')).toHaveCount(1);
  await expect(page.getByTestId('actor')).toHaveValue('shoigu');
  await expect(page.getByTestId('search')).toHaveValue('Pezeshkian');
  await expect.poll(listIds).toEqual(expected);
});

test('play advances the range and pause stops it', async ({ page }) => {
  const start = { from: '2024-06-01', to: '2024-06-07' };
  await openMap(page, `/?from=${start.from}&to=${start.to}`, { events: false });
  await page.getByTestId('speed').selectOption('2');
  const play = page.getByTestId('play');
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'true');
  await expect(from(page)).not.toHaveValue(start.from);
  await play.click();
  await expect(play).toHaveAttribute('aria-pressed', 'false');

  const stopped = await from(page).inputValue();
  const stoppedTo = await to(page).inputValue();
  expect(dayDiff(start.from, stopped) % 2, 'steps of 2 days').toBe(0);
  expect(dayDiff(stopped, stoppedTo)).toBe(dayDiff(start.from, start.to)); // the window keeps its length
  // Where playback stopped becomes the committed range (and a history entry).
  await expectUrlRange(page, { from: stopped, to: stoppedTo });
  // Several ticks (400 ms each) later, nothing has moved. A fixed wait: we are checking for absence.
  await page.waitForTimeout(1500);
  await expectRange(page, { from: stopped, to: stoppedTo });
});
