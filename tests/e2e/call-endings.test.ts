import { describe, expect, it } from 'vitest';
import { formatMessage, ZH_CN_MESSAGES } from '../../src/react/i18n/messages.js';
import {
  answer,
  callState,
  clickCallButton,
  demoUrlFor,
  expectEnded,
  expectPresence,
  expectStatus,
  incomingDialog,
  waitOnline,
} from '../helpers/e2e-demo.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

describe('every way a call ends shows the right reason on both sides', () => {
  it('declined: Bob declines', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'audio');
    await answer(bob.page, 'decline');
    await expectEnded(alice.page, ['declined']);
    await expectEnded(bob.page, ['declined']);
    await incomingDialog(bob.page).waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('cancelled: Alice cancels while Bob rings', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'audio');
    await incomingDialog(bob.page).waitFor({ timeout: 10_000 });
    await expectStatus(alice.page, 'ringing');
    await clickCallButton(alice.page, 'bob', 'audio');
    await expectEnded(alice.page, ['cancelled']);
    await incomingDialog(bob.page).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('busy: Bob is already in a call with Carol (call waiting off)', async () => {
    const session = await startSession(demo.browser, demo.site.url, { callWaiting: false });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice', 'carol'] });
    const carol = await session.open('carol', { contacts: ['bob'] });
    await clickCallButton(carol.page, 'bob', 'audio');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(carol.page, 'active'), expectStatus(bob.page, 'active')]);

    await clickCallButton(alice.page, 'bob', 'audio');
    await expectEnded(alice.page, ['busy']);
    expect((await callState(bob.page)).status).toBe('active');
    expect(await incomingDialog(bob.page).count()).toBe(0);
  });

  it('no-answer: nobody answers before the ring timeout, and Bob sees a missed call', async () => {
    // Long enough that a loaded machine shows Bob's dialog before the ring times out.
    const session = await startSession(demo.browser, demo.site.url, { ringTimeoutMs: 8_000 });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'audio');
    await incomingDialog(bob.page).waitFor({ timeout: 15_000 });
    await expectEnded(alice.page, ['no-answer'], 30_000);
    await incomingDialog(bob.page).waitFor({ state: 'detached', timeout: 10_000 });
    await bob.page.locator('.demo__history li[data-missed="true"][data-reason="no-answer"]').waitFor({ timeout: 10_000 });
  });

  it('offline: Dave has no device connected', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['dave'] });
    await expectPresence(alice.page, 'dave', 'offline');
    await clickCallButton(alice.page, 'dave', 'audio');
    await expectEnded(alice.page, ['offline']);

    // The demo's language switch reaches ringkit's components too.
    await alice.page.getByLabel('Language').selectOption('zh-CN');
    const reasonInChinese = formatMessage(ZH_CN_MESSAGES.statusEnded, { reason: ZH_CN_MESSAGES.endReasons.offline });
    await alice.page.locator('.rk-call-view [role="status"]', { hasText: reasonInChinese }).waitFor({ timeout: 15_000 });
  });

  it('do-not-disturb: Bob turned it on, so his devices never ring', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    // The box shows the server's presence, so it turns checked once the server confirmed.
    const doNotDisturb = bob.page.getByRole('checkbox', { name: 'Do not disturb' });
    await doNotDisturb.click();
    await expect.poll(() => doNotDisturb.isChecked(), { timeout: 10_000 }).toBe(true);
    await expectPresence(alice.page, 'bob', 'do-not-disturb');
    await clickCallButton(alice.page, 'bob', 'audio');
    await expectEnded(alice.page, ['do-not-disturb']);
    expect(await incomingDialog(bob.page).count()).toBe(0);
  });
});

describe('several devices and closed tabs', () => {
  it('rings both of Bob’s tabs; accepting in one stops the other with answered-elsewhere', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    const secondTab = await bob.openTab(demoUrlFor(session.target, 'bob', ['alice']));
    await waitOnline(secondTab);

    await clickCallButton(alice.page, 'bob', 'video');
    await Promise.all([
      incomingDialog(bob.page).waitFor({ timeout: 10_000 }),
      incomingDialog(secondTab).waitFor({ timeout: 10_000 }),
    ]);
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await incomingDialog(secondTab).waitFor({ state: 'detached', timeout: 10_000 });
    await expectEnded(secondTab, ['answered-elsewhere']);
  });

  it('ends Alice’s call when Bob closes his ringing tab', async () => {
    // A ring timeout longer than the 30 s bound, so a no-answer cannot stand in for the real reason.
    const session = await startSession(demo.browser, demo.site.url, { ringTimeoutMs: 60_000 });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'audio');
    await incomingDialog(bob.page).waitFor({ timeout: 10_000 });
    await bob.page.close();
    await expectEnded(alice.page, ['offline', 'connection-lost'], 30_000);
  });

  it('ends Bob’s call as connection-lost after the grace period when Alice closes her tab mid-call', async () => {
    const session = await startSession(demo.browser, demo.site.url, { graceMs: 3_000 });
    const alice = await session.open('alice', { contacts: ['bob'] });
    const bob = await session.open('bob', { contacts: ['alice'] });
    await clickCallButton(alice.page, 'bob', 'audio');
    await answer(bob.page, 'accept');
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await alice.page.close();
    await expectEnded(bob.page, ['connection-lost'], 30_000);
  });
});
