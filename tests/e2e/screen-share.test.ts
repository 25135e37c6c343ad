/**
 * Screen sharing between two browsers on the real servers (demo app, ringkit server, livekit-server,
 * Chromium): Chromium's fake capture (`--use-fake-device-for-media-stream` with
 * `--use-fake-ui-for-media-stream`, already on every page) answers `getDisplayMedia` with a moving
 * 1280x720 "screen" and no picker, so the published screen's frames are checked on the other side.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { E2EUser } from '../helpers/e2e-browser.js';
import { answer, clickCallButton, clickControl, expectStatus } from '../helpers/e2e-demo.js';
import { expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { startSession, type E2ESession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

/** Keeps the tracks `getDisplayMedia` returns, so a test can end them as the browser's "Stop sharing" bar does. */
const KEEP_DISPLAY_TRACKS = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices || !devices.getDisplayMedia) return;
  const original = devices.getDisplayMedia.bind(devices);
  window.__displayTracks = [];
  devices.getDisplayMedia = async (constraints) => {
    const stream = await original(constraints);
    window.__displayTracks.push(...stream.getTracks());
    return stream;
  };
})();`;

/** `getDisplayMedia` fails as when the person closes Chrome's picker without choosing. */
const CANCEL_PICKER = `(() => {
  if (!navigator.mediaDevices) return;
  navigator.mediaDevices.getDisplayMedia = async () => {
    throw new DOMException('Permission denied by user', 'NotAllowedError');
  };
})();`;

async function videoCall(session: E2ESession, aliceScripts: readonly string[]): Promise<[E2EUser, E2EUser]> {
  const alice = await session.open('alice', { contacts: ['bob'], initScripts: aliceScripts });
  const bob = await session.open('bob', { contacts: ['alice'] });
  await clickCallButton(alice.page, 'bob', 'video');
  await answer(bob.page, 'accept');
  await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
  await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bob.page)]);
  return [alice, bob];
}

interface ScreenSample {
  frames: number;
  width: number;
  height: number;
  /** The shown track is not the one in the camera tile. */
  notTheCamera: boolean;
}

/** Frames the shared-screen tile presents in one second, its size, and that it is not the camera. */
function sampleScreenTile(page: Page): Promise<ScreenSample> {
  return page.evaluate(async () => {
    const trackOf = (selector: string) => {
      const stream = document.querySelector<HTMLVideoElement>(selector)?.srcObject;
      return stream instanceof MediaStream ? stream.getVideoTracks()[0]?.id : undefined;
    };
    const video = document.querySelector<HTMLVideoElement>('.rk-call-view__screen video');
    if (!video) return { frames: 0, width: 0, height: 0, notTheCamera: false };
    let frames = 0;
    let counting = true;
    const onFrame = () => {
      frames += 1;
      if (counting) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    counting = false;
    const screen = trackOf('.rk-call-view__screen video');
    const camera = trackOf('.rk-call-view__remote video');
    return { frames, width: video.videoWidth, height: video.videoHeight, notTheCamera: screen !== undefined && screen !== camera };
  });
}

/** Waits until the shared screen plays on `page`: a moving 16:9 picture that is not the camera. */
async function expectScreenPlaying(page: Page, timeoutMs = 20_000): Promise<ScreenSample> {
  const deadline = Date.now() + timeoutMs;
  let last: ScreenSample = { frames: 0, width: 0, height: 0, notTheCamera: false };
  while (Date.now() < deadline) {
    last = await sampleScreenTile(page);
    if (last.frames >= 3 && last.width > 0 && last.notTheCamera) return last;
  }
  throw new Error(`the shared screen did not play within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

function screenControl(page: Page) {
  return page.locator('.rk-call-view [data-rk-control="screen-share"]');
}

async function expectShareState(page: Page, state: 'on' | 'off'): Promise<void> {
  await page.locator(`[data-testid="call-state"][data-screen-share="${state}"]`).waitFor({ timeout: 15_000 });
  expect(await screenControl(page).getAttribute('aria-pressed')).toBe(String(state === 'on'));
}

describe('screen sharing between two browsers on the real servers', () => {
  it('Bob sees Alice’s screen large with frames, beside the camera tiles; stopping from the browser or the button ends it', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const [alice, bob] = await videoCall(session, [KEEP_DISPLAY_TRACKS]);

    await clickControl(alice.page, 'screen-share');
    await expectShareState(alice.page, 'on');
    await alice.page.getByText('You are sharing your screen').waitFor({ timeout: 10_000 });
    await bob.page.getByRole('group', { name: 'alice’s screen' }).waitFor({ timeout: 15_000 });
    expect(await bob.page.locator('.rk-call-view').getAttribute('data-rk-layout')).toBe('screen');
    const shown = await expectScreenPlaying(bob.page);
    expect(shown.width / shown.height).toBeCloseTo(16 / 9, 1);
    // The camera tiles stay, beside the screen.
    await expectRemoteVideoPlaying(bob.page, { tracks: 2 });

    // The browser's own "Stop sharing": the captured track ends (as Chrome's bar does it).
    const ended = await alice.page.evaluate(() => {
      const tracks = (window as unknown as { __displayTracks: MediaStreamTrack[] }).__displayTracks.filter((track) => track.readyState === 'live');
      for (const track of tracks) {
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
      return tracks.length;
    });
    expect(ended).toBe(1);
    await expectShareState(alice.page, 'off');
    await bob.page.locator('.rk-call-view__screen').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await bob.page.locator('.rk-call-view').getAttribute('data-rk-layout')).toBe('one');

    // Again, stopped with the button this time.
    await clickControl(alice.page, 'screen-share');
    await expectShareState(alice.page, 'on');
    await expectScreenPlaying(bob.page);
    await clickControl(alice.page, 'screen-share');
    await expectShareState(alice.page, 'off');
    await bob.page.locator('.rk-call-view__screen').waitFor({ state: 'detached', timeout: 15_000 });
    await expectStatus(alice.page, 'active');
    await expectRemoteVideoPlaying(bob.page);
  });

  it('a cancelled picker: Alice is told, nothing is shared, and the call with camera and microphone goes on', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const [alice, bob] = await videoCall(session, [CANCEL_PICKER]);

    await clickControl(alice.page, 'screen-share');
    await alice.page.getByRole('alert').filter({ hasText: 'Screen sharing was cancelled or is not allowed.' }).waitFor({ timeout: 15_000 });
    await expectShareState(alice.page, 'off');
    const state = alice.page.locator('[data-testid="call-state"]');
    expect(await state.getAttribute('data-mic')).toBe('true');
    expect(await state.getAttribute('data-camera')).toBe('true');
    expect(await bob.page.locator('.rk-call-view__screen').count()).toBe(0);
    await expectRemoteVideoPlaying(bob.page);
  });
});
