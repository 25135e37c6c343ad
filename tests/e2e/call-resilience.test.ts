import { describe, expect, it, onTestFinished } from 'vitest';
import {
  answer,
  callState,
  clickCallButton,
  clickControl,
  expectEnded,
  expectStatus,
  incomingDialog,
  waitOnline,
} from '../helpers/e2e-demo.js';
import { expectRemoteAudioEnergy, expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { startSession } from '../helpers/e2e-session.js';
import { startLiveKitServer } from '../helpers/livekit-server.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

describe('calls survive or end cleanly when a server goes away', () => {
  it('keeps the call when the signaling socket drops and comes back, without ringing again', async () => {
    const session = await startSession(demo.browser, demo.site.url, { graceMs: 15_000 });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'video');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    const { callId } = await callState(alice.page);

    session.proxy.dropAll();
    await expect.poll(() => session.proxy.openConnections(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await Promise.all([waitOnline(alice.page, 20_000), waitOnline(bob.page, 20_000)]);

    for (const user of [alice, bob]) {
      expect(await callState(user.page)).toMatchObject({ status: 'active', callId });
    }
    expect(await incomingDialog(bob.page).count()).toBe(0);
    await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bob.page)]);
    await expectRemoteAudioEnergy(bob.page);

    // The resumed session still controls the call.
    await clickControl(bob.page, 'hangup');
    await Promise.all([expectEnded(alice.page, ['completed']), expectEnded(bob.page, ['completed'])]);
  });

  it('leaves the active state on both sides when livekit-server is killed mid-call', async () => {
    const livekit = await startLiveKitServer();
    onTestFinished(() => livekit.stop());
    const session = await startSession(demo.browser, demo.site.url, { livekit });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'video');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await expectRemoteVideoPlaying(bob.page);

    livekit.process.kill();
    await Promise.all(
      [alice, bob].map((user) => expectEnded(user.page, ['media-failed', 'connection-lost'], 60_000)),
    );
  });
});
