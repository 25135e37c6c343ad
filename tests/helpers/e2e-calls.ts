import type { E2EUser } from './e2e-browser.js';
import { answer, clickCallButton, expectStatus } from './e2e-demo.js';
import type { E2ESession } from './e2e-session.js';

/** Alice video-calls Bob on the demo and he accepts; resolves once both are active. */
export async function connectedVideoCall(session: E2ESession): Promise<[E2EUser, E2EUser]> {
  const alice = await session.open('alice', { contacts: ['bob'] });
  const bob = await session.open('bob', { contacts: ['alice'] });
  await clickCallButton(alice.page, 'bob', 'video');
  await answer(bob.page, 'accept');
  await Promise.all([expectStatus(alice.page, 'active'), expectStatus(bob.page, 'active')]);
  return [alice, bob];
}
