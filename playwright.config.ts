// End-to-end tests: Debian Chromium (never a Playwright-downloaded browser) against the
// PRODUCTION server. `npm test` builds first; `npm run test:e2e` alone needs an existing build.
import { defineConfig, devices } from '@playwright/test';
// The bench launches the same browser with the same flags.
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './scripts/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const HOST = '127.0.0.1';
export const BASE_URL = `http://${HOST}:${PORT}`;

export { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE };

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0, // tests must be deterministic
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // Production server; Playwright starts it in its own process group and kills the group.
    command: `npm run start -- -H ${HOST}`,
    env: { PORT: String(PORT), NEXT_TELEMETRY_DISABLED: '1', WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1' },
    url: `${BASE_URL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
