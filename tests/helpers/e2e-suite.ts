/**
 * What every demo end-to-end file shares: one Chromium and one demo site,
 * started before its tests and closed after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './e2e-browser.js';
import { startDemoSite } from './e2e-demo-site.js';
import type { StaticServer } from './e2e-static-server.js';

/** The browser and demo site of a test file (set once its `beforeAll` ran). */
export interface DemoSuite {
  browser: Browser;
  site: StaticServer;
}

/**
 * Register the hooks that start Chromium and the demo site for this file.
 *
 * @example
 * ```ts
 * const demo = setUpDemoSuite();
 * it('calls', async () => {
 *   const session = await startSession(demo.browser, demo.site.url);
 * });
 * ```
 */
export function setUpDemoSuite(): DemoSuite {
  const suite = {} as DemoSuite;
  beforeAll(async () => {
    [suite.browser, suite.site] = await Promise.all([launchChromium(), startDemoSite()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.site?.close();
  });
  return suite;
}
