import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { ringkitEffectsAssets } from './scripts/effects-assets/vite-plugin.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/helpers/chromium.js';

/** A fresh browser object per project (a shared one is refused by Vitest). */
function chromium() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
    instances: [{ browser: 'chromium' as const }],
  };
}

/** Test projects: unit (Node), server (Node, real sockets), react (happy-dom), browser (Chromium). */
export default defineConfig({
  plugins: [react()],
  test: {
    maxWorkers: 2,
    projects: [
      // Property and race tests run thousands of cases: a 30 s bound (not a timing) keeps them green on a loaded 2-core machine.
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'server', environment: 'node', include: ['tests/server/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'react', environment: 'happy-dom', include: ['tests/react/**/*.test.{ts,tsx}'], testTimeout: 30_000 },
      },
      {
        extends: true,
        // Background effects load MediaPipe's wasm and the segmentation model from the page's own origin.
        // A whole call in a test chains several bounded waits: 30 s bounds it on a loaded machine, as above.
        plugins: [ringkitEffectsAssets()],
        test: { name: 'browser', include: ['tests/browser/**/*.test.{ts,tsx}'], browser: chromium(), testTimeout: 30_000 },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: { name: 'storybook', browser: chromium(), testTimeout: 20_000 },
      },
    ],
  },
});
