import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RingPush } from '../../src/protocol/push.js';
import { createRingServer, type RingServer } from '../../src/server/ws-server.js';
import { openUser, reportFailure, type E2EUser } from '../helpers/e2e-browser.js';
import { clickCallButton, demoUrlFor, expectStatus, waitOnline } from '../helpers/e2e-demo.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import { expectRemoteAudioEnergy, expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { registerPushWorker } from '../helpers/e2e-push-worker.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';
import { rid } from '../helpers/server-client.js';
import { connectWs } from '../helpers/server-ws.js';
import { startWebPushService, type WebPushService } from '../helpers/web-push-service.js';

const demo = setUpDemoSuite();
const keys = webpush.generateVAPIDKeys();
let push: WebPushService;
let server: RingServer;
const log: string[] = [];

beforeAll(async () => {
  const livekit = sharedLiveKit();
  push = await startWebPushService();
  server = await createRingServer({
    port: 0,
    dev: true,
    graceMs: 0,
    ringTimeoutMs: 60_000,
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    log: (line) => log.push(line),
    push: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:test@example.com', allowHttpEndpoints: true },
  });
});
afterAll(async () => {
  await server?.close();
  await push?.stop();
});

describe('Accept on a call notification, with no page of the app open', () => {
  it('opens the demo, which connects, accepts, and carries video and audio both ways', async () => {
    const target = { demoUrl: demo.site.url, serverUrl: server.url };
    const users: E2EUser[] = [];
    onTestFinished(async ({ task }) => {
      if (task.result?.state === 'fail') {
        await reportFailure(task.name, users);
        console.error(`--- ringkit server log ---\n${log.slice(-40).join('\n')}`);
      }
      for (const user of users) await user.context.close().catch(() => undefined);
    });

    // Bob's browser: the demo with its push switch, the ready-made worker, and a push subscription.
    const bob = await openUser(demo.browser, 'bob', demoUrlFor(target, 'bob', ['alice']));
    users.push(bob);
    await bob.context.grantPermissions(['notifications', 'camera', 'microphone']);
    await waitOnline(bob.page);
    await bob.page.getByRole('checkbox', { name: 'Ring me when this tab is closed' }).waitFor();
    const worker = await registerPushWorker(bob.context, bob.page, `/ringkit-sw.js?app=${encodeURIComponent(bob.page.url())}`);
    const bobSocket = await connectWs(server, { user: 'bob' });
    const { subscription, clientHash } = await push.subscribe(keys.publicKey);
    expect(await bobSocket.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({ type: 'ok' });
    await bobSocket.close();
    await bob.page.close();

    const alice = await openUser(demo.browser, 'alice', demoUrlFor(target, 'alice', ['bob']));
    users.push(alice);
    await waitOnline(alice.page);
    await clickCallButton(alice.page, 'bob', 'video');
    const payload = (await push.waitForMessages(clientHash, 1, 15_000))[0] ?? '';
    const ring = JSON.parse(payload) as RingPush;
    expect(ring).toMatchObject({ type: 'ring', from: 'alice', media: 'video' });
    await worker.deliverUntilShown(payload, ring.callId);

    await worker.recordOpenedWindows();
    await worker.click(ring.callId, 'accept');
    await expect.poll(() => worker.openedWindows()).toHaveLength(1);
    const [opened] = await worker.openedWindows();
    const url = new URL(opened ?? '');
    expect(url.origin).toBe(new URL(demo.site.url).origin);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ user: 'bob', 'ringkit-call': ring.callId, 'ringkit-action': 'accept' });

    // The browser opens that URL (headless cannot let the worker do it): the page connects and takes the call.
    const bobPage = await bob.openTab(url.toString());
    await Promise.all([expectStatus(bobPage, 'active', 20_000), expectStatus(alice.page, 'active', 20_000)]);
    expect(new URL(bobPage.url()).searchParams.has('ringkit-call')).toBe(false);
    await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bobPage)]);
    await Promise.all([expectRemoteAudioEnergy(alice.page), expectRemoteAudioEnergy(bobPage)]);
    const withdrawal = await push.waitForMessages(clientHash, 2);
    expect(JSON.parse(withdrawal[1] ?? '')).toEqual({ type: 'withdraw', callId: ring.callId });
  });
});
