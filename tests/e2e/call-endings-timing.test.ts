/**
 * Regression: a call ended while the media session is still joining must leave nothing behind.
 * (A callee declining 0.3-1.6 s after the ring started left the caller's page throwing
 * `Cannot read properties of undefined (reading 'pcManager')` every 3 s: the stats timer started
 * after the session was left.) Every ending (decline, cancel, hangup, no-answer) at 0, 150, 300,
 * 600, 1,000 and 1,600 ms after the ring starts and right after media connects, in real Chromium
 * against the real livekit-server and ringkit-server; afterwards no uncaught error or unhandled
 * rejection on either page and no media session interval running.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForBrowser, launchChromium, openUser, reportFailure, type E2EUser } from '../helpers/e2e-browser.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import { startE2ERingServer, type E2ERingServer } from '../helpers/e2e-ring-server.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';
import type { EndingPlan, EndingsState } from './pages/call-endings-page.js';

const PAGE = fileURLToPath(new URL('./pages/call-endings-page.ts', import.meta.url));
const MOMENTS = [0, 150, 300, 600, 1_000, 1_600, 'media-connected'] as const;
const ENDINGS = ['decline', 'cancel', 'hangup', 'no-answer'] as const;
/** How long the pages stay idle after the last case: longer than three statistics intervals. */
const QUIET_MS = 10_000;

type Moment = (typeof MOMENTS)[number];
type Ending = (typeof ENDINGS)[number];

let site: StaticServer;
let browser: Browser;
let server: E2ERingServer;
let alice: E2EUser;
let bob: E2EUser;
/** ms from `call()` to the caller's media connecting, as measured by the cases before (for no-answer at that moment). */
let mediaConnectMs: number | undefined;

beforeAll(async () => {
  const script = await bundleForBrowser(PAGE);
  [site, browser, server] = await Promise.all([
    serveStatic({
      files: {
        '/index.html': '<!doctype html><title>call endings</title><script type="module" src="/page.js"></script>',
        '/page.js': script,
      },
    }),
    launchChromium(),
    startE2ERingServer({ livekit: sharedLiveKit(), ringTimeoutMs: 30_000, graceMs: 3_000 }),
  ]);
  alice = await openUser(browser, 'alice', site.url);
  bob = await openUser(browser, 'bob', site.url);
  for (const user of [alice, bob]) await user.page.waitForFunction(() => window.endings !== undefined, undefined, { timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.close();
});

function state(page: Page): Promise<EndingsState> {
  return page.evaluate(() => (window.endings as NonNullable<typeof window.endings>).state());
}

function errors(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.endings?.errors ?? [])]);
}

/** Wait (bounded) until `page`'s state satisfies `done`. */
async function until(page: Page, done: (state: EndingsState) => boolean, what: string, timeoutMs = 20_000): Promise<EndingsState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await state(page);
    if (done(current)) return current;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state ${JSON.stringify(current)}`);
    await page.waitForTimeout(25);
  }
}

/** The plans of both pages for one case, and the caller's ring timer. */
function plans(ending: Ending, at: Moment): { caller: EndingPlan; callee: EndingPlan; ringMs?: number } {
  switch (ending) {
    case 'decline':
      // At media-connected the test declines once the caller's media is up (see below).
      return { caller: { action: 'none', at: 0 }, callee: { action: at === 'media-connected' ? 'none' : 'reject', at } };
    case 'cancel':
      return { caller: { action: 'cancel', at }, callee: { action: 'none', at: 0 } };
    case 'hangup':
      return { caller: { action: 'hangup', at }, callee: { action: 'accept', at: 0 } };
    case 'no-answer':
      // The caller's own ring timer ends the call unanswered at that moment.
      return { caller: { action: 'none', at: 0 }, callee: { action: 'none', at: 0 }, ringMs: at === 'media-connected' ? (mediaConnectMs ?? 1_000) : at };
  }
}

async function runCase(ending: Ending, at: Moment): Promise<void> {
  const { caller, callee, ringMs } = plans(ending, at);
  await bob.page.evaluate(([url, plan]) => window.endings?.start(url, 'bob', plan), [server.url, callee] as const);
  await alice.page.evaluate(([url, plan, ms]) => window.endings?.start(url, 'alice', plan, ms), [server.url, caller, ringMs] as const);
  await alice.page.evaluate(() => window.endings?.call('bob'));
  if (ending === 'decline' && at === 'media-connected') {
    await until(alice.page, (s) => s.media === 'connected', 'the caller media to connect');
    await bob.page.evaluate(() => window.endings?.reject());
  }
  const ended = await until(alice.page, (s) => s.status === 'ended', 'the caller to see the call end');
  if (ended.mediaConnectedAfterMs !== null && ending !== 'hangup') mediaConnectMs ??= ended.mediaConnectedAfterMs;
  await until(bob.page, (s) => s.incoming === 0 && (s.status === null || s.status === 'ended'), 'the callee to stop ringing');
  for (const user of [alice, bob]) await until(user.page, (s) => s.liveIntervals === 0, `${user.name}'s media intervals to stop`, 5_000);
}

describe('a call ended at any moment leaves no error and no timer behind', () => {
  it(`${ENDINGS.length} endings x ${MOMENTS.length} moments, then ${QUIET_MS / 1000} s of quiet on both pages`, async () => {
    let ran = 0;
    try {
      // The media-connected moment first: it measures when media connects, for no-answer at that moment.
      for (const at of ['media-connected', ...MOMENTS.filter((moment) => moment !== 'media-connected')] as Moment[]) {
        for (const ending of ENDINGS) {
          await runCase(ending, at);
          ran += 1;
        }
      }
      // A timer left running fires within this time (statistics every 3 s).
      await alice.page.waitForTimeout(QUIET_MS);
      expect({ alice: await errors(alice.page), bob: await errors(bob.page) }).toEqual({ alice: [], bob: [] });
      expect([(await state(alice.page)).liveIntervals, (await state(bob.page)).liveIntervals]).toEqual([0, 0]);
      console.log(`call endings: ${ran} cases (${ENDINGS.join(', ')} at ${MOMENTS.join(', ')} ms), no error and no interval left on either page`);
    } catch (error) {
      await reportFailure(`call endings after ${ran} cases`, [alice, bob]);
      console.error(`--- ringkit server log (last 40 lines) ---\n${server.log.slice(-40).join('\n')}`);
      throw error;
    }
  }, 300_000);
});
