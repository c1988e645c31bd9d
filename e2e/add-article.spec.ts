// Articles in through the UI (issue 8): the "Add article" panel on a server of its own over a
// temporary database, writing switched on by INGEST_TOKEN. The article's events reach the map and
// the list marked as unreviewed, its quotes are highlighted in its text, a rejection hides an event
// and an undo brings it back, and a second open page is told of the new events.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { getJson, openMap, snapshot, type EventFeature } from './helpers';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
const TOKEN = 'e2e-add-article-token';

// Written for this test: three happenings in three places on three days.
const TEXT = [
  'Thousands of protesters gathered outside the parliament in Tbilisi on Monday to demand new elections, police said. The rally ended peacefully late in the evening.',
  'On Tuesday, an explosion hit a fuel depot in the port city of Batumi, killing two workers, local officials said. The cause of the blast is under investigation.',
  "Georgia's foreign minister flew to Ankara on Wednesday for talks with his Turkish counterpart.",
].join('\n\n');
const VIEW = '/?map=4/41/38&from=2025-10-20&to=2025-11-05';

let server: { url: string; stop(): Promise<void> };
let tmp: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-add-article-'));
  server = await startServer({ port: PORT, env: { DATABASE_URL: `file:${path.join(tmp, 'add.db')}`, INGEST_TOKEN: TOKEN }, timeoutMs: 120_000 });
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const item = (page: Page, id: string) => page.locator(`[data-testid=extracted-item][data-id="${id}"]`);

async function fillArticle(page: Page, token: string, text = TEXT, title = 'Protest in Tbilisi, blast in Batumi') {
  const panel = page.getByTestId('add-article');
  await panel.getByLabel('Title').fill(title);
  await panel.getByLabel('Published').fill('2025-10-29');
  await panel.getByLabel('Outlet (optional)').fill('Test Wire');
  await panel.getByLabel(/^Text/).fill(text);
  await panel.getByLabel(/Write token/).fill(token);
}

/** Event ids and "cluster z/x/y" rendered within a few pixels of a place. */
const renderedAt = (page: Page, lng: number, lat: number) =>
  page.evaluate(([a, b]) => (window as unknown as { __situationMap: { at(lng: number, lat: number): string[] } }).__situationMap.at(a!, b!), [lng, lat]);

test('an article added through the panel: quotes highlighted, events on the map and in the list, reject and undo, a second page told', async ({ page, context, request, pageGuard }) => {
  test.setTimeout(150_000);
  // the browser logs the refused POSTs below: a wrong token, an edit the domain rules refuse
  pageGuard.allow(/401 \(Unauthorized\)|422 \(Unprocessable Entity\)/);
  await openMap(page, `${server.url}${VIEW}`, { events: false });
  const other = await context.newPage();
  await openMap(other, `${server.url}${VIEW}`, { events: false });
  const before = (await snapshot(page)).drawn;

  await page.getByTestId('add-article-open').click();
  const panel = page.getByTestId('add-article');

  // A wrong token: the server's own message, and nothing written.
  await fillArticle(page, 'not-the-token');
  await panel.getByRole('button', { name: 'Add article', exact: true }).click();
  await expect(panel.getByTestId('add-article-error')).toContainText(/token/i);

  await panel.getByLabel(/Write token/).fill(TOKEN);
  await panel.getByRole('button', { name: 'Add article', exact: true }).click();
  const items = panel.getByTestId('extracted-item');
  await expect(items.first()).toBeVisible({ timeout: 30_000 });
  const ids = await items.evaluateAll((els) => els.filter((e) => e.getAttribute('data-kind') === 'event').map((e) => e.getAttribute('data-id')!));
  expect(ids.length).toBeGreaterThanOrEqual(2);
  for (const id of ids) expect(before.events).not.toContain(id);

  // The text is shown as text, and every event's quote from the API is marked in it.
  await expect(panel.getByTestId('article-text')).toHaveText(TEXT);
  const marked = await panel.getByTestId('quote').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', items: (e.getAttribute('data-items') ?? '').split(' ') })));
  for (const id of ids) {
    const e = await getJson<EventFeature>(request, `${server.url}/api/events/${id}`);
    const quotes = e.properties.sources.map((s) => s.quote);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(TEXT.slice(e.properties.sources.find((s) => s.quote === q)!.offset).startsWith(q)).toBe(true);
    expect(marked.filter((m) => m.items.includes(id)).map((m) => m.text).join('')).toBe(quotes.join(''));
    await expect(item(page, id).getByTestId('review-state')).toHaveText('unreviewed');
  }

  // This page shows its own article at once; the other page is offered it.
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).toEqual(expect.arrayContaining(ids));
  await expect.poll(async () => (await snapshot(page)).listed, { timeout: 30_000 }).toEqual(expect.arrayContaining(ids));
  for (const id of ids) await expect(page.locator(`[data-testid=event-list] li[data-event-id="${id}"]`)).toHaveAttribute('data-unreviewed', 'true');
  await expect(page.locator('[data-testid=event-list] li[data-unreviewed]').first()).toContainText('machine-extracted, unreviewed');
  await expect(other.getByTestId('new-data')).toHaveText(new RegExp(`^${ids.length} new events`), { timeout: 15_000 });
  await expect(page.getByTestId('new-data')).toHaveCount(0);

  // Reject one: it leaves the map and the list; undo brings it back.
  const [gone, ...kept] = ids as [string, ...string[]];
  await item(page, gone).getByRole('button', { name: 'Reject' }).click();
  await expect(item(page, gone).getByTestId('review-state')).toHaveText('rejected');
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).not.toContain(gone);
  expect((await snapshot(page)).drawn.events).toEqual(expect.arrayContaining(kept));
  await expect(page.locator(`[data-testid=event-list] li[data-event-id="${gone}"]`)).toHaveCount(0);
  expect((await request.get(`${server.url}/api/events/${gone}`)).status()).toBe(404);

  await item(page, gone).getByRole('button', { name: 'Undo' }).click();
  await expect(item(page, gone).getByTestId('review-state')).toHaveText('unreviewed');
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).toContain(gone);

  // Accepted, an event is no longer marked as unreviewed.
  await item(page, kept[0]!).getByRole('button', { name: 'Accept' }).click();
  await expect(item(page, kept[0]!).getByTestId('review-state')).toHaveText('accepted');
  await expect(page.locator(`[data-testid=event-list] li[data-event-id="${kept[0]}"]`)).not.toHaveAttribute('data-unreviewed', 'true', { timeout: 15_000 });

  // An edit the domain rules refuse (a date no quote supports) shows the server's message; a
  // category change goes through.
  const edited = kept[1] ?? kept[0]!;
  const original = (await getJson<EventFeature & { properties: { category: string } }>(request, `${server.url}/api/events/${edited}`)).properties;
  const row = item(page, edited);
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Start').fill('2019-01-01');
  await row.getByLabel('End').fill('2019-01-01');
  await row.getByRole('button', { name: 'Save edit' }).click();
  await expect(row.getByRole('alert')).not.toBeEmpty();
  await expect(row.getByTestId('review-state')).toHaveText('unreviewed');
  await row.getByLabel('Start').fill(original.start);
  await row.getByLabel('End').fill(original.end);
  const category = original.category === 'diplomacy' ? 'meeting' : 'diplomacy';
  await row.getByLabel('Category').selectOption(category);
  await row.getByRole('button', { name: 'Save edit' }).click();
  await expect(row.getByTestId('review-state')).toHaveText('edited');
  expect((await getJson<{ properties: { category: string } }>(request, `${server.url}/api/events/${edited}`)).properties.category).toBe(category);

  // The token stays for the session and never enters the URL.
  expect(page.url()).not.toContain(TOKEN);
  expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(TOKEN);
});

test('the unreviewed layer toggle hides machine-extracted events nobody has reviewed', async ({ page }) => {
  test.setTimeout(90_000);
  await openMap(page, `${server.url}${VIEW}`, { events: false });
  const before = await snapshot(page);
  const unreviewed = await page.locator('[data-testid=event-list] li[data-unreviewed]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')!));
  expect(unreviewed.length).toBeGreaterThan(0);
  await page.getByTestId('layer-unreviewed').uncheck();
  await expect(page).toHaveURL(/layers=events,feeds,movements,areas/);
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).not.toContain(unreviewed[0]);
  const after = await snapshot(page);
  expect(after.drawn.eventCount).toBe(before.drawn.eventCount - unreviewed.length);
  expect(after.listed.some((id) => unreviewed.includes(id))).toBe(false);
});

// Written for this test: a visit, so a trip, and a meeting at one place on one day.
const TRIP_TEXT = [
  "Turkish President Recep Tayyip Erdogan arrived in Baku on Thursday for a two-day visit, his office said. He was received at the airport by Azerbaijan's foreign minister.",
  'Later that day, Erdogan met President Ilham Aliyev in Baku to discuss energy routes across the Caspian Sea.',
].join('\n\n');
const BAKU = { lng: 49.8671, lat: 40.4093 };
const GANJA = { lng: 46.3606, lat: 40.6828 };

test('a movement reviewed end to end; clusters say they hold unreviewed events; a place edit moves the marker', async ({ page, request }) => {
  test.setTimeout(150_000);
  await openMap(page, `${server.url}${VIEW}`, { events: false });
  await page.getByTestId('add-article-open').click();
  const panel = page.getByTestId('add-article');
  await fillArticle(page, TOKEN, TRIP_TEXT, 'Erdogan in Baku');
  await panel.getByRole('button', { name: 'Add article', exact: true }).click();
  const trip = panel.locator('[data-testid=extracted-item][data-kind=movement]');
  await expect(trip).toHaveCount(1, { timeout: 30_000 });
  const tripId = (await trip.getAttribute('data-id'))!;
  const events = await panel.locator('[data-testid=extracted-item][data-kind=event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  expect(events.length).toBeGreaterThanOrEqual(2);
  const atBaku = async () => {
    const ids: string[] = [];
    for (const id of events) if ((await getJson<{ properties: { place: { name: string } } }>(request, `${server.url}/api/events/${id}`)).properties.place.name === 'Baku') ids.push(id);
    return ids;
  };
  const [first, second] = (await atBaku()) as [string, string];
  expect(second, 'two events at Baku').toBeDefined();

  // The trip is drawn and listed as unreviewed; rejected it leaves both, undone it comes back.
  await expect.poll(async () => (await snapshot(page)).drawn.movements, { timeout: 30_000 }).toContain(tripId);
  await expect(page.locator(`[data-testid=movement-list] li[data-movement-id="${tripId}"]`)).toHaveAttribute('data-unreviewed', 'true');
  await item(page, tripId).getByRole('button', { name: 'Reject' }).click();
  await expect.poll(async () => (await snapshot(page)).drawn.movements, { timeout: 30_000 }).not.toContain(tripId);
  expect((await snapshot(page)).listedMovements).not.toContain(tripId);
  await item(page, tripId).getByRole('button', { name: 'Undo' }).click();
  await expect(item(page, tripId).getByTestId('review-state')).toHaveText('unreviewed');
  await expect.poll(async () => (await snapshot(page)).drawn.movements, { timeout: 30_000 }).toContain(tripId);

  // Its destination edited: the arc's end and the API follow; an undone rejection keeps the edit.
  const row = item(page, tripId);
  await row.getByRole('button', { name: 'Edit' }).click();
  await row.getByLabel('Destination').fill('Ganja');
  await row.getByLabel('Latitude').fill(String(GANJA.lat));
  await row.getByLabel('Longitude').fill(String(GANJA.lng));
  await row.getByRole('button', { name: 'Save edit' }).click();
  await expect(row.getByTestId('review-state')).toHaveText('edited');
  type Trip = { properties: { destination: { name: string; lat: number; lng: number }; extraction: { review: string } } };
  expect((await getJson<Trip>(request, `${server.url}/api/movements/${tripId}`)).properties.destination).toMatchObject({ name: 'Ganja', lat: GANJA.lat, lng: GANJA.lng });
  await expect(page.locator(`[data-testid=movement-list] li[data-movement-id="${tripId}"]`)).toContainText('Ganja', { timeout: 15_000 });
  await row.getByRole('button', { name: 'Reject' }).click();
  await expect(row.getByTestId('review-state')).toHaveText('rejected');
  await row.getByRole('button', { name: 'Undo' }).click();
  await expect(row.getByTestId('review-state')).toHaveText('edited');
  expect((await getJson<Trip>(request, `${server.url}/api/movements/${tripId}`)).properties).toMatchObject({ destination: { name: 'Ganja' }, extraction: { review: 'edited' } });

  // Two events at one place: one cluster that says both are unreviewed, then one of them.
  const bakuCluster = async () => (await snapshot(page)).drawn.events.find((e) => e.startsWith('cluster ') && (e.includes('(2 unreviewed)') || e.includes('(1 unreviewed)')));
  await expect.poll(bakuCluster, { timeout: 30_000 }).toMatch(/×2 \(2 unreviewed\)$/);
  expect((await renderedAt(page, BAKU.lng, BAKU.lat)).some((x) => x.startsWith('cluster '))).toBe(true);
  await item(page, first).getByRole('button', { name: 'Accept' }).click();
  await expect.poll(bakuCluster, { timeout: 30_000 }).toMatch(/×2 \(1 unreviewed\)$/);

  // The other moved to Ganja by an edit: drawn there alone, and the cluster at Baku is gone.
  const moved = item(page, second);
  await moved.getByRole('button', { name: 'Edit' }).click();
  await moved.getByLabel('Place', { exact: true }).fill('Ganja');
  await moved.getByLabel('Latitude').fill(String(GANJA.lat));
  await moved.getByLabel('Longitude').fill(String(GANJA.lng));
  await moved.getByRole('button', { name: 'Save edit' }).click();
  await expect(moved.getByTestId('review-state')).toHaveText('edited');
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).toEqual(expect.arrayContaining([first, second]));
  await expect.poll(() => renderedAt(page, GANJA.lng, GANJA.lat), { timeout: 15_000 }).toContain(second);
  expect(await renderedAt(page, BAKU.lng, BAKU.lat)).toEqual([first]);
  await expect(page.locator(`[data-testid=event-list] li[data-event-id="${second}"]`)).toContainText('Ganja');

  // The popup says who made each item and what a reviewer has said of it.
  await item(page, second).getByRole('button', { name: 'Show on map' }).click();
  await expect(page.getByTestId('popup').getByTestId('extraction-note')).toHaveAttribute('data-review', 'edited');
  await expect(page.getByTestId('popup').getByTestId('extraction-note')).toContainText(/Machine-extracted .*corrected by a reviewer/);
  await item(page, first).getByRole('button', { name: 'Show on map' }).click();
  await expect(page.getByTestId('popup').getByTestId('extraction-note')).toContainText('accepted by a reviewer');
  await item(page, tripId).getByRole('button', { name: 'Show on map' }).click();
  await expect(page.getByTestId('movement-popup').getByTestId('extraction-note')).toHaveAttribute('data-review', 'edited');
});

test('data that arrives after the page loaded widens the dates it may show, once shown', async ({ page, request }) => {
  test.setTimeout(90_000);
  await openMap(page, `${server.url}${VIEW}`, { events: false });
  const field = (k: 'from' | 'to') => page.getByTestId(`range-${k}`);
  const max0 = (await field('to').getAttribute('max'))!;
  // Written for this test, published past everything the page knows of (the event: Tuesday 10 Feb 2026).
  const text = 'On Tuesday, an explosion hit a warehouse in the city of Kutaisi, killing one worker, local officials said. The cause of the blast is under investigation, the police added.';
  const r = await request.post(`${server.url}/api/articles`, { headers: { authorization: `Bearer ${TOKEN}` }, data: { title: 'Blast in Kutaisi', published: '2026-02-12', text } });
  expect(r.status()).toBe(201);
  const ids = ((await r.json()) as { events: { id: string }[] }).events.map((e) => e.id);
  expect(ids.length).toBeGreaterThan(0);
  expect(max0 < '2026-02-10').toBe(true);

  // Offered, not yet shown: the dates the page accepts stay as they were.
  const notice = page.getByTestId('new-data');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(field('to')).toHaveAttribute('max', max0);
  await notice.click();
  await expect(field('to')).toHaveAttribute('max', '2026-02-10');

  await field('to').fill('2026-02-10');
  await field('to').press('Enter');
  await field('from').fill('2026-02-01');
  await field('from').press('Enter');
  await expect(page.getByTestId('range-error')).toBeEmpty();
  await expect.poll(() => [new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')]).toEqual(['2026-02-01', '2026-02-10']);
  await expect.poll(async () => (await snapshot(page)).drawn.events, { timeout: 30_000 }).toEqual(expect.arrayContaining(ids));
});

test('a second outlet’s report of the same happening: one event, two sources, both quoted in its popup', async ({ page, request }) => {
  test.setTimeout(90_000);
  // Written for this test: another outlet's own wording of the Batumi blast in TEXT.
  const text = 'An explosion tore through a fuel depot in Batumi on Tuesday, killing two workers, according to the port authority. Firefighters fought the blaze for several hours before it was brought under control.';
  const r = await request.post(`${server.url}/api/articles`, { headers: { authorization: `Bearer ${TOKEN}` }, data: { title: 'Depot blast in Batumi', published: '2025-10-29', outlet: 'Second Wire', text } });
  expect(r.status()).toBe(201);
  const merged = ((await r.json()) as { events: { id: string; merged: boolean }[] }).events.find((e) => e.merged);
  expect(merged, 'the report merged into the stored event').toBeDefined();

  await openMap(page, `${server.url}/?event=${merged!.id}`, { events: false });
  const popup = page.getByTestId('popup');
  await expect(popup).toHaveAttribute('data-event-id', merged!.id);
  await expect(popup.getByRole('heading', { name: '2 sources' })).toBeVisible();
  await expect(popup.getByTestId('source')).toHaveCount(2);
  await expect(popup.getByTestId('source').filter({ hasText: 'Second Wire' }).getByTestId('quote')).toHaveText([/^An explosion tore through a fuel depot in Batumi/]);
  await expect(popup.getByTestId('source').filter({ hasText: 'Test Wire' })).toHaveCount(1);
});
