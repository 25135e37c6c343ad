/**
 * One change of a user's active call at a time: accepting, resuming and
 * placing a call each move the user's claim, and on a store shared by several
 * processes two such changes for one user (two devices, two processes) must
 * not interleave. Within one process the service's lane already serializes them.
 *
 * @packageDocumentation
 */
import { randomId } from '../ids.js';
import type { RulesContext } from './context.js';

/** How long a lock lasts if its holder dies before letting go (ms). */
const LOCK_LEASE_MS = 10_000;
/** How long to wait for a user's lock before giving up (ms). */
const LOCK_WAIT_MS = 5_000;

/** The user's lock could not be taken in time (another change of theirs is stuck). */
export const LOCK_BUSY = Symbol('lock-busy');

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Run `task` holding `user`'s lock; {@link LOCK_BUSY} when it stayed taken
 * for {@link LOCK_WAIT_MS}.
 *
 * @example
 * ```ts
 * const outcome = await withUserLock(context, 'bob', () => answer(context, actor, 'c2', 'video'));
 * if (outcome === LOCK_BUSY) return fail(actor, id, 'unavailable', 'try again', 'c2');
 * ```
 */
export async function withUserLock<T>(context: RulesContext, user: string, task: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const token = randomId(16);
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; !(await context.store.lockUser(user, token, LOCK_LEASE_MS)); attempt += 1) {
    if (Date.now() >= giveUpAt) return LOCK_BUSY;
    await pause(1 + Math.random() * Math.min(2 ** attempt, 20));
  }
  try {
    return await task();
  } finally {
    await context.store.unlockUser(user, token);
  }
}
