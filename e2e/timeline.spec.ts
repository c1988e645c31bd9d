// The timeline's own controls: date fields typed digit by digit (as a person types into Chromium's
// segmented date input), refusals, playback steps, the "All" histogram, and the phone layout.
// Expectations come from the page's data span (the fields' min/max) and the API, never fixed counts.
import { test, expect, type Page } from './fixtures';
import { openMap, query, summaries, waitForMap } from './helpers';

// Chromium's date input takes digits in the locale's segment order: month, day, year for en-US.
test.use({ locale: 'en-US' });

const from = (page: Page) => page.getByTestId('range-from');
const to = (page: Page) => page.getByTestId('range-to');
const alert = (page: Page) => page.getByTestId('range-error');
const historyLength = (page: Page) => page.evaluate(() => window.history.length);
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const dayDiff = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
/** '2024-08-03' → '08032024', the keystrokes for an en-US date input */
const keys = (iso: string) => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const short = (iso: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** Tab out of the focused date field: Tab first walks its remaining segments and picker button. */
async function tabOut(page: Page) {
  const field = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== field) return;
  }
  throw new Error(`Tab did not leave ${field}`);
}
async function shownRange(page: Page) {
  return { from: await from(page).inputValue(), to: await to(page).inputValue() };
}
async function dataSpan(page: Page) {
  return { from: (await from(page).getAttribute('min'))!, to: (await to(page).getAttribute('max'))! };
}
async function expectUrlRange(page: Page, range: { from: string; to: string }) {
  await expect.poll(() => [query(page).get('from'), query(page).get('to')]).toEqual([range.from, range.to]);
}
async function expectShown(page: Page, range: { from: string; to: string }) {
  await expect(from(page)).toHaveValue(range.from);
  await expect(to(page)).toHaveValue(range.to);
}
/** Open a range that leaves room on both sides inside the data span, ending `endGap` days before its end. */
async function openInnerRange(page: Page, days: number, endGap: number) {
  await openMap(page);
  const span = await dataSpan(page);
  const range = { from: addDays(span.to, -(endGap + days - 1)), to: addDays(span.to, -endGap) };
  await openMap(page, `/?from=${range.from}&to=${range.to}`);
  await expectShown(page, range);
  return { span, range };
}

test.describe('date fields', () => {
  test('typing To digit by digit applies exactly that date once, on Enter; Back restores the previous range', async ({ page }) => {
    await openMap(page);
    const before = await shownRange(page);
    expect(dayDiff(before.from, before.to)).toBeGreaterThanOrEqual(3);
    const target = { from: before.from, to: addDays(before.to, -2) };
    const h0 = await historyLength(page);

    await to(page).focus();
    await page.keyboard.type(keys(target.to)); // passes through 000x years and other days on the way
    await page.keyboard.press('Enter');
    await expectUrlRange(page, target);
    await expectShown(page, target);
    await expect(page.getByTestId('range-summary')).toHaveAttribute('data-to', target.to);
    expect(await historyLength(page)).toBe(h0 + 1);
    await expect(alert(page)).toBeEmpty();

    await page.goBack();
    await expectShown(page, before);
    await expect(page.getByTestId('range-summary')).toHaveAttribute('data-to', before.to);
  });

  test('typing From digit by digit, then leaving the field (blur), applies it once', async ({ page }) => {
    await openMap(page);
    const before = await shownRange(page);
    const target = { from: addDays(before.from, 1), to: before.to };
    const h0 = await historyLength(page);

    await from(page).focus();
    await page.keyboard.type(keys(target.from));
    // nothing is applied while typing
    expect(query(page).get('from')).toBeNull();
    await tabOut(page);
    await expectUrlRange(page, target);
    await expectShown(page, target);
    expect(await historyLength(page)).toBe(h0 + 1);
  });

  test('a From after To (and a To before From) is refused with a message; range, URL and history stay', async ({ page }) => {
    const { range } = await openInnerRange(page, 5, 10);
    const url = page.url();
    const h0 = await historyLength(page);

    const late = addDays(range.to, 2);
    await from(page).focus();
    await page.keyboard.type(keys(late));
    await page.keyboard.press('Enter');
    await expect(alert(page)).toHaveText(`From ${short(late)} is after To ${short(range.to)} — not applied`);
    await expect(alert(page)).toHaveAttribute('role', 'alert');
    await expect(alert(page)).toBeVisible();
    // the draft stays for correction, marked invalid; Escape restores the applied date
    await expect(from(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(from(page)).toHaveValue(late);
    await page.keyboard.press('Escape');
    await expect(from(page)).toHaveValue(range.from);
    await expect(from(page)).not.toHaveAttribute('aria-invalid', 'true');
    await expect(alert(page)).toBeEmpty();

    const early = addDays(range.from, -3);
    await to(page).focus();
    await page.keyboard.type(keys(early));
    await tabOut(page); // leaving the field restores the applied date, the message stays
    await expect(alert(page)).toHaveText(`To ${short(early)} is before From ${short(range.from)} — not applied`);
    await expectShown(page, range);

    expect(page.url()).toBe(url);
    expect(await historyLength(page)).toBe(h0);
    await expect(page.getByTestId('range-summary')).toHaveAttribute('data-from', range.from);
    await expect(page.getByTestId('range-summary')).toHaveAttribute('data-to', range.to);
  });

  test('partial typing then blur applies nothing: an incomplete date, a half-typed year', async ({ page }) => {
    await openMap(page);
    const before = await shownRange(page);
    const url = page.url();
    const h0 = await historyLength(page);

    await to(page).focus();
    await page.keyboard.press('Backspace'); // the month segment emptied: the input holds no date
    await tabOut(page);
    await expect(alert(page)).toHaveText('To: incomplete date — not applied');
    await expectShown(page, before);

    await to(page).focus();
    await page.keyboard.type('0'); // half a month; leaving the segment makes Chromium read it as January
    await tabOut(page);
    await expect(alert(page)).toHaveText(/^To .* — not applied$/);
    await expectShown(page, before);

    await from(page).focus();
    await page.keyboard.type(keys(before.from).slice(0, 5)); // year "2" → 0002
    await tabOut(page);
    await expect(alert(page)).toHaveText(/is outside the data .* — not applied/);
    await expectShown(page, before);

    expect(page.url()).toBe(url);
    expect(await historyLength(page)).toBe(h0);
  });

  test('a value set without keystrokes (as the native picker does) applies at once', async ({ page }) => {
    await openMap(page);
    const before = await shownRange(page);
    const h0 = await historyLength(page);
    const target = { from: before.from, to: addDays(before.to, -1) };
    await to(page).fill(target.to);
    await expectUrlRange(page, target);
    expect(await historyLength(page)).toBe(h0 + 1);
  });
});

test.describe('playback', () => {
  test('states its speed in words, advances exactly that many days per step and stops at the end with one commit', async ({ page }) => {
    const speed = 2;
    const steps = 4;
    const { span, range } = await openInnerRange(page, 5, speed * steps);
    await page.getByTestId('speed').selectOption(String(speed));
    await expect(page.getByTestId('speed').locator('option:checked')).toHaveText('2 days per second');
    await expect(page.getByTestId('speed').locator('option[value="1"]')).toHaveText('1 day per second');
    await expect(page.getByTestId('play')).toHaveAttribute('title', /2 days per second/);

    // Record every range the summary shows, so no step can slip between two polls.
    await page.getByTestId('range-summary').evaluate((el) => {
      const w = window as unknown as { __steps: string[] };
      w.__steps = [];
      new MutationObserver(() => w.__steps.push(`${el.getAttribute('data-from')}/${el.getAttribute('data-to')}`)).observe(el, { attributes: true, attributeFilter: ['data-from', 'data-to'] });
    });
    const h0 = await historyLength(page);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false', { timeout: steps * 1000 + 15_000 });

    const seen = [...new Set(await page.evaluate(() => (window as unknown as { __steps: string[] }).__steps))].map((s) => {
      const [a, b] = s.split('/') as [string, string];
      return { from: a, to: b };
    });
    const expected = Array.from({ length: steps }, (_, i) => ({ from: addDays(range.from, speed * (i + 1)), to: addDays(range.to, speed * (i + 1)) }));
    expect(seen).toEqual(expected);
    expect(expected.at(-1)!.to).toBe(span.to);
    await expectUrlRange(page, expected.at(-1)!);
    expect(await historyLength(page)).toBe(h0 + 1); // the final commit only
    await expect(page.getByTestId('range-summary')).toContainText(short(span.to).replace(/ \d{4}$/, ''));
  });
});

test.describe('the "All" preset histogram', () => {
  test('draws bars spread across the chart, with every axis label inside', async ({ page, request }) => {
    const features = await summaries(request);
    const dayPrecise = new Set(features.filter((f) => (f.properties as { precision?: string }).precision === 'day').map((f) => f.properties.start));
    const starts = features.map((f) => f.properties.start).sort();
    await openMap(page);
    await page.getByTestId('preset-all').click();
    await expect(page.getByTestId('preset-all')).toHaveAttribute('aria-pressed', 'true');
    const chart = page.getByTestId('focus-histogram');
    await expect(chart).toHaveAttribute('aria-busy', 'false'); // the server's bars for "All" have arrived
    const box = (await chart.boundingBox())!;
    const xs = await chart.locator('[data-bin] rect').evaluateAll((rects) => [...new Set(rects.map((r) => Math.round(Number(r.getAttribute('x')))))]);
    // one bar per distinct day at least (the old chart put them all in one 61-day bin at the edge)
    expect(xs.length).toBeGreaterThanOrEqual(Math.min(dayPrecise.size, 5));
    if (dayDiff(starts[0]!, starts.at(-1)!) > 365) expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(box.width * 0.3);
    await expectLabelsInside(page);
  });
});

test.describe('the charts draw the server\'s histograms', () => {
  const isHistogram = (url: string) => new URL(url).pathname === '/api/events/histogram';
  /** The drawn bars as [first day, total]. */
  const drawnBars = (page: Page) => page.getByTestId('focus-histogram').locator('[data-bin]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-bin'), Number(g.getAttribute('data-total'))] as const));

  test('bars are the answer for the filters shown: while another filter\'s bars load, none are drawn', async ({ page, request }) => {
    await openMap(page);
    const chart = page.getByTestId('focus-histogram');
    await expect(chart).toHaveAttribute('aria-busy', 'false');
    expect((await drawnBars(page)).length).toBeGreaterThan(0);

    // Hold the answers for the new filters until the page has been looked at without them.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const asked: string[] = [];
    await page.route((url) => isHistogram(url.href) && url.searchParams.get('category') === 'strike', async (route) => {
      asked.push(route.request().url());
      await held;
      await route.continue();
    });
    await page.locator('[data-testid=categories] button[data-category="strike"]').click();
    await expect.poll(() => query(page).get('category')).toBe('strike');
    await expect(chart).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByTestId('overview')).toHaveAttribute('aria-busy', 'true');
    expect(await drawnBars(page)).toEqual([]);
    await expect(chart).toContainText('Loading…');

    release();
    await expect(chart).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('overview')).toHaveAttribute('aria-busy', 'false');
    // exactly the bins the server counted for the focus window under these filters
    const focusUrl = asked.find((u) => new URL(u).searchParams.get('binDays'));
    expect(focusUrl, `focus request among ${asked.join(', ')}`).toBeDefined();
    const answer = (await (await request.get(focusUrl!)).json()) as { bins: { from: string; total: number }[] };
    expect(await drawnBars(page)).toEqual(answer.bins.filter((b) => b.total > 0).map((b) => [b.from, b.total]));
  });

  test('dragging the brush asks the server for nothing until it is let go', async ({ page }) => {
    await openMap(page);
    const chart = page.getByTestId('focus-histogram');
    await expect(chart).toHaveAttribute('aria-busy', 'false');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (isHistogram(r.url())) asked.push(r.url());
    });
    const before = await from(page).inputValue();
    const handle = (await page.getByTestId('handle-from').boundingBox())!;
    const box = (await chart.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(handle.x + handle.width / 2 - (i * (handle.x - box.x)) / 13, handle.y + handle.height / 2);
    await expect(page.getByTestId('range-summary')).not.toHaveAttribute('data-from', before);
    expect(asked, 'histogram requests while dragging').toEqual([]);
    await page.mouse.up();
    await expect.poll(() => query(page).get('from')).not.toBeNull();
    await expect(chart).toHaveAttribute('aria-busy', 'false');
  });
});

/** Every tick label of both charts lies within its chart. */
async function expectLabelsInside(page: Page) {
  for (const id of ['overview', 'focus-histogram']) {
    const out = await page.getByTestId(id).evaluate((svg) => {
      const w = (svg as SVGSVGElement).width.baseVal.value;
      return [...svg.querySelectorAll('text')].flatMap((t) => {
        const b = (t as SVGTextElement).getBBox();
        return b.x < -0.5 || b.x + b.width > w + 0.5 ? [`${t.textContent} [${b.x.toFixed(1)}, ${(b.x + b.width).toFixed(1)}] of ${w}`] : [];
      });
    });
    expect(out, `${id} labels outside the chart`).toEqual([]);
  }
}

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('chips show they scroll, the histogram starts on the first screen, labels stay inside', async ({ page }) => {
    await openMap(page);
    const chips = page.getByTestId('categories');
    const { overflows, mask, wraps } = await chips.evaluate((el) => {
      const s = getComputedStyle(el);
      return { overflows: el.scrollWidth > el.clientWidth + 1, mask: s.maskImage || s.getPropertyValue('-webkit-mask-image'), wraps: s.flexWrap === 'wrap' };
    });
    // either every chip is visible (wrapped) or the row fades out at its edge to say it scrolls
    if (overflows) expect(mask).toMatch(/gradient/);
    else expect(wraps || !overflows).toBe(true);
    const chart = (await page.getByTestId('focus-histogram').boundingBox())!;
    expect(chart.y).toBeLessThan(844);
    await expectLabelsInside(page);
    await page.getByTestId('preset-all').click();
    await expect(page.getByTestId('focus-histogram')).toHaveAttribute('data-scale', 'log');
    await expectLabelsInside(page);
  });
});

test('the range survives a reload after typing (the URL holds it)', async ({ page }) => {
  await openMap(page);
  const before = await shownRange(page);
  const target = { from: before.from, to: addDays(before.to, -1) };
  await to(page).focus();
  await page.keyboard.type(keys(target.to));
  await page.keyboard.press('Enter');
  await expectUrlRange(page, target);
  await page.reload();
  await waitForMap(page);
  await expectShown(page, target);
});
