import { defineConfig } from 'vitest/config';
import path from 'node:path';

// Unit tests sit beside the code (lib/, components/, scripts/); e2e/ belongs to Playwright.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: { include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['node_modules/**', 'e2e/**', '.next/**'] },
});
