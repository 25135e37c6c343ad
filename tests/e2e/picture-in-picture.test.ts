/**
 * Picture-in-picture in real Chromium on the demo (a top-level page, where Chromium has Document
 * Picture-in-Picture), against the real ringkit server and livekit-server: the control opens a
 * small window with the other side's video, Mute and Hang up, which work from the window; the
 * window closes when the call ends. The demo opts in to automatic mode, which answers the Media
 * Session `enterpictureinpicture` action.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answer, clickCallButton, expectEnded, expectStatus } from '../helpers/e2e-demo.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

const PIP_CONTROL = '.rk-call-view [data-rk-control="picture-in-picture"]';

/**
 * Keeps the handler the page gives the Media Session for `enterpictureinpicture` on
 * `window.__rkEnterPip` (null while none), still registering it with the browser.
 */
const RECORD_PIP_HANDLER = `(() => {
  window.__rkEnterPip = null;
  const session = navigator.mediaSession;
  const original = session.setActionHandler.bind(session);
  session.setActionHandler = (action, handler) => {
    if (action === 'enterpictureinpicture') window.__rkEnterPip = handler;
    return original(action, handler);
  };
})();`;

type PipHost = { __rkEnterPip: (() => void) | null };

async function videoCall(initScripts: readonly string[] = []) {
  const session = await startSession(demo.browser, demo.site.url);
  const alice = await session.open('alice', { contacts: ['bob'], initScripts });
  const bob = await session.open('bob', { contacts: ['alice'] });
  await clickCallButton(alice.page, 'bob', 'video');
  await answer(bob.page, 'accept');
  await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
  return { alice, bob };
}

/** The Document Picture-in-Picture window that `open` makes appear, as a Playwright page. */
async function pipWindowOf(context: BrowserContext, open: () => Promise<unknown>): Promise<Page> {
  const [pip] = await Promise.all([context.waitForEvent('page', { timeout: 15_000 }), open()]);
  await pip.locator('section.rk-pip').waitFor({ timeout: 15_000 });
  return pip;
}

/** Waits until the window's video plays the other side's camera: a decoded size and a clock that runs. */
async function expectRemoteVideoIn(pip: Page, main: Page): Promise<void> {
  await pip.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>('section.rk-pip video');
      return video !== null && video.videoWidth > 0 && video.currentTime > 0.5;
    },
    undefined,
    { timeout: 20_000 },
  );
  const shown = await pip.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('section.rk-pip video');
    return (video?.srcObject as MediaStream | null)?.getVideoTracks().map((track) => track.id) ?? [];
  });
  const remote = await main.evaluate(() => window.__rkProbe?.remoteVideos().map((sample) => sample.trackId) ?? []);
  expect(shown).toHaveLength(1);
  expect(remote).toContain(shown[0]);
}

describe('picture-in-picture', () => {
  it('the control opens a window with her video, Mute and Hang up work from it, and it closes with the control', async () => {
    const { alice, bob } = await videoCall();
    const control = alice.page.locator(PIP_CONTROL);
    await expect(control.getAttribute('aria-pressed')).resolves.toBe('false');

    const pip = await pipWindowOf(alice.context, () => control.click());
    await expect(control.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(pip.locator('section.rk-pip').getAttribute('aria-label')).resolves.toBe('Call with Bob');
    await expect(pip.title()).resolves.toBe('Call with Bob');
    // The page's stylesheet was copied: the window lays the call out as a grid.
    await expect(pip.locator('section.rk-pip').evaluate((section) => getComputedStyle(section).display)).resolves.toBe('grid');
    await expectRemoteVideoIn(pip, alice.page);

    await pip.getByRole('button', { name: 'Mute microphone' }).click();
    await alice.page.locator('[data-testid="call-state"][data-mic="false"]').waitFor();
    await pip.locator('[data-rk-control="mic"][aria-pressed="true"]').waitFor();

    const closed = pip.waitForEvent('close', { timeout: 15_000 });
    await control.click();
    await closed;
    await alice.page.locator(`${PIP_CONTROL}[aria-pressed="false"]`).waitFor();
    await expectStatus(bob.page, 'active');
  });

  it('Hang up in the window ends the call for both, and the window closes', async () => {
    const { alice, bob } = await videoCall();
    const pip = await pipWindowOf(alice.context, () => alice.page.locator(PIP_CONTROL).click());
    const closed = pip.waitForEvent('close', { timeout: 15_000 });
    await pip.getByRole('button', { name: 'Hang up' }).click();
    await Promise.all([expectEnded(alice.page, ['completed']), expectEnded(bob.page, ['completed'])]);
    await closed;
  });

  it('automatic mode: the Media Session action opens the window during a call only; the window closes when the other side hangs up', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'], initScripts: [RECORD_PIP_HANDLER] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await expect(alice.page.evaluate(() => (window as unknown as PipHost).__rkEnterPip === null)).resolves.toBe(true);

    await clickCallButton(alice.page, 'bob', 'video');
    await answer(bob.page, 'accept');
    await expectStatus(alice.page, 'active');
    await alice.page.waitForFunction(() => typeof (window as unknown as PipHost).__rkEnterPip === 'function');
    // What Chrome does when the person switches tabs (headless Chromium never hides a tab): call
    // the handler with a user activation, which Playwright's evaluate gives.
    const pip = await pipWindowOf(alice.context, () => alice.page.evaluate(() => (window as unknown as PipHost).__rkEnterPip?.()));
    await expectRemoteVideoIn(pip, alice.page);

    const closed = pip.waitForEvent('close', { timeout: 15_000 });
    await bob.page.locator('.rk-call-view [data-rk-control="hangup"]').click();
    await expectEnded(alice.page, ['completed']);
    await closed;
    await alice.page.waitForFunction(() => (window as unknown as PipHost).__rkEnterPip === null);
  });
});
