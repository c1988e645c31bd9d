// Shared Playwright fixtures. Every spec imports `test` and `expect` from here, never from
// '@playwright/test' directly, so that each browser test is guarded automatically:
//   1. no request leaves localhost (any http/ws request to another host fails the test);
//   2. no console error and no uncaught page error (fails the test), unless the test opts out
//      of specific expected messages with `test.use({ allowedConsoleErrors: /.../ })` or, inside
//      a test, `pageGuard.allow(/.../)`.
// The guard is attached to the browser context, so it covers every page, popup and worker of
// the test, and API-only tests (the `request` fixture) don't launch a browser at all.
import { test as base, expect, type BrowserContext, type ConsoleMessage } from '@playwright/test';

type Pattern = string | RegExp;

export type GuardOptions = {
  /**
   * Console/page error messages this test expects (a string matches as a substring), e.g.
   * `test.use({ allowedConsoleErrors: /tile 7\/1\/2 failed|WebGL warning/ })`. Pass ONE pattern, or
   * an array of strings: Playwright reads `[x, /re/]` as a fixture tuple. For several RegExps,
   * use one RegExp with `|`, or call `pageGuard.allow(...)` inside the test.
   */
  allowedConsoleErrors: Pattern | Pattern[];
};

export type PageGuard = {
  /** Expect these console/page errors in this test (a string matches as a substring). */
  allow(...patterns: Pattern[]): void;
  /** What was recorded so far: external requests and console/page errors. */
  readonly external: readonly string[];
  readonly errors: readonly string[];
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

function isAllowed(message: string, allowed: readonly Pattern[]): boolean {
  return allowed.some((a) => (typeof a === 'string' ? message.includes(a) : message.search(a) >= 0));
}

function describeConsole(msg: ConsoleMessage): string {
  const loc = msg.location();
  const where = loc.url ? ` (${loc.url}:${loc.lineNumber}:${loc.columnNumber})` : '';
  return `console.${msg.type()}: ${msg.text()}${where}`;
}

/** Start recording external requests and console/page errors of `context` (used by the fixture; exported for its self-test). */
export function guardContext(context: BrowserContext): { external: string[]; errors: string[] } {
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

const guards = new WeakMap<BrowserContext, { external: string[]; errors: string[]; allowed: Pattern[] }>();

export const test = base.extend<GuardOptions & { pageGuard: PageGuard }>({
  allowedConsoleErrors: [[], { option: true }],

  // Overriding `context` (rather than a separate auto fixture asking for `page`) guards every
  // test that touches a browser while leaving API-only tests browser-free.
  context: async ({ context, allowedConsoleErrors }, use, testInfo) => {
    const seen = { ...guardContext(context), allowed: ([] as Pattern[]).concat(allowedConsoleErrors) };
    guards.set(context, seen);
    await use(context);
    const errors = seen.errors.filter((e) => !isAllowed(e, seen.allowed));
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

  pageGuard: async ({ context }, use) => {
    const seen = guards.get(context)!;
    await use({
      allow: (...patterns) => void seen.allowed.push(...patterns),
      get external() {
        return seen.external;
      },
      get errors() {
        return seen.errors;
      },
    });
  },
});

export { expect };
export type { Page, Locator, APIRequestContext, APIResponse } from '@playwright/test';
