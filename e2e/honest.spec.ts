// Honest presentation: articles are named by what their text states (never by file name or hash),
// a difference of precision between sources is not shown as a dispute, and a dead link lands on a
// 404 page that leads back to the map. Counts and titles come from the API, not from today's data.
import { test, expect, type APIRequestContext, type Page } from './fixtures';
import { IDS, getJson, openMap, popup } from './helpers';

interface ArticleListing {
  id: string;
  headline: string | null;
  outlet: string | null;
  displayTitle: string;
}
interface EventWithClaims {
  properties: {
    id: string;
    disputed: string[];
    precisionDiffers: string[];
    placeClaims?: { text: string; precision: string }[];
    sources: { article: string }[];
  };
}

const articles = async (request: APIRequestContext) => (await getJson<{ articles: ArticleListing[] }>(request, '/api/articles')).articles;

/** A file stem, a hash-like run of hex digits or a file name: what an article must never be titled by. */
function expectNoIdIn(text: string, ids: string[], what: string) {
  for (const id of ids) expect(text, `${what} names article ${id}`).not.toContain(id);
  expect(text, `${what} looks like a hash or file name`).not.toMatch(/\b[0-9a-f]{12,}\b|\.txt\b/);
}

/** Open the map on one event, with its popup. */
async function openEvent(page: Page, id: string) {
  await openMap(page, `/?event=${id}`);
  await expect(popup(page)).toHaveAttribute('data-event-id', id);
}

test.describe('articles are named by their text, never by id', () => {
  test('the API gives each article a display title that is not its id', async ({ request }) => {
    const list = await articles(request);
    expect(list.length).toBeGreaterThan(0);
    const ids = list.map((a) => a.id);
    for (const a of list) {
      expectNoIdIn(a.displayTitle, ids, `displayTitle of ${a.id}`);
      if (a.headline) expect(a.displayTitle).toBe(a.headline);
      else if (a.outlet) expect(a.displayTitle).toContain(a.outlet);
      else expect(a.displayTitle).toMatch(/outlet not named/);
    }
  });

  test('every source in the popup of an event reported by every article is titled without ids', async ({ page, request }) => {
    const list = await articles(request);
    const ids = list.map((a) => a.id);
    const event = await getJson<EventWithClaims>(request, `/api/events/${IDS.shoigu}`);
    await openEvent(page, IDS.shoigu);
    const titles = page.getByTestId('source-title');
    await expect(titles).toHaveCount(event.properties.sources.length);
    const expected = event.properties.sources.map((s) => list.find((a) => a.id === s.article)!.displayTitle);
    expect(await titles.allInnerTexts()).toEqual(expected);
    for (const t of await titles.allInnerTexts()) expectNoIdIn(t, ids, 'popup source title');
  });

  test('each article page is titled (heading and <title>) by its display title', async ({ page, request }) => {
    const list = await articles(request);
    const ids = list.map((a) => a.id);
    for (const a of list) {
      const res = await page.goto(`/articles/${a.id}`);
      expect(res?.status()).toBe(200);
      const heading = page.getByTestId('article-title');
      await expect(heading).toHaveText(a.displayTitle);
      expectNoIdIn(await heading.innerText(), ids, `heading of /articles/${a.id}`);
      expectNoIdIn(await page.title(), ids, `<title> of /articles/${a.id}`);
      expect(await page.title()).toContain(a.displayTitle);
    }
  });
});

test.describe('a difference of precision is not a dispute', () => {
  test('Iran vs Tehran: a precision note, no dispute banner', async ({ page, request }) => {
    const p = (await getJson<EventWithClaims>(request, `/api/events/${IDS.shoigu}`)).properties;
    expect(p.disputed).not.toContain('place');
    expect(p.precisionDiffers).toContain('place');
    expect(p.placeClaims?.map((c) => c.text)).toEqual(['Iran', 'Tehran']);

    await openEvent(page, IDS.shoigu);
    const note = page.getByTestId('precision-note');
    await expect(note).toBeVisible();
    await expect(note).toContainText('Sources differ in precision: Iran (country) vs Tehran (city)');
    await expect(page.getByTestId('dispute')).toHaveCount(0);
    // Both wordings stay visible with their sources.
    await expect(popup(page)).toContainText('names the place “Iran”');
    await expect(popup(page)).toContainText('names the place “Tehran”');
  });

  test('no event is both disputed and merely imprecise about its place', async ({ request }) => {
    const { features } = await getJson<{ features: EventWithClaims[] }>(request, '/api/events');
    for (const f of features) {
      const p = f.properties;
      expect(p.disputed.includes('place') && p.precisionDiffers.includes('place'), p.id).toBe(false);
    }
  });
});

test.describe('country-level places', () => {
  test('a country-level event says so, with no radius (the country itself is drawn)', async ({ page, request }) => {
    const { features } = await getJson<{ features: { properties: { id: string; start: string; end: string; place: { name: string; precision: string } } }[] }>(request, '/api/events?source=article&limit=5000');
    const e = features.find((f) => f.properties.place.precision === 'country');
    // The curated data has country-level events (Iran, Russia).
    expect(e, 'a country-level event').toBeTruthy();
    const p = e!.properties;
    await openMap(page, `/?event=${p.id}&from=${p.start}&to=${p.end}`);
    await expect(popup(page)).toHaveAttribute('data-event-id', p.id);
    const where = page.getByTestId('popup-place');
    await expect(where).toContainText(`${p.place.name} (country only)`);
    await expect(where).not.toContainText('±');
    await page.getByTestId('legend').locator('summary').click();
    await expect(page.getByTestId('legend')).toContainText('country-level');
  });
});

test.describe('404', () => {
  // Chromium logs the 404 status of the document itself as a console error.
  test.use({ allowedConsoleErrors: /status of 404/ });

  for (const path of ['/no-such-page', '/articles/no-such-article']) {
    test(`${path} is a 404 in the app's look, linking back to the map`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByTestId('not-found')).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Situation Map');
      const back = page.getByTestId('back-to-map');
      await expect(back).toHaveAttribute('href', '/');
      expect(await page.title()).toMatch(/not found/i);
    });
  }

  test('the way back opens the map', async ({ page }) => {
    await page.goto('/articles/no-such-article');
    await page.getByTestId('back-to-map').click();
    await expect(page).toHaveURL(/\/(\?.*)?$/);
    await expect(page.getByTestId('map')).toBeVisible();
  });
});
