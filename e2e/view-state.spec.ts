// The map never lies after ordinary use: whatever a user does and undoes, the page draws and lists
// exactly what a fresh load of its URL draws and lists; movements are first-class; popups fit.
import { test, expect, type Page } from './fixtures';
import {
  IDS,
  MAP_TIMEOUT,
  TEHRAN,
  expectInside,
  map,
  movements,
  openMap,
  pagePoint,
  query,
  snapshot,
  waitForCameraStill,
  type MovementFeature,
  type PageSnapshot,
} from './helpers';

/** Opens the page's current URL in a fresh tab of the same size and reads what it shows. */
async function freshLoad(page: Page): Promise<PageSnapshot> {
  const fresh = await page.context().newPage();
  try {
    await openMap(fresh, page.url(), { events: false });
    const shown = await snapshot(fresh);
    // A link opens on the view it names: loading it moves nothing.
    expect(fresh.url(), 'a fresh load keeps the URL').toBe(page.url());
    return shown;
  } finally {
    await fresh.close();
  }
}

async function expectSameAsFreshLoad(page: Page, why: string): Promise<PageSnapshot> {
  const now = await snapshot(page);
  expect(now, `${why}: the page shows what a fresh load of ${page.url()} shows`).toEqual(await freshLoad(page));
  return now;
}

const chip = (page: Page, category: string) => page.locator(`[data-testid=categories] button[data-category="${category}"]`);
const kindChip = (page: Page, kind: string) => page.locator(`[data-testid=kinds] button[data-kind="${kind}"]`);

test.describe('undo brings back what was there', () => {
  test('clearing the search brings every event back', async ({ page }) => {
    await openMap(page);
    const before = await snapshot(page);
    await page.getByTestId('search').fill('xyzzy');
    await expect.poll(() => query(page).get('q')).toBe('xyzzy');
    await expect(page.getByTestId('range-count')).toContainText('0 events');
    await page.getByTestId('search').fill('');
    await expect.poll(() => query(page).get('q')).toBeNull();
    expect(await snapshot(page)).toEqual(before);
  });

  test('a chip pressed twice leaves the map as it was', async ({ page }) => {
    await openMap(page);
    const before = await snapshot(page);
    await chip(page, 'strike').click();
    await expect.poll(() => query(page).get('category')).toBe('strike');
    const filtered = await snapshot(page);
    expect(filtered.drawn.eventCount).toBeLessThan(before.drawn.eventCount);
    await chip(page, 'strike').click();
    await expect.poll(() => query(page).get('category')).toBeNull();
    expect(await snapshot(page)).toEqual(before);
  });

  test('Back after a category restores the unfiltered map; Forward filters again', async ({ page }) => {
    await openMap(page);
    const before = await snapshot(page);
    await chip(page, 'visit').click();
    await expect.poll(() => query(page).get('category')).toBe('visit');
    const filtered = await snapshot(page);
    await page.goBack();
    await expect.poll(() => query(page).get('category')).toBeNull();
    expect(await snapshot(page)).toEqual(before);
    await page.goForward();
    await expect.poll(() => query(page).get('category')).toBe('visit');
    expect(await snapshot(page)).toEqual(filtered);
  });

  test('the movement kind filter is in the URL, narrows the arcs, and undoes', async ({ page, request }) => {
    const all = await movements(request);
    await openMap(page);
    const before = await snapshot(page);
    await kindChip(page, 'travel').click();
    await expect.poll(() => query(page).get('kind')).toBe('travel');
    const trips = await snapshot(page);
    const kindOf = new Map(all.map((m) => [m.properties.id, m.properties.kind]));
    expect(trips.drawn.movements.length).toBeGreaterThan(0);
    for (const id of trips.drawn.movements) expect(kindOf.get(id)).toBe('travel');
    expect(trips.drawn.events).toEqual(before.drawn.events);
    await expectSameAsFreshLoad(page, 'kind=travel');
    await kindChip(page, 'travel').click();
    await expect.poll(() => query(page).get('kind')).toBeNull();
    expect(await snapshot(page)).toEqual(before);
  });
});

test.describe('movements are first-class', () => {
  test('the list has movements, reachable by keyboard; Enter opens the popup, Escape returns to the row', async ({ page }) => {
    await openMap(page);
    await page.getByTestId('tab-movements').click();
    const rows = page.locator('[data-testid=movement-list] li[data-movement-id] button');
    await expect(rows.first()).toBeVisible();
    const id = (await page.locator('[data-testid=movement-list] li[data-movement-id]').first().getAttribute('data-movement-id'))!;
    await page.getByTestId('tab-movements').focus();
    await page.keyboard.press('Tab');
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('movement-popup')).toHaveAttribute('data-movement-id', id);
    expect(query(page).get('movement')).toBe(id);
    await expectInside(page.locator('.maplibregl-popup'), map(page), 'movement popup');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('movement-popup')).toHaveCount(0);
    await expect(rows.first()).toBeFocused();
    expect(query(page).get('movement')).toBeNull();
  });

  test('Escape returns focus to the event row that opened the popup', async ({ page }) => {
    await openMap(page);
    const row = page.locator(`[data-testid=event-list] li[data-event-id="${IDS.shoigu}"] button`);
    await row.click();
    await expect(page.getByTestId('popup')).toHaveAttribute('data-event-id', IDS.shoigu);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('popup')).toHaveCount(0);
    await expect(row).toBeFocused();
  });

  test('clicking an arc opens its popup inside the map, with a link to it', async ({ page, request }) => {
    const kurilla = (await movements(request)).find((m) => m.properties.origin.name.includes('Tampa'))!;
    expect(kurilla, 'the Tampa → Tel Aviv trip').toBeTruthy();
    await openMap(page);
    await waitForCameraStill(page);
    // Click the on-screen part of the arc, away from the destination's markers.
    const pts = [];
    for (const [lng, lat] of kurilla.geometry.coordinates) pts.push(await pagePoint(page, lng, lat));
    const onScreen = pts.filter((p) => p.inside);
    expect(onScreen.length).toBeGreaterThan(2);
    const p = onScreen[Math.floor(onScreen.length / 3)]!;
    await page.mouse.click(p.x, p.y);
    const pop = page.getByTestId('movement-popup');
    await expect(pop).toHaveAttribute('data-movement-id', kurilla.properties.id);
    expect(query(page).get('movement')).toBe(kurilla.properties.id);
    await waitForCameraStill(page);
    await expectInside(page.locator('.maplibregl-popup'), map(page), 'movement popup');
    await expectSameAsFreshLoad(page, 'after clicking an arc');
  });
});

for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test.describe(`every popup fits at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('?movement=ID opens that movement, its popup inside the map', async ({ page, request }) => {
      const all = await movements(request);
      const picks = [all.find((m) => m.properties.origin.name.includes('Tampa')), all.find((m) => m.properties.id === IDS.shoiguTrip), all.find((m) => m.properties.kind === 'arms')];
      for (const m of picks as MovementFeature[]) {
        await openMap(page, `/?movement=${m.properties.id}`, { events: false });
        await expect(page.getByTestId('movement-popup')).toHaveAttribute('data-movement-id', m.properties.id);
        await waitForCameraStill(page);
        await expectInside(page.locator('.maplibregl-popup'), map(page), `popup of ${m.properties.id}`);
      }
    });

    test('an event popup from a link, and the cluster list at Tehran, lie inside the map', async ({ page }) => {
      await openMap(page, `/?event=${IDS.haniyeh}`);
      await expect(page.getByTestId('popup')).toHaveAttribute('data-event-id', IDS.haniyeh);
      await waitForCameraStill(page);
      await expectInside(page.locator('.maplibregl-popup'), map(page), 'event popup');

      await openMap(page, '/');
      // Clicking the Tehran cluster zooms in until its events share one place, then lists them.
      const list = page.getByTestId('cluster-popup');
      for (let i = 0; i < 6 && !(await list.isVisible()); i++) {
        await waitForCameraStill(page);
        const p = await pagePoint(page, TEHRAN[0], TEHRAN[1]);
        await page.mouse.click(p.x, p.y);
        await page.waitForTimeout(400);
      }
      await expect(list).toBeVisible({ timeout: MAP_TIMEOUT });
      const title = (await list.getByRole('heading').textContent())!;
      const n = Number(/^(\d+) events/.exec(title)?.[1]);
      expect(n, title).toBeGreaterThan(1);
      await expect(list.getByRole('listitem')).toHaveCount(n);
      await waitForCameraStill(page);
      await expectInside(page.locator('.maplibregl-popup'), map(page), 'cluster list');
    });
  });
}

test.describe('canonical links', () => {
  test('the address bar, the page and the preview image clamp the same way; repeated keys count once', async ({ page }) => {
    await page.goto('/?map=999/999/999&category=strike&category=visit&q=one&q=two');
    await expect.poll(() => query(page).getAll('category')).toEqual(['strike']);
    expect(query(page).getAll('q')).toEqual(['one']);
    const zoom = query(page).get('map')!.split('/')[0];
    const og = new URL((await page.locator('meta[property="og:image"]').getAttribute('content'))!);
    expect(og.searchParams.get('map')!.split('/')[0]).toBe(zoom);
    expect(og.searchParams.get('category')).toBe('strike');
    expect(og.searchParams.get('q')).toBe('one');
  });
});

/** A small seeded generator, so a failing sequence can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test.describe('random sequences of ordinary actions', () => {
  for (const seed of [7, 2024]) {
    test(`seed ${seed}: the page shows what a fresh load of its URL shows`, async ({ page }) => {
      test.setTimeout(180_000);
      const random = rng(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      await openMap(page);
      const actors = (await page.getByTestId('actor').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).slice(0, 4);
      const actions: [string, () => Promise<void>][] = [
        ['category chip', async () => chip(page, pick(['strike', 'visit', 'meeting', 'statement'])).click()],
        ['kind chip', async () => kindChip(page, pick(['travel', 'arms', 'attack'])).click()],
        ['actor', async () => void (await page.getByTestId('actor').selectOption(pick(actors)))],
        ['search', async () => page.getByTestId('search').fill(pick(['', 'tehran', 'xyzzy', '']))],
        ['preset', async () => page.getByTestId(pick(['preset-crisis', 'preset-last7', 'preset-all'])).click()],
        ['layer', async () => page.getByTestId(pick(['layer-events', 'layer-movements', 'layer-areas'])).click()],
        [
          'select from list',
          async () => {
            const tab = pick(['tab-events', 'tab-movements']);
            await page.getByTestId(tab).click();
            const rows = page.locator(`#panel-${tab.slice(4)} li button`);
            const n = await rows.count();
            if (n) await rows.nth(Math.floor(random() * n)).click();
          },
        ],
        ['escape', async () => page.keyboard.press('Escape')],
        ['back', async () => void (await page.goBack())],
        ['forward', async () => void (await page.goForward())],
      ];
      const done: string[] = [];
      for (let i = 0; i < 10; i++) {
        const [name, act] = pick(actions);
        await act();
        done.push(name);
        // Typed search settles before it filters; let it, as a user would.
        if (name === 'search') await page.waitForTimeout(700);
        await snapshot(page);
        if (i % 5 === 4) await expectSameAsFreshLoad(page, `after ${done.join(' → ')}`);
      }
    });
  }
});
