import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

const PROBES_ENTRY = fileURLToPath(new URL('./e2e-page-probes.ts', import.meta.url));
const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

/**
 * Bundles a browser entry file (and its imports) into one ES module or IIFE script.
 *
 * @example
 * ```ts
 * const script = await bundleForBrowser('tests/e2e/pages/livekit-smoke.ts');
 * ```
 */
export async function bundleForBrowser(entry: string, format: 'esm' | 'iife' = 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

let probesScript: Promise<string> | undefined;

/**
 * Launches Debian's chromium headless with fake microphones (3) and cameras (3), plus `extraArgs`.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * ```
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  // Three fake cameras so tests can switch camera mid-call. fake_device_1 delivers Y16 (depth)
  // frames that WebRTC cannot encode, so a remote side gets no video from it; fake_device_2 (MJPEG) works.
  const args = [
    ...CHROMIUM_ARGS.map((arg) => (arg === '--use-fake-device-for-media-stream' ? `${arg}=device-count=3` : arg)),
    ...extraArgs,
  ];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true, timeout: 30_000 });
}

/** One person in the test: their own browser context (own storage, own devices) and a page. */
export interface E2EUser {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Browser console lines and page errors, for failure reports. */
  readonly logs: string[];
  /** Opens another tab of this user (same context), with the probes and log capture. */
  openTab(url: string): Promise<Page>;
}

const LOG_LINE_MAX = 400;

function captureLogs(page: Page, logs: string[], label: string): void {
  page.on('console', (message) =>
    logs.push(`[${label} ${message.type()}] ${message.text().slice(0, LOG_LINE_MAX)}`),
  );
  page.on('pageerror', (error) => logs.push(`[${label} pageerror] ${error.message}`));
}

/**
 * Opens `url` for a user in a fresh browser context with the media probes of `e2e-page-probes.ts`
 * (and any `initScripts`) injected before the page's own scripts.
 *
 * @example
 * ```ts
 * const alice = await openUser(browser, 'alice', `${demoUrl}/?user=alice`);
 * ```
 */
export async function openUser(
  browser: Browser,
  name: string,
  url: string,
  { initScripts = [] }: { initScripts?: readonly string[] } = {},
): Promise<E2EUser> {
  probesScript ??= bundleForBrowser(PROBES_ENTRY, 'iife');
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  for (const content of [await probesScript, ...initScripts]) await context.addInitScript({ content });
  context.setDefaultTimeout(15_000);
  const logs: string[] = [];
  let tabs = 0;
  const openTab = async (tabUrl: string) => {
    const page = await context.newPage();
    tabs += 1;
    captureLogs(page, logs, tabs === 1 ? name : `${name}#${tabs}`);
    await page.goto(tabUrl, { waitUntil: 'load', timeout: 20_000 });
    return page;
  };
  const page = await openTab(url);
  return { name, context, page, logs, openTab };
}

/**
 * Saves a screenshot of every open page of the given users into `test-results/e2e/` and prints
 * their browser logs. Call it before the pages are closed.
 *
 * @example
 * ```ts
 * onTestFinished(async ({ task }) => {
 *   if (task.result?.state === 'fail') await reportFailure(task.name, [alice, bob]);
 * });
 * ```
 */
export async function reportFailure(testName: string, users: readonly E2EUser[]): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const fileName = testName.replace(/[^\w-]+/g, '-').slice(0, 80);
  for (const user of users) {
    for (const [index, page] of user.context.pages().entries()) {
      const path = `${SCREENSHOT_DIR}${fileName}-${user.name}${index ? `-tab${index + 1}` : ''}.png`;
      await page.screenshot({ path, timeout: 5_000 }).catch(() => undefined);
      console.error(`screenshot: ${path}`);
    }
    console.error(`--- browser log of ${user.name} (last 60 lines) ---\n${user.logs.slice(-60).join('\n')}`);
  }
}

/**
 * Registers, inside a test, a hook that runs {@link reportFailure} for the given users if the
 * test fails. Vitest runs it after `onTestFinished` hooks, so use it only for pages that stay open.
 *
 * @example
 * ```ts
 * it('calls', async () => {
 *   const alice = await openUser(browser, 'alice', url);
 *   screenshotOnFailure(() => [alice]);
 * });
 * ```
 */
export function screenshotOnFailure(users: () => readonly E2EUser[]): void {
  onTestFailed(({ task }) => reportFailure(task.name, users()));
}
