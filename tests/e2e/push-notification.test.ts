import type { Browser, BrowserContext, Page } from 'playwright-core';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handoffUrl } from '../../src/protocol/push-handoff.js';
import type { RingPush } from '../../src/protocol/push.js';
import { createRingServer, type RingServer } from '../../src/server/ws-server.js';
import { bundleForBrowser, launchChromium } from '../helpers/e2e-browser.js';
import { registerPushWorker, type PushWorker } from '../helpers/e2e-push-worker.js';
import { serveStatic, type StaticServer } from '../helpers/e2e-static-server.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';
import { startWebPushService, type WebPushService } from '../helpers/web-push-service.js';

const keys = webpush.generateVAPIDKeys();
const PAGE = `<!doctype html><html lang="en"><head><title>app</title></head><body><main>app</main><script>
  window.handoffs = [];
  navigator.serviceWorker.addEventListener('message', (event) => window.handoffs.push(event.data));
</script></body></html>`;

/** Chromium's own notification centre: without a desktop notification service, the native (D-Bus) bridge loses notifications now and then. */
const NOTIFICATION_ARGS = ['--disable-features=NativeNotifications'];

let browser: Browser;
let workerScript: string;
let site: StaticServer | undefined;
let push: WebPushService;
let server: RingServer;
let context: BrowserContext;
let page: Page;
let worker: PushWorker;
let alice: WsTestClient;
let bobHash: string;
const lines: string[] = [];

beforeAll(async () => {
  [browser, push] = await Promise.all([launchChromium(NOTIFICATION_ARGS), startWebPushService()]);
  workerScript = await bundleForBrowser('src/ringkit-sw.ts', 'iife');
  server = await createRingServer({
    port: 0,
    dev: true,
    graceMs: 0,
    log: (line) => lines.push(line),
    push: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:test@example.com', allowHttpEndpoints: true },
  });
});
afterAll(async () => {
  await server?.close();
  await push?.stop();
  await browser?.close();
});
afterEach(async () => {
  await alice?.close();
  await context?.close();
  await site?.close();
});

/** Bob's browser: a context with notifications allowed, the app page, the ringkit worker; his push subscription is stored. */
async function bobsBrowser(locale = 'en-US'): Promise<StaticServer> {
  // A fresh origin per test: Chromium's headless notifications of one origin are shared by contexts.
  site = await serveStatic({ files: { '/': PAGE, '/ringkit-sw.js': workerScript } });
  context = await browser.newContext({ permissions: ['notifications'], locale });
  page = await context.newPage();
  await page.goto(site.url);
  worker = await registerPushWorker(context, page, '/ringkit-sw.js');
  const bob = await connectWs(server, { user: 'bob' });
  const { subscription, clientHash } = await push.subscribe(keys.publicKey);
  expect(await bob.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({ type: 'ok' });
  await bob.close();
  bobHash = clientHash;
  alice = await connectWs(server, { user: 'alice' });
  return site;
}

/** Alice calls Bob; the push service's decrypted payload is handed to Bob's worker. */
async function ringBob(callId: string): Promise<RingPush> {
  const before = (await push.messages(bobHash)).length;
  expect(await alice.request({ type: 'invite', id: rid(), callId, to: ['bob'], media: 'video' })).toMatchObject({ type: 'invited' });
  const payload = (await push.waitForMessages(bobHash, before + 1))[before] ?? '';
  await worker.deliverUntilShown(payload, callId);
  return JSON.parse(payload) as RingPush;
}

/** Hand Bob's worker the next push (a withdrawal). */
async function deliverNext(): Promise<string> {
  const count = (await push.messages(bobHash)).length;
  const payload = (await push.waitForMessages(bobHash, count + 1))[count] ?? '';
  await worker.deliver(payload);
  return payload;
}

describe('the ringkit service worker in Chromium, fed by a real push service', () => {
  it('shows the pushed call with Accept and Decline, and closes it when the caller cancels', async () => {
    await bobsBrowser();
    await ringBob('call-w');
    const [shown] = await worker.waitForNotifications(1);
    expect(shown).toEqual({
      title: 'alice is calling',
      body: 'Incoming video call',
      tag: 'call-w',
      lang: '',
      requireInteraction: true,
      actions: [
        { action: 'accept', title: 'Accept' },
        { action: 'decline', title: 'Decline' },
      ],
    });
    const withdrawal = deliverNext();
    expect(await alice.request({ type: 'cancel', id: rid(), callId: 'call-w' })).toMatchObject({ type: 'ok' });
    expect(JSON.parse(await withdrawal)).toEqual({ type: 'withdraw', callId: 'call-w' });
    await worker.waitForNotifications(0);
  });

  it('declines from the notification with no page of the app open: the caller ends declined', async () => {
    await bobsBrowser();
    await ringBob('call-d');
    await worker.waitForNotifications(1);
    await page.close();
    await worker.click('call-d', 'decline');
    expect(await alice.next('ended', (message) => message.callId === 'call-d', 10_000)).toMatchObject({ reason: 'declined', by: 'bob' });
    expect(await worker.notifications()).toEqual([]);
    expect(lines).toContain('call call-d declined by bob from a push notification');
  });

  it('hands Accept to an open page of the app by message, and otherwise asks to open the app URL with the call', async () => {
    const app = await bobsBrowser();
    await ringBob('call-a');
    await worker.waitForNotifications(1);
    await worker.click('call-a', 'accept');
    await expect.poll(() => page.evaluate(() => (window as unknown as { handoffs: unknown[] }).handoffs)).toEqual([
      { type: 'ringkit:notification', callId: 'call-a', action: 'accept' },
    ]);
    expect(await alice.request({ type: 'cancel', id: rid(), callId: 'call-a' })).toMatchObject({ type: 'ok' });
    await deliverNext();
    await worker.waitForNotifications(0);

    await ringBob('call-b');
    await worker.waitForNotifications(1);
    await page.close();
    await worker.recordOpenedWindows();
    await worker.click('call-b', 'accept');
    await expect.poll(() => worker.openedWindows()).toEqual([handoffUrl(`${app.url}/`, 'call-b', 'accept')]);
  });

  it('speaks Chinese in a zh-CN browser, and shows no ring that is already over', async () => {
    await bobsBrowser('zh-CN');
    const ring = await ringBob('call-zh');
    const [shown] = await worker.waitForNotifications(1);
    expect(shown).toMatchObject({
      title: 'alice 来电',
      body: '视频通话邀请',
      actions: [
        { action: 'accept', title: '接听' },
        { action: 'decline', title: '拒绝' },
      ],
    });
    await worker.deliver(JSON.stringify({ ...ring, callId: 'call-over', expiresAt: Date.now() - 1 }));
    await worker.deliver(JSON.stringify({ type: 'withdraw', callId: 'call-none' }));
    await worker.deliver('{"not":"ringkit"}');
    await worker.deliverUntilShown(JSON.stringify({ ...ring, callId: 'call-next' }), 'call-next');
    const shownNow = await worker.waitForNotifications(2);
    expect(shownNow.map((notification) => notification.tag).sort()).toEqual(['call-next', 'call-zh']);
  });
});
