/**
 * A whole call by keyboard only, in real Chromium against the real servers: focus never
 * falls to `<body>` and lands where the README's Accessibility section says.
 */
import { describe, it } from 'vitest';
import { expectStatus, incomingDialog } from '../helpers/e2e-demo.js';
import { expectFocus, tabTo } from '../helpers/e2e-keyboard.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

const VIDEO_CALL_BOB = 'li[data-contact="bob"] button.rk-call-button[data-rk-media="video"]';
const CALL_BUTTON_FOR_ALICE = 'button.rk-call-button[data-rk-to="alice"]';
const FIRST_CONTROL = '.rk-call-view [data-rk-control="mic"]';
const HANG_UP = '.rk-call-view [data-rk-control="hangup"]';
const CLOSE = '.rk-call-view [data-rk-action="dismiss"]';

/** Alice video-calls Bob with Tab and Enter; Bob's dialog takes focus; Tab, Tab, Space accepts. */
async function callAndAcceptByKeyboard(demoUrl: string) {
  const session = await startSession(demo.browser, demoUrl);
  const alice = await session.open('alice', { contacts: ['bob'] });
  const bob = await session.open('bob', { contacts: ['alice'] });

  await tabTo(alice.page, VIDEO_CALL_BOB);
  await alice.page.keyboard.press('Enter');
  await incomingDialog(bob.page).waitFor({ timeout: 15_000 });
  await expectFocus(bob.page, '[role="alertdialog"] [data-rk-action="decline"]');
  await bob.page.keyboard.press('Tab');
  await expectFocus(bob.page, '[role="alertdialog"] [data-rk-action="accept-audio"]');
  await bob.page.keyboard.press('Tab');
  await expectFocus(bob.page, '[role="alertdialog"] [data-rk-action="accept"]');
  await bob.page.keyboard.press('Space');

  await expectFocus(bob.page, FIRST_CONTROL);
  await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
  await expectFocus(alice.page, `${VIDEO_CALL_BOB}[data-state="active"]`);
  return { alice, bob };
}

describe('a whole call by keyboard', () => {
  it('callee hangs up in the call view: focus goes to Close on his side, stays on the call button on hers; Close returns it', async () => {
    const { alice, bob } = await callAndAcceptByKeyboard(demo.site.url);

    await tabTo(bob.page, HANG_UP);
    await bob.page.keyboard.press('Enter');
    await expectStatus(bob.page, 'ended');
    await expectFocus(bob.page, CLOSE);
    await expectStatus(alice.page, 'ended');
    await expectFocus(alice.page, `${VIDEO_CALL_BOB}[data-state="idle"]`);

    // Nothing was focused on Bob's page when the call rang: focus goes to his call button for Alice.
    await bob.page.keyboard.press('Enter');
    await expectFocus(bob.page, CALL_BUTTON_FOR_ALICE);
    await bob.page.locator('.rk-call-view').waitFor({ state: 'detached', timeout: 5_000 });

    // Alice closes her ended call: focus returns to the button that started it.
    await tabTo(alice.page, CLOSE);
    await alice.page.keyboard.press('Enter');
    await expectFocus(alice.page, VIDEO_CALL_BOB);
    await alice.page.locator('.rk-call-view').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('caller hangs up with her call button: focus stays on it; his moves from the controls to Close, then to his call button', async () => {
    const { alice, bob } = await callAndAcceptByKeyboard(demo.site.url);

    await alice.page.keyboard.press('Enter');
    await expectStatus(alice.page, 'ended');
    await expectFocus(alice.page, `${VIDEO_CALL_BOB}[data-state="idle"]`);
    await expectStatus(bob.page, 'ended');
    await expectFocus(bob.page, CLOSE);

    await bob.page.keyboard.press('Space');
    await expectFocus(bob.page, CALL_BUTTON_FOR_ALICE);
  });
});
