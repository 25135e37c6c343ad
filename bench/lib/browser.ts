import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/helpers/chromium.js';

/** Why headless Chromium cannot run here, or `null`. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`;
}

/**
 * Launches Debian's chromium headless with the fake camera and microphone (the tests' flags).
 *
 * @example
 * ```ts
 * const browser = await launchBrowser();
 * ```
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/**
 * Opens `url` in a fresh context (its own storage and devices) with camera and microphone allowed,
 * and keeps page errors for failure messages.
 *
 * @example
 * ```ts
 * const page = await openPage(browser, `${site.url}/livekit-baseline/index.html`);
 * ```
 */
export async function openPage(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text().slice(0, 300));
  });
  await page.goto(url);
  return page;
}
