// Self-test of the guard in ./fixtures: needs no app, only a browser.
import { test, expect, guardContext, isExternalUrl } from './fixtures';

test('isExternalUrl: only network URLs to other hosts', () => {
  for (const url of ['http://localhost:3100/x', 'http://127.0.0.1/x', 'ws://[::1]:9/x', 'data:text/plain,hi', 'blob:http://localhost/abc', 'about:blank']) {
    expect(isExternalUrl(url), url).toBe(false);
  }
  for (const url of ['https://example.com/a.js', 'http://tiles.example.org/1/2/3.pbf', 'wss://example.net/', 'http://127.0.0.2/']) {
    expect(isExternalUrl(url), url).toBe(true);
  }
});

test('guardContext records requests leaving localhost, from pages and workers, and errors', async ({ browser }) => {
  const context = await browser.newContext();
  const seen = guardContext(context);
  const page = await context.newPage();
  await page.setContent('<img src="http://external.example/pixel.png"><script>console.error("boom")</script>');
  await page.evaluate(async () => {
    const src = 'fetch("https://worker.example/data.json").catch(() => {}).finally(() => postMessage("done"))';
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    await new Promise((resolve) => (worker.onmessage = resolve));
  });
  await page.evaluate(() => setTimeout(() => { throw new Error('uncaught in page'); }));
  await expect.poll(() => seen.errors.some((e) => e.includes('uncaught in page'))).toBe(true);
  expect(seen.external).toEqual(expect.arrayContaining([
    'GET http://external.example/pixel.png',
    'GET https://worker.example/data.json',
  ]));
  expect(seen.errors.some((e) => e.includes('console.error: boom'))).toBe(true);
  await context.close();
});

test.describe('the automatic guard', () => {
  test('fails a test whose page requests another host', async ({ page }) => {
    test.fail(true, 'the guard must fail this test');
    await page.setContent('<img src="http://external.example/pixel.png">');
    await page.waitForLoadState('load');
  });

  test('fails a test with a console error', async ({ page }) => {
    test.fail(true, 'the guard must fail this test');
    await page.setContent('<script>console.error("unexpected")</script>');
  });

  test.describe('with allowedConsoleErrors', () => {
    test.use({ allowedConsoleErrors: /expected failure/ });
    test('passes when every error is allowed (option + pageGuard.allow)', async ({ page, pageGuard }) => {
      pageGuard.allow(/^pageerror: Error: planned/, 'also fine');
      await page.setContent('<script>console.error("an expected failure here"); console.error("also fine")</script>');
      await page.evaluate(() => setTimeout(() => { throw new Error('planned'); }));
      await expect.poll(() => pageGuard.errors.length).toBe(3);
    });
  });

  test.describe('with an array of strings', () => {
    test.use({ allowedConsoleErrors: ['first', 'second'] });
    test('allows each', async ({ page }) => {
      await page.setContent('<script>console.error("first"); console.error("second")</script>');
    });
  });

  test('passes a clean local page', async ({ page }) => {
    await page.setContent('<p>hello</p>');
    await expect(page.locator('p')).toHaveText('hello');
  });
});
