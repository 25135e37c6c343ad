import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/e2e-browser.js';
import { buildDemo } from '../helpers/e2e-demo-site.js';
import { answer, clickCallButton, expectEnded, expectStatus } from '../helpers/e2e-demo.js';
import { everSent, expectRemoteAudioEnergy, expectRemoteVideoPlaying, sentTracks } from '../helpers/e2e-media.js';
import { connectedVideoCall } from '../helpers/e2e-calls.js';
import { startSession } from '../helpers/e2e-session.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';

const MODEL = '/ringkit/effects/selfie_segmenter.tflite';
const WASM = /^\/ringkit\/effects\/wasm\/vision_wasm_(nosimd_)?internal\.wasm$/;

/**
 * Processed video on this machine: LiveKit's processor renders in WebGL, which headless Chromium without a GPU
 * runs in software (about one frame a second on 2 busy cores). Frames must keep arriving: 2 in every 4 s window.
 */
const PROCESSED = { minFrames: 2, windowMs: 4_000, timeoutMs: 40_000 };

let browser: Browser;
let site: StaticServer;
/** Every path the demo's own origin served, in order. */
const served: string[] = [];

beforeAll(async () => {
  [browser, site] = await Promise.all([launchChromium(), buildDemo().then((dir) => serveStatic({ dir, onRequest: (path) => served.push(path) }))]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Requests a page made to anything but this machine (a CDN, say). */
function watchOffMachineRequests(page: Page): string[] {
  const off: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = ['localhost', '127.0.0.1'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:';
    if (!local) off.push(request.url());
  });
  return off;
}

/** A click on a page whose main thread renders processed video in software: it answers between frames, slowly. */
const BUSY_CLICK = { timeout: 60_000, noWaitAfter: true } as const;

/** Opens the effects menu of the call's controls (if closed) and picks a choice by its name. */
async function pickEffect(page: Page, name: string, role: 'radio' | 'checkbox' = 'radio'): Promise<void> {
  const menu = page.locator('.rk-call-view .rk-effects');
  const button = menu.locator('[data-rk-control="effects"]');
  if ((await button.getAttribute('aria-expanded', BUSY_CLICK)) !== 'true') await button.click(BUSY_CLICK);
  await menu.getByRole(role, { name, exact: true }).click(BUSY_CLICK);
}

async function expectEffectStatus(page: Page, status: 'on' | 'off', timeoutMs = 45_000): Promise<void> {
  const menu = page.locator(`.rk-call-view .rk-effects[data-rk-effect-status="${status}"]`);
  try {
    await menu.waitFor({ timeout: timeoutMs });
  } catch (error) {
    const now = await page.locator('.rk-call-view .rk-effects').getAttribute('data-rk-effect-status');
    const alert = await page.locator('.rk-effects [role="alert"]').getAttribute('title').catch(() => null);
    throw new Error(`effect status stayed ${now} (wanted ${status})${alert ? `: ${alert}` : ''}`, { cause: error });
  }
}

async function sentVideo(page: Page) {
  return (await sentTracks(page)).filter((track) => track.kind === 'video');
}

describe('noise and background filters in a call between two browsers on the real servers', () => {
  it('blurs and replaces the background mid-call: the processed track is published, frames reach the other side, and the model and wasm come from the app', async () => {
    const session = await startSession(browser, site.url);
    const [alice, bob] = await connectedVideoCall(session);
    const offMachine = watchOffMachineRequests(alice.page);
    await expectRemoteVideoPlaying(bob.page);
    expect((await sentVideo(alice.page)).map((track) => track.captured)).toEqual([true]);
    const before = served.length;

    await pickEffect(alice.page, 'Blur');
    await expectEffectStatus(alice.page, 'on');
    // The camera's own track is replaced on the sender by the processor's track.
    await expect.poll(async () => (await sentVideo(alice.page)).map((track) => track.captured), { timeout: 15_000 }).toEqual([false]);
    await expectRemoteVideoPlaying(bob.page, PROCESSED);
    const loaded = served.slice(before);
    expect(loaded).toContain(MODEL);
    expect(loaded.some((path) => WASM.test(path))).toBe(true);

    await pickEffect(alice.page, 'Sunset');
    await expect.poll(() => served.includes('/backgrounds/sunset.svg'), { timeout: 15_000 }).toBe(true);
    await expectEffectStatus(alice.page, 'on');
    expect((await sentVideo(alice.page)).map((track) => track.captured)).toEqual([false]);
    await expectRemoteVideoPlaying(bob.page, PROCESSED);

    await pickEffect(alice.page, 'None');
    await expectEffectStatus(alice.page, 'off');
    await expect.poll(async () => (await sentVideo(alice.page)).map((track) => track.captured), { timeout: 15_000 }).toEqual([true]);
    await expectRemoteVideoPlaying(bob.page);
    expect(offMachine).toEqual([]);
  });

  it('turns noise suppression, echo cancellation and auto gain off on the live microphone while sound keeps flowing', async () => {
    const session = await startSession(browser, site.url);
    const [alice, bob] = await connectedVideoCall(session);
    await expectRemoteAudioEnergy(bob.page);
    const sentAudio = async () => (await sentTracks(alice.page)).filter((track) => track.kind === 'audio');
    expect(await sentAudio()).toMatchObject([{ noiseSuppression: true, autoGainControl: true }]);

    for (const name of ['Noise suppression', 'Echo cancellation', 'Automatic volume']) await pickEffect(alice.page, name, 'checkbox');
    await expect
      .poll(sentAudio, { timeout: 15_000 })
      .toMatchObject([{ captured: true, noiseSuppression: false, echoCancellation: false, autoGainControl: false }]);
    await expectRemoteAudioEnergy(bob.page);
  });

  it('remembers the choice: the next call publishes the camera already blurred', async () => {
    const session = await startSession(browser, site.url);
    const [alice, bob] = await connectedVideoCall(session);
    await pickEffect(alice.page, 'Blur');
    await expectEffectStatus(alice.page, 'on');
    await alice.page.locator('.rk-call-view [data-rk-control="hangup"]').click(BUSY_CLICK);
    await Promise.all([expectEnded(alice.page, ['completed']), expectEnded(bob.page, ['completed'])]);
    expect(await alice.page.evaluate(() => localStorage.getItem('ringkit:effects:video'))).toBe('{"type":"blur"}');

    await alice.page.reload();
    await bob.page.reload();
    await clickCallButton(alice.page, 'bob', 'video');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await expectRemoteVideoPlaying(bob.page, PROCESSED);
    await expectEffectStatus(alice.page, 'on');
    // The raw camera never went to the sender: the effect was set before the camera published.
    const video = (await everSent(alice.page)).filter((track) => track.kind === 'video');
    expect(video.length).toBeGreaterThan(0);
    expect(video.map((track) => track.captured)).not.toContain(true);
    expect((await sentVideo(alice.page)).map((track) => track.captured)).toEqual([false]);
  });
});
