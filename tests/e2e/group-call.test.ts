import { describe, expect, it } from 'vitest';
import { answer, expectStatus } from '../helpers/e2e-demo.js';
import { expectRemoteAudioEnergy, expectRemoteVideoPlaying } from '../helpers/e2e-media.js';
import { startSession } from '../helpers/e2e-session.js';
import { setUpDemoSuite } from '../helpers/e2e-suite.js';

const demo = setUpDemoSuite();

describe('a group call with three people', () => {
  it('lets everyone see and hear the two others; when one leaves, the other two continue', async () => {
    const session = await startSession(demo.browser, demo.site.url);
    const alice = await session.open('alice', { contacts: ['bob', 'carol'] });
    const bob = await session.open('bob', { contacts: ['alice', 'carol'] });
    const carol = await session.open('carol', { contacts: ['alice', 'bob'] });
    const everyone = [alice, bob, carol];

    await alice.page.locator('.demo__group button.rk-call-button').click();
    await Promise.all([answer(bob.page, 'accept'), answer(carol.page, 'accept')]);
    await Promise.all(everyone.map((user) => expectStatus(user.page, 'active')));
    for (const user of everyone) await expectRemoteVideoPlaying(user.page, { tracks: 2, timeoutMs: 30_000 });
    for (const user of everyone) await expectRemoteAudioEnergy(user.page, { tracks: 2, timeoutMs: 30_000 });

    await carol.page.locator('.demo__leave').click();
    await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
    await carol.page.locator('[data-testid="call-state"][data-status="ended"]').waitFor({ timeout: 15_000 });
    for (const user of [alice, bob]) {
      await expect.poll(() => user.page.locator('.rk-call-view__remote').count(), { timeout: 15_000 }).toBe(1);
    }
    await Promise.all([expectRemoteVideoPlaying(alice.page), expectRemoteVideoPlaying(bob.page)]);
    await expectRemoteAudioEnergy(alice.page);
    await expectRemoteAudioEnergy(bob.page);
  });
});
