// Shared Playwright fixtures. Every spec imports `test` and `expect` from here, never from
// '@playwright/test' directly, so that each browser test is guarded automatically:
//   1. no request leaves localhost (any http/ws request to another host fails the test);
//   2. no console error and no uncaught page error (fails the test), unless the test opts out
//      of a specific expected message with `test.use({ allowedConsoleErrors: [/.../] })`.
// The guard is attached to the browser context, so it covers every page, popup and worker of
// the test, and API-only tests (the `request` fixture) don't launch a browser at all.
import { test as base, expect, type BrowserContext, type ConsoleMessage } from '@playwright/test';

export type GuardOptions = {
  /** Console/page error messages this test expects: a string matches as a substring. */
  allowedConsoleErrors: (string | RegExp)[];
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** true when `url` would reach a host other than this machine (data:, blob: etc. never do). */
export function isExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return NETWORK_PROTOCOLS.has(parsed.protocol) && !LOCAL_HOSTS.has(parsed.hostname.toLowerCase());
}

function isAllowed(message: string, allowed: readonly (string | RegExp)[]): boolean {
  return allowed.some((a) => (typeof a === 'string' ? message.includes(a) : a.test(message)));
}

function describeConsole(msg: ConsoleMessage): string {
  const loc = msg.location();
  const where = loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
  return `console.${msg.type()}: ${msg.text()}${where}`;
}

function guard(context: BrowserContext) {
  const external: string[] = [];
  const errors: string[] = [];
  context.on('request', (req) => {
    if (isExternalUrl(req.url())) external.push(`${req.method()} ${req.url()}`);
  });
  context.on('page', (page) => {
    page.on('websocket', (ws) => {
      if (isExternalUrl(ws.url())) external.push(`WebSocket ${ws.url()}`);
    });
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'assert') errors.push(describeConsole(msg));
  });
  context.on('weberror', (err) => {
    const e = err.error();
    errors.push(`pageerror: ${e.stack ?? e.message}`);
  });
  return { external, errors };
}

export const test = base.extend<GuardOptions>({
  allowedConsoleErrors: [[], { option: true }],

  // Overriding `context` (rather than a separate auto fixture asking for `page`) guards every
  // test that touches a browser while leaving API-only tests browser-free.
  context: async ({ context, allowedConsoleErrors }, use, testInfo) => {
    const seen = guard(context);
    await use(context);
    const errors = seen.errors.filter((e) => !isAllowed(e, allowedConsoleErrors));
    const problems: string[] = [];
    if (seen.external.length > 0) {
      problems.push(
        `${seen.external.length} request(s) left localhost:\n  ${[...new Set(seen.external)].join('\n  ')}`,
      );
    }
    if (errors.length > 0) {
      problems.push(`${errors.length} console/page error(s):\n  ${errors.join('\n  ')}`);
    }
    if (seen.errors.length > 0) {
      await testInfo.attach('console-errors.txt', { body: seen.errors.join('\n'), contentType: 'text/plain' });
    }
    if (problems.length > 0) throw new Error(`Page guard failed:\n${problems.join('\n')}`);
  },
});

export { expect };
export type { Page, Locator, APIRequestContext, APIResponse } from '@playwright/test';
