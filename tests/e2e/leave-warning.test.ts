/**
 * The leave-page warning in real Chromium (the demo opts in with `useCloseProtection()`), against
 * the real ringkit server and livekit-server: reloading asks during a call and not before or after
 * it; a reload anyway drops this device, and after the server's grace period the call ends for the
 * other side with `connection-lost`, as the README says.
 */
import type { Dialog, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answer, clickCallButton, clickControl, expectEnded, expectStatus, incomingDialog, waitOnline } from '../helpers/e2e-demo.js';
import { expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

/** Gives the page the sticky user activation browsers require before they show a `beforeunload` dialog. */
async function interact(page: Page): Promise<void> {
  await page.locator('h1').click();
}

/** Reloads and resolves with the dialogs the reload raised (each accepted, so the reload goes on). */
async function reloadCollectingDialogs(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const onDialog = (dialog: Dialog) => {
    seen.push(dialog.type());
    void dialog.accept();
  };
  page.on('dialog', onDialog);
  try {
    await page.reload({ waitUntil: 'load', timeout: 20_000 });
  } finally {
    page.off('dialog', onDialog);
  }
  return seen;
}

/** Starts a reload and resolves with the dialog it raised, left open for the test to answer. */
async function reloadUntilDialog(page: Page): Promise<Dialog> {
  const dialog = page.waitForEvent('dialog', { timeout: 15_000 });
  await page.evaluate(() => setTimeout(() => location.reload(), 0));
  return dialog;
}

describe('leave-page warning', () => {
  it('asks before a reload only during a call; staying keeps the call', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });

    await interact(alice.page);
    expect(await reloadCollectingDialogs(alice.page)).toEqual([]);
    await waitOnline(alice.page);

    await clickCallButton(alice.page, 'bob', 'video');
    await incomingDialog(bob.page).waitFor();
    await expectStatus(alice.page, 'ringing');
    const whileRinging = await reloadUntilDialog(alice.page);
    expect(whileRinging.type()).toBe('beforeunload');
    await whileRinging.dismiss();

    await answer(bob.page, 'accept');
    await expectStatus(alice.page, 'active');
    const whileActive = await reloadUntilDialog(alice.page);
    expect(whileActive.type()).toBe('beforeunload');
    await whileActive.dismiss();
    // Staying on the page kept everything: same document, same call, media still flowing both ways
    // (LiveKit by itself would have left the room at `beforeunload`).
    await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bob.page)]);
    await expectStatus(alice.page, 'active');
    await expectStatus(bob.page, 'active');

    await clickControl(bob.page, 'hangup');
    await expectEnded(alice.page, ['completed']);
    expect(await reloadCollectingDialogs(alice.page)).toEqual([]);
    await waitOnline(alice.page);
  });

  it('a reload anyway drops the device: after the grace period the other side ends with connection-lost', async () => {
    const session = await startSession(demo.browser, demo.site.url, { graceMs: 2_000 });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });

    await clickCallButton(alice.page, 'bob', 'audio');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);

    expect(await reloadCollectingDialogs(alice.page)).toEqual(['beforeunload']);
    await waitOnline(alice.page);
    // The reloaded page is a new device: it does not rejoin the call.
    await expectStatus(alice.page, 'idle');
    await expectEnded(bob.page, ['connection-lost'], 20_000);
  });
});
