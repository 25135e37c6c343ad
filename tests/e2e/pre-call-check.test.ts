/**
 * The pre-call check in the demo, in real Chromium (fake devices), against the real ringkit
 * server and the real livekit-server: it passes end to end and leaves nothing behind; a camera
 * the browser refuses and a media server nobody answers on fail with typed errors.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { demoUrlFor, waitOnline } from '../helpers/e2e-demo.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import { liveCaptureLabels } from '../helpers/e2e-media.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();
let promptingBrowser: Browser | undefined;
afterAll(async () => {
  await promptingBrowser?.close();
});

type StepStates = Record<string, { state: string | null; error: string | null }>;

/** Open the demo's setup check (it starts by itself) and wait until it finishes. */
async function runCheck(page: Page): Promise<{ outcome: string | null; steps: StepStates }> {
  await page.getByText('Check my microphone, camera and connection').click();
  const region = page.getByRole('region', { name: 'Check your setup' });
  await region.and(page.locator(':not([data-state="running"]):not([data-state="idle"])')).waitFor({ timeout: 60_000 });
  const steps = await region.locator('li[data-rk-step]').evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.getAttribute('data-rk-step'), { state: item.getAttribute('data-state'), error: item.getAttribute('data-rk-error') }])),
  );
  return { outcome: await region.getAttribute('data-state'), steps };
}

async function precheckRooms(): Promise<string[]> {
  const rooms = await sharedLiveKit().rooms.listRooms();
  return rooms.map((room) => room.name).filter((name) => name.startsWith('precheck-'));
}

/** Test rooms close a second after they are left: wait (bounded) until none is open. */
async function expectNoTestRoom(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await precheckRooms()).length > 0) {
    if (Date.now() > deadline) throw new Error(`test rooms still open: ${(await precheckRooms()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('pre-call check (demo, real Chromium, ringkit server, livekit-server)', () => {
  it('passes every step, shows what it measured, and closes its devices and its test room', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice');
    const { outcome, steps } = await runCheck(alice.page);
    expect(steps).toEqual({
      permissions: { state: 'passed', error: null },
      microphone: { state: 'passed', error: null },
      camera: { state: 'passed', error: null },
      signaling: { state: 'passed', error: null },
      'media-server': { state: 'passed', error: null },
    });
    expect(outcome).toBe('passed');
    const mediaServer = alice.page.locator('li[data-rk-step="media-server"]');
    await expect.poll(() => mediaServer.textContent()).toMatch(/connected in \d+ ms · \d+ ms round trip/);
    await expect.poll(() => alice.page.locator('li[data-rk-step="camera"]').textContent()).toMatch(/\d+×\d+/);
    expect(await liveCaptureLabels(alice.page)).toEqual([]);
    await expectNoTestRoom();
  });

  it('a media server nobody answers on: the media-server step fails with join-failed, the rest passes', async () => {
    const { apiKey, apiSecret } = sharedLiveKit();
    const session = await startSession(demo.browser, demo.site.url, { livekit: { url: 'ws://127.0.0.1:9', apiKey, apiSecret } });
    const alice = await session.open('alice');
    const { outcome, steps } = await runCheck(alice.page);
    expect(outcome).toBe('failed');
    expect(steps['media-server']).toEqual({ state: 'failed', error: 'join-failed' });
    expect(steps.signaling).toEqual({ state: 'passed', error: null });
    expect(steps.camera).toEqual({ state: 'passed', error: null });
    expect(await liveCaptureLabels(alice.page)).toEqual([]);
  });

  it('a camera the browser refuses: permissions fails with permission-denied, the microphone is still checked, the room is joined audio-only', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    // Without the fake prompt, a permission not granted is refused (headless has nobody to ask).
    promptingBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream') });
    const context = await promptingBrowser.newContext({ permissions: ['microphone'] });
    try {
      const page = await context.newPage();
      await page.goto(demoUrlFor(session.target, 'alice'), { waitUntil: 'load', timeout: 20_000 });
      await waitOnline(page);
      const { outcome, steps } = await runCheck(page);
      expect(outcome).toBe('failed');
      expect(steps.permissions).toEqual({ state: 'failed', error: 'permission-denied' });
      expect(steps.microphone).toEqual({ state: 'passed', error: null });
      expect(steps.camera).toEqual({ state: 'skipped', error: null });
      expect(steps['media-server']).toEqual({ state: 'passed', error: null });
      await expect.poll(() => page.locator('li[data-rk-step="permissions"]').textContent()).toContain('Access to the camera was denied');
    } finally {
      await context.close();
    }
    await expectNoTestRoom();
  });
});
