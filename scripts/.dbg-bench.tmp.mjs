import { chromium } from '@playwright/test';
import { benchRangeChange, CHROMIUM_ARGS } from '/work/main/scripts/bench.mjs';
import { startServer } from '/work/main/scripts/server.mjs';
const server = process.env.URL ? { url: process.env.URL, stop: async () => {} } : await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.on('console', (m) => console.error('console', m.type(), m.text()));
  const r = await benchRangeChange(page, { changeTimeoutMs: 10000 });
  console.log(JSON.stringify(r, null, 1).slice(0, 3000));
} catch (e) { console.error('ERR', e); }
finally { await browser.close(); await server.stop(); }
