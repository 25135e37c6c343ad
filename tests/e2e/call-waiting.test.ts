/**
 * Call waiting and hold in real Chromium, on the real ringkit-server and livekit-server:
 * Alice and Bob in a video call, Carol calls Alice; Alice holds Bob and answers Carol,
 * swaps back, and ends with Carol while Bob stays on hold until resumed.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { E2EUser } from '../helpers/e2e-browser.js';
import { callState, clickCallButton, clickControl, expectEnded, expectStatus, incomingDialog } from '../helpers/e2e-demo.js';
import {
  expectNoVideoReceived,
  expectRemoteAudioEnergy,
  expectRemoteAudioSilent,
  expectRemoteVideoPlaying,
  expectRemoteVideoStopped,
} from '../helpers/e2e-media.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

async function expectMediaBothWays(a: E2EUser, b: E2EUser): Promise<void> {
  await Promise.all([expectRemoteVideoPlaying(a.page), expectRemoteVideoPlaying(b.page)]);
  await Promise.all([expectRemoteAudioEnergy(a.page), expectRemoteAudioEnergy(b.page)]);
}

/** Nothing of the holder reaches this page: no video frames decoded (shown or not), no audio energy. */
async function expectNothingFromHolder(page: Page): Promise<void> {
  await expectStatus(page, 'held');
  await expectRemoteVideoStopped(page);
  await expectNoVideoReceived(page);
  await expectRemoteAudioSilent(page);
}

/** Resume the call on hold with `name` (as the demo shows it) from the "Calls on hold" list. */
async function resume(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Resume call with ${name}` }).click({ timeout: 15_000 });
}

/** Wait until the page's current call is `callId` and active. */
async function expectCurrent(page: Page, callId: string): Promise<void> {
  await page.locator(`[data-testid="call-state"][data-call-id="${callId}"][data-status="active"]`).waitFor({ timeout: 15_000 });
}

describe('call waiting and hold between three browsers on the real servers', () => {
  it('holds Bob for Carol, swaps back, ends with Carol: Bob stays on hold until resumed', { timeout: 300_000 }, async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob', 'carol'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    const carol = await session.open('carol', { contacts: ['alice'] });

    await clickCallButton(alice.page, 'bob', 'video');
    await incomingDialog(bob.page).locator('button[data-rk-action="accept"]').click({ timeout: 15_000 });
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await expectMediaBothWays(alice, bob);
    const bobCall = (await callState(alice.page)).callId;

    // Carol calls: Alice's dialog is the compact call-waiting one; she holds Bob and answers.
    await clickCallButton(carol.page, 'alice', 'video');
    const waiting = alice.page.getByRole('alertdialog', { name: 'Call waiting' });
    await waiting.locator('button[data-rk-action="hold-and-accept"]').click({ timeout: 15_000 });
    await expectStatus(carol.page, 'active');
    const carolCall = (await callState(carol.page)).callId;
    await expectCurrent(alice.page, carolCall);
    await expectMediaBothWays(alice, carol);
    await expectNothingFromHolder(bob.page);

    // Swap back to Bob: media flows again between Alice and Bob; now Carol hears nothing.
    await resume(alice.page, 'Bob');
    await expectCurrent(alice.page, bobCall);
    await expectStatus(bob.page, 'active');
    await expectMediaBothWays(alice, bob);
    await expectNothingFromHolder(carol.page);

    // Back to Carol and hang up: her call ends, Bob's stays on hold until Alice resumes it.
    await resume(alice.page, 'Carol');
    await expectCurrent(alice.page, carolCall);
    await clickControl(alice.page, 'hangup');
    await Promise.all([expectEnded(alice.page, ['completed']), expectEnded(carol.page, ['completed'])]);
    await expectNothingFromHolder(bob.page);
    await resume(alice.page, 'Bob');
    await expectCurrent(alice.page, bobCall);
    await expectStatus(bob.page, 'active');
    await expectMediaBothWays(alice, bob);
  });
});
