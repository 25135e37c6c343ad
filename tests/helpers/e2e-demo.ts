import type { Browser, Locator, Page } from 'playwright-core';
import type { EndReason } from '../../src/protocol/protocol.js';
import { EN_MESSAGES } from '../../src/react/i18n/messages.js';
import { openUser, type E2EUser } from './e2e-browser.js';

/** Where a demo page connects: the demo's static URL and the ringkit signaling server's WebSocket URL. */
export interface DemoTarget {
  demoUrl: string;
  serverUrl: string;
}

/** The `call-state` line of the demo: the current call's status, media and end reason. */
export interface DemoCallState {
  status: string;
  media: string;
  endReason: string;
  callId: string;
}

/**
 * Opens the demo signed in as `user` (own browser context) and waits until it is online.
 *
 * @example
 * ```ts
 * const alice = await openDemoUser(browser, target, 'alice', { contacts: ['bob'] });
 * ```
 */
export async function openDemoUser(
  browser: Browser,
  target: DemoTarget,
  user: string,
  { contacts, initScripts }: { contacts?: readonly string[]; initScripts?: readonly string[] } = {},
): Promise<E2EUser> {
  const opened = await openUser(browser, user, demoUrlFor(target, user, contacts), { initScripts });
  await waitOnline(opened.page);
  return opened;
}

/**
 * The demo URL that signs in as `user` against the target's server, with an optional contact list.
 *
 * @example
 * ```ts
 * await bob.openTab(demoUrlFor(target, 'bob'));
 * ```
 */
export function demoUrlFor(target: DemoTarget, user: string, contacts?: readonly string[]): string {
  const params = new URLSearchParams({ user, server: target.serverUrl });
  if (contacts) params.set('contacts', contacts.join(','));
  return `${target.demoUrl}/?${params}`;
}

/**
 * Waits until a demo page's ring client is connected.
 *
 * @example
 * ```ts
 * await waitOnline(page);
 * ```
 */
export async function waitOnline(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.locator('[data-testid="call-state"][data-connection="connected"]').waitFor({ timeout: timeoutMs });
}

function contact(page: Page, user: string): Locator {
  return page.locator(`li[data-contact="${user}"]`);
}

/**
 * Clicks the audio or video call button of a contact (also Cancel / Hang up: the same button).
 *
 * @example
 * ```ts
 * await clickCallButton(alice.page, 'bob', 'video');
 * ```
 */
export async function clickCallButton(page: Page, user: string, media: 'audio' | 'video'): Promise<void> {
  await contact(page, user).locator(`button.rk-call-button[data-rk-media="${media}"]`).click();
}

/**
 * Waits for a contact's presence (`available`, `do-not-disturb` or `offline`) in the contact list.
 *
 * @example
 * ```ts
 * await expectPresence(alice.page, 'bob', 'do-not-disturb');
 * ```
 */
export async function expectPresence(page: Page, user: string, presence: string, timeoutMs = 10_000): Promise<void> {
  await page.locator(`li[data-contact="${user}"][data-presence="${presence}"]`).waitFor({ timeout: timeoutMs });
}

/**
 * The ringing dialog of the incoming call modal.
 *
 * @example
 * ```ts
 * await incomingDialog(bob.page).waitFor();
 * ```
 */
export function incomingDialog(page: Page): Locator {
  return page.getByRole('alertdialog');
}

/**
 * Answers the ringing call from the modal: `accept`, `accept-audio` or `decline`.
 *
 * @example
 * ```ts
 * await answer(bob.page, 'accept');
 * ```
 */
export async function answer(page: Page, action: 'accept' | 'accept-audio' | 'decline'): Promise<void> {
  await incomingDialog(page).locator(`button[data-rk-action="${action}"]`).click({ timeout: 15_000 });
}

/**
 * Clicks a call control: `mic`, `camera`, `switch-media` or `hangup`.
 *
 * @example
 * ```ts
 * await clickControl(alice.page, 'mic');
 * ```
 */
export async function clickControl(page: Page, control: 'mic' | 'camera' | 'switch-media' | 'screen-share' | 'hangup'): Promise<void> {
  await page.locator(`.rk-call-view [data-rk-control="${control}"]`).click();
}

/**
 * Picks a device by its label in the call's device picker of that kind.
 *
 * @example
 * ```ts
 * await selectDevice(alice.page, 'videoinput', 'fake_device_1');
 * ```
 */
export async function selectDevice(page: Page, kind: 'audioinput' | 'videoinput', label: string): Promise<void> {
  await page.locator(`.rk-call-view select[data-rk-kind="${kind}"]`).selectOption({ label });
}

/**
 * Reads the demo's call-state line.
 *
 * @example
 * ```ts
 * const { callId } = await callState(alice.page);
 * ```
 */
export async function callState(page: Page): Promise<DemoCallState> {
  const line = page.locator('[data-testid="call-state"]');
  const [status, media, endReason, callId] = await Promise.all(
    ['data-status', 'data-media', 'data-end-reason', 'data-call-id'].map(async (name) => (await line.getAttribute(name)) ?? ''),
  );
  return { status: status ?? '', media: media ?? '', endReason: endReason ?? '', callId: callId ?? '' };
}

/**
 * Waits until the demo's call reaches `status` (e.g. `ringing`, `active`).
 *
 * @example
 * ```ts
 * await expectStatus(alice.page, 'active');
 * ```
 */
export async function expectStatus(page: Page, status: string, timeoutMs = 15_000): Promise<void> {
  await page.locator(`[data-testid="call-state"][data-status="${status}"]`).waitFor({ timeout: timeoutMs });
}

/**
 * Waits until the call ended with one of `reasons`, and checks the call view shows that reason in words.
 *
 * @example
 * ```ts
 * await expectEnded(alice.page, ['declined']);
 * ```
 */
export async function expectEnded(page: Page, reasons: readonly EndReason[], timeoutMs = 15_000): Promise<EndReason> {
  const selector = reasons
    .map((reason) => `[data-testid="call-state"][data-status="ended"][data-end-reason="${reason}"]`)
    .join(', ');
  await page.locator(selector).first().waitFor({ timeout: timeoutMs });
  const reason = (await callState(page)).endReason as EndReason;
  await page
    .locator('.rk-call-view [role="status"]')
    .filter({ hasText: EN_MESSAGES.endReasons[reason] })
    .waitFor({ timeout: 15_000 });
  return reason;
}

/**
 * A script for `openUser({ initScripts })` that holds back every outgoing signaling message of one
 * type (e.g. the callee's `ack`) until the test releases them with {@link releaseHeldMessages}.
 * Nothing depends on timing: a held message stays held until released.
 *
 * @example
 * ```ts
 * const bob = await session.open('bob', { initScripts: [holdOutgoingMessages('ack')] });
 * await waitForHeldMessage(bob.page, 'ack');
 * await releaseHeldMessages(bob.page);
 * ```
 */
export function holdOutgoingMessages(type: string): string {
  return `(() => {
    const send = WebSocket.prototype.send;
    const held = [];
    window.__rkHeld = { types: () => held.map((entry) => entry.type), release: () => held.splice(0).forEach((entry) => send.call(entry.socket, entry.data)) };
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string') {
        let parsed;
        try { parsed = JSON.parse(data); } catch { parsed = undefined; }
        if (parsed && parsed.type === ${JSON.stringify(type)}) {
          held.push({ socket: this, data, type: parsed.type });
          return;
        }
      }
      return send.call(this, data);
    };
  })();`;
}

/** What {@link holdOutgoingMessages} leaves on `window.__rkHeld` (functions passed to the page cannot share helpers). */
type HeldWindow = { __rkHeld?: { types(): string[]; release(): void } };

/**
 * Waits until the page tried to send a message of `type` that {@link holdOutgoingMessages} holds back.
 *
 * @example
 * ```ts
 * await waitForHeldMessage(bob.page, 'ack');
 * ```
 */
export async function waitForHeldMessage(page: Page, type: string, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction((wanted) => (window as unknown as HeldWindow).__rkHeld?.types().includes(wanted) ?? false, type, { timeout: timeoutMs });
}

/**
 * Sends every message {@link holdOutgoingMessages} held back, in order.
 *
 * @example
 * ```ts
 * await releaseHeldMessages(bob.page);
 * ```
 */
export async function releaseHeldMessages(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as HeldWindow).__rkHeld?.release());
}
