import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: real livekit-server, real ringkit server, Debian's chromium through playwright-core.
 * One file at a time (they share the machine's 2 cores and start real processes), long timeouts.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
