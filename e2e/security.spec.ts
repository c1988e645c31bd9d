// Hostile text and the headers that contain it (issue 10, items 1 and 2), on a server of its own over
// a temporary database with writing on. An article full of script payloads goes in through the API
// and the panel; every place that shows it (popup, list, article page, page title, preview image,
// review panel) must show the payloads as text and run none of them. Two layers are tested apart:
// the text layer with the CSP bypassed (so escaping alone is proven), the CSP with everything on
// (nonces on Next's scripts, MapLibre drawing with no violation, injected handlers refused).
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, APIResponse, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { canvas, listButton, openMap, popup } from './helpers';
// @ts-expect-error -- a plain ES module without type declarations
import { startServer } from '../scripts/server.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 6;
const TOKEN = 'e2e-security-token';

const P = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1;alert(1)">',
  svg: '<svg onload="window.__pwned=1"><script>alert(2)</script></svg>',
  rtl: '\u202Egnp.exe',
  emoji: '🚨🇵🇸',
  quotes: `<b>"bold"</b> & 'quoted'`,
};
const TITLE = `"Raid" <on> 'Jenin' & ${P.script} ${P.rtl} ${P.emoji}`;
const OUTLET = P.img;
// Each payload sits in a sentence the extractor turns into an event, so it reaches the quotes.
const TEXT = [
  `On Monday, Israeli troops raided the city of Jenin, officials said. ${P.script}`,
  `Witnesses said the raid began before dawn ${P.img} and lasted for several hours, according to the local health ministry.`,
  `${P.svg} Residents posted videos ${P.emoji} of the operation; one caption read ${P.rtl}.`,
  `On Tuesday, Palestinian police arrested two men in the city of Nablus, officials said ${P.quotes}.`,
].join('\n\n');
// No `map`: a link naming an event centres on it (the extractor's place for Jenin is not ours to test).
/** Elements only the payloads would make (our own markup has no img, script, b or handler attributes). */
const INJECTED = 'script, img, b, [onload], [onerror]';
const VIEW = '/?from=2025-10-20&to=2025-11-05';

let server: { url: string; stop(): Promise<void> };
let tmp: string;
let articleId: string;
let eventIds: string[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'situation-map-e2e-security-'));
  server = await startServer({ port: PORT, env: { DATABASE_URL: `file:${path.join(tmp, 'security.db')}`, INGEST_TOKEN: TOKEN }, timeoutMs: 120_000 });
  const res = await post(request, { title: TITLE, published: '2025-10-29', outlet: OUTLET, url: `https://news.example/jenin?q="><script>window.__pwned=1</script>`, text: TEXT });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { id: string; events: { id: string }[] };
  articleId = body.id;
  eventIds = body.events.map((e) => e.id);
  expect(eventIds.length).toBe(2);
});

test.afterAll(async () => {
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function post(request: APIRequestContext, body: unknown): Promise<APIResponse> {
  return request.post(`${server.url}/api/articles`, { headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, data: JSON.stringify(body) });
}

/** Fails the test if any payload ran: a global set, or a dialog opened. */
function watchForPayloads(page: Page): { check(): Promise<void> } {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return {
    async check() {
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    },
  };
}

/** Directive name → its sources. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

test('a javascript: or data: address is refused, never stored to be linked', async ({ request }) => {
  for (const url of ['javascript:window.__pwned=1', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
    const res = await post(request, { title: 'Link test', published: '2025-10-29', url, text: `${TEXT}\n\nA different ending for ${url}.` });
    expect(res.status(), url).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('url');
  }
});

test.describe('untrusted text stays text (escaping alone: CSP bypassed)', () => {
  // With the CSP off, nothing but the rendering stands between the payloads and the page.
  test.use({ bypassCSP: true });

  test('map, popup and list show the payloads literally and run none', async ({ page }) => {
    const guard = watchForPayloads(page);
    const [raid, arrest] = eventIds as [string, string];
    await openMap(page, `${server.url}${VIEW}&event=${raid}`);
    const pop = popup(page);
    await expect(pop).toHaveAttribute('data-event-id', raid);
    const text = (await pop.textContent()) ?? '';
    for (const s of [P.script, P.img, TITLE, OUTLET]) expect(text, s).toContain(s);
    await expect(pop.locator(INJECTED)).toHaveCount(0);
    // An RTL override in a title must not run on into the text after it (the outlet, the date).
    await expect(pop.getByTestId('source-title').first()).toHaveCSS('unicode-bidi', 'isolate');
    await expect(pop.getByTestId('source-outlet').first()).toHaveCSS('unicode-bidi', 'isolate');
    await expect(listButton(page, raid)).toBeVisible();

    // The link to the article is our own page, whatever the stored id holds.
    const links = await pop.getByRole('link', { name: /Read the article/ }).all();
    expect(links.length).toBeGreaterThan(0);
    for (const read of links) {
      expect(new URL((await read.getAttribute('href'))!, page.url()).pathname).toBe(`/articles/${encodeURIComponent(articleId)}`);
      expect((await read.getAttribute('rel'))?.split(/\s+/).sort()).toEqual(['noopener', 'noreferrer']);
    }

    await openMap(page, `${server.url}${VIEW}&event=${arrest}`);
    await expect(pop).toHaveAttribute('data-event-id', arrest);
    await expect(pop).toContainText(P.quotes);
    await expect(pop.locator('b')).toHaveCount(0);
    await listButton(page, arrest).click();
    await guard.check();
  });

  test('the article page, its title and its raw HTML keep the payloads as text', async ({ page, request }) => {
    const guard = watchForPayloads(page);
    const res = await page.goto(`${server.url}/articles/${articleId}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId('article-title')).toHaveText(TITLE);
    const body = (await page.getByTestId('article-text').textContent()) ?? '';
    for (const s of Object.values(P)) expect(body, s).toContain(s);
    await expect(page.locator('main')).toContainText(OUTLET);
    await expect(page.locator('main').locator(INJECTED)).toHaveCount(0);
    expect(await page.title()).toBe(`${TITLE} · Situation Map`);
    // The markup as sent: every payload escaped, in the HTML and in the inline flight data alike.
    const html = await (await request.get(`${server.url}/articles/${articleId}`)).text();
    for (const s of ['<script>window.__pwned', '<img src=x onerror', '<svg onload']) expect(html).not.toContain(s);
    await guard.check();
  });

  test('the preview image of the event answers a PNG that no browser would sniff as HTML', async ({ page, request, pageGuard }) => {
    // Chromium asks for /favicon.ico for an image opened on its own; the app's icon is /icon.svg.
    pageGuard.allow(/favicon\.ico/);
    const guard = watchForPayloads(page);
    const url = `${server.url}/api/preview?event=${eventIds[0]}&from=2025-10-20&to=2025-11-05`;
    const res = await request.get(url);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    await page.goto(url);
    await guard.check();
  });
});

test('the review panel shows a pasted payload article as text, under the CSP', async ({ page }) => {
  test.setTimeout(120_000);
  const guard = watchForPayloads(page);
  await openMap(page, `${server.url}${VIEW}`);
  // The panel's code loads on first open: a chunk Next adds at run time, which the CSP must let in.
  await page.getByTestId('add-article-open').click();
  const panel = page.getByTestId('add-article');
  const text = `${TEXT}\n\nThe panel copy ends here ${P.svg}.`;
  await panel.getByLabel('Title').fill(TITLE);
  await panel.getByLabel('Published').fill('2025-10-29');
  await panel.getByLabel('Outlet (optional)').fill(OUTLET);
  await panel.getByLabel(/^Text/).fill(text);
  await panel.getByLabel(/Write token/).fill(TOKEN);
  await panel.getByRole('button', { name: 'Add article', exact: true }).click();
  await expect(panel.getByTestId('extracted-item').first()).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('article-text')).toHaveText(text);
  const quotes = (await panel.getByTestId('quote').allTextContents()).join('\n');
  expect(quotes).toContain(P.script);
  await expect(panel.locator(INJECTED)).toHaveCount(0);
  await guard.check();
});

test.describe('headers', () => {
  test('pages carry a nonce CSP that Next applies to every script; framing is refused', async ({ request }) => {
    const nonces = new Set<string>();
    for (const p of ['/', VIEW, `/articles/${articleId}`, '/no-such-page']) {
      const res = await request.get(`${server.url}${p}`);
      const h = res.headers();
      const csp = parseCsp(h['content-security-policy']);
      const script = csp.get('script-src') ?? [];
      const nonce = script.map((s) => /^'nonce-([A-Za-z0-9+/=_-]+)'$/.exec(s)?.[1]).find(Boolean);
      expect(nonce, `${p}: script-src ${script.join(' ')}`).toBeTruthy();
      nonces.add(nonce!);
      for (const bad of ["'unsafe-inline'", "'unsafe-eval'", 'data:', '*']) expect(script, `${p} script-src`).not.toContain(bad);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), p).toEqual(["'none'"]);
      expect(csp.get('worker-src'), p).toBeTruthy();
      expect(h['x-frame-options'], p).toBe('DENY');
      expect(h['x-content-type-options'], p).toBe('nosniff');
      expect(h['referrer-policy'], p).toBe('strict-origin-when-cross-origin');
      // Every script tag Next wrote, inline or not, carries this response's nonce.
      const html = await res.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, p).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, p).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size, 'a fresh nonce per response').toBe(4);
    // Request headers the client picks cannot turn the policy off.
    const prefetch = await request.get(`${server.url}/`, { headers: { purpose: 'prefetch', 'next-router-prefetch': '1', 'x-middleware-subrequest': 'proxy' } });
    expect(parseCsp(prefetch.headers()['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
  });

  test('the embed may be framed by any site; nothing else may', async ({ request }) => {
    for (const p of ['/?embed=1', `/?embed=1&event=${eventIds[0]}`]) {
      const h = (await request.get(`${server.url}${p}`)).headers();
      expect(parseCsp(h['content-security-policy']).get('frame-ancestors'), p).toEqual(['*']);
      expect(h['x-frame-options'], p).toBeUndefined();
      expect(h['x-content-type-options'], p).toBe('nosniff');
    }
    // embed=0, or embed named twice with a first value that is not 1, is the full app: not framable
    for (const p of ['/?embed=0', '/?embed=no&embed=1']) {
      expect(parseCsp((await request.get(`${server.url}${p}`)).headers()['content-security-policy']).get('frame-ancestors'), p).toEqual(["'none'"]);
    }
  });

  test('API answers are nosniff and never framable or scriptable', async ({ request }) => {
    for (const p of ['/api/health', '/api/events?fields=summary', `/api/articles/${articleId}`, '/api/events?bbox=oops', '/api/events/no-such-id']) {
      const h = (await request.get(`${server.url}${p}`)).headers();
      expect(h['x-content-type-options'], p).toBe('nosniff');
      expect(h['referrer-policy'], p).toBe('strict-origin-when-cross-origin');
      expect(h['x-frame-options'], p).toBe('DENY');
      const csp = parseCsp(h['content-security-policy']);
      expect(csp.get('default-src'), p).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), p).toEqual(["'none'"]);
    }
  });

  test('in Chromium: the embed loads inside another site’s frame, the full app is refused', async ({ page, pageGuard }) => {
    pageGuard.allow(/Framing '[^']+' violates the following Content Security Policy directive: "frame-ancestors 'none'"/);
    // Another site framing both: a page of its own origin (localhost is not 127.0.0.1), served for
    // real, as Chromium refuses a loopback frame inside a page of unknown address (a routed one).
    const framer = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<iframe name="embed" src="${server.url}/?embed=1"></iframe><iframe name="full" src="${server.url}/"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`);
      await expect(page.frameLocator('iframe[name=embed]').getByTestId('app')).toHaveAttribute('data-embed', 'true', { timeout: 45_000 });
      await expect.poll(() => page.frame({ name: 'full' })?.url() ?? '', { timeout: 15_000 }).toMatch(/^chrome-error:/);
    } finally {
      framer.close();
    }
  });
});

test('under the CSP the map draws with no violation, and an injected handler is refused', async ({ page, pageGuard }, testInfo) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const guard = watchForPayloads(page);

  for (const p of [`${VIEW}&event=${eventIds[0]}`, '/?embed=1', `/articles/${articleId}`]) {
    if (p.startsWith('/articles/')) {
      await page.goto(`${server.url}${p}`);
      await expect(page.getByTestId('article-text')).toBeVisible();
    } else {
      await openMap(page, `${server.url}${p}`);
    }
    expect(await violations(), p).toEqual([]);
  }

  // The map under the CSP, drawn by WebGL with its worker: kept for a look.
  await openMap(page, `${server.url}${VIEW}&event=${eventIds[0]}`);
  await expect(popup(page)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('map-under-csp.png') });
  const pixels = await canvas(page).screenshot();
  expect(pixels.length).toBeGreaterThan(10_000);
  expect(await violations()).toEqual([]);

  // Were escaping ever to fail, the CSP still refuses the handler such markup would carry.
  pageGuard.allow(/(Refused to execute|Executing) inline event handler/, /404 \(Not Found\) \(http:\/\/127\.0\.0\.1:\d+\/x:/);
  await page.evaluate((html) => {
    const div = document.createElement('div');
    div.innerHTML = html;
    document.body.append(div);
  }, P.img);
  await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-attr blocked inline/)]);
  await guard.check();
});
