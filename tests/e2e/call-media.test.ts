import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { E2EUser } from '../helpers/e2e-browser.js';
import {
  answer,
  callState,
  clickCallButton,
  clickControl,
  expectEnded,
  expectStatus,
  holdOutgoingMessages,
  incomingDialog,
  releaseHeldMessages,
  selectDevice,
  waitForHeldMessage,
} from '../helpers/e2e-demo.js';
import { sharedLiveKit } from '../helpers/e2e-env.js';
import {
  expectRemoteAudioEnergy,
  expectRemoteAudioSilent,
  expectRemoteVideoPlaying,
  expectRemoteVideoStopped,
  liveCaptureLabels,
} from '../helpers/e2e-media.js';
import { connectedVideoCall } from '../helpers/e2e-calls.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

async function expectMediaBothWays(alice: E2EUser, bob: E2EUser): Promise<void> {
  await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bob.page)]);
  await Promise.all([expectRemoteAudioEnergy(alice.page), expectRemoteAudioEnergy(bob.page)]);
}

async function expectRoomGone(callId: string): Promise<void> {
  const { rooms } = sharedLiveKit();
  // Rooms close 3 s after the last participant leaves, or the janitor deletes them 8 s after the call: a loaded machine gets 45 s.
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if ((await rooms.listRooms([callId])).length === 0) return;
    await sleep(250);
  }
  throw new Error(`LiveKit room ${callId} still exists 45 s after the call ended`);
}

describe('a video call between two browsers on the real servers', () => {
  it('rings Bob, shows ringing only after his device acked, and carries video and audio both ways', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'], initScripts: [holdOutgoingMessages('ack')] });

    await clickCallButton(alice.page, 'bob', 'video');
    await incomingDialog(bob.page).waitFor({ timeout: 15_000 });
    // Bob's device rings and tried to ack; the ack is held back until released: Alice must still be "calling".
    await waitForHeldMessage(bob.page, 'ack');
    expect((await callState(alice.page)).status).toBe('calling');
    await releaseHeldMessages(bob.page);
    await expectStatus(alice.page, 'ringing');

    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await expectMediaBothWays(alice, bob);
  });

  it('mutes the microphone and turns the camera off: indicators change and media stops, then flows again', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const [alice, bob] = await connectedVideoCall(session);
    await expectMediaBothWays(alice, bob);
    const aliceTileOnBob = bob.page.locator('.rk-call-view__remote');

    await clickControl(alice.page, 'mic');
    await aliceTileOnBob.and(bob.page.locator('[data-rk-mic="off"]')).waitFor({ timeout: 10_000 });
    await expectRemoteAudioSilent(bob.page);

    await clickControl(alice.page, 'camera');
    await aliceTileOnBob.and(bob.page.locator('[data-rk-camera="off"]')).waitFor({ timeout: 10_000 });
    await expectRemoteVideoStopped(bob.page);
    await expectRemoteVideoPlaying(alice.page);

    await clickControl(alice.page, 'mic');
    await clickControl(alice.page, 'camera');
    await aliceTileOnBob.and(bob.page.locator('[data-rk-mic="on"][data-rk-camera="on"]')).waitFor({ timeout: 10_000 });
    await expectRemoteVideoPlaying(bob.page);
    await expectRemoteAudioEnergy(bob.page);
  });

  it('accepts a video call as audio only, then switches to video and back mid-call', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'video');
    await answer(bob.page, 'accept-audio');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await Promise.all([expectRemoteAudioEnergy(alice.page), expectRemoteAudioEnergy(bob.page)]);
    // Bob answered without his camera: Alice gets no video from him.
    await expectRemoteVideoStopped(alice.page);
    expect(await liveCaptureLabels(bob.page)).not.toContain('fake_device_0');

    await clickControl(bob.page, 'switch-media');
    await expectRemoteVideoPlaying(alice.page);
    expect((await callState(bob.page)).media).toBe('video');

    await clickControl(bob.page, 'switch-media');
    await expectRemoteVideoStopped(alice.page);
    await expectRemoteAudioEnergy(alice.page);
    expect((await callState(bob.page)).media).toBe('audio');
  });

  it('switches microphone and camera mid-call to other fake devices while media keeps flowing', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const [alice, bob] = await connectedVideoCall(session);
    await expectMediaBothWays(alice, bob);

    await selectDevice(alice.page, 'audioinput', 'Fake Audio Input 1');
    await selectDevice(alice.page, 'videoinput', 'fake_device_2');
    await expect
      .poll(() => liveCaptureLabels(alice.page), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Fake Audio Input 1', 'fake_device_2']));
    expect(await liveCaptureLabels(alice.page)).not.toContain('fake_device_0');
    await expectRemoteVideoPlaying(bob.page);
    await expectRemoteAudioEnergy(bob.page);
  });

  it.each([
    ['the caller', 0],
    ['the callee', 1],
  ] as const)('hangs up from %s: both end as completed and the LiveKit room is gone', async (_who, side) => {
    const session = await startSession(demo.browser, demo.site.url);
    const users = await connectedVideoCall(session);
    const { callId } = await callState(users[0].page);
    expect((await sharedLiveKit().rooms.listRooms([callId])).map((room) => room.name)).toEqual([callId]);

    await clickControl(users[side].page, 'hangup');
    await Promise.all(users.map((user) => expectEnded(user.page, ['completed'])));
    await expectRoomGone(callId);
  });
});
