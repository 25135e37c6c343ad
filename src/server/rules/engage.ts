/**
 * Moving a user's claim (the one call they are engaged in) to another call:
 * accepting a call, or resuming a held one, while engaged elsewhere. Callers
 * hold the user's lock (see `withUserLock`), so the claim always points at a
 * call the user is part of while they do it.
 *
 * @packageDocumentation
 */
import type { ActiveCallChoice, ErrorCode } from '../../protocol/protocol.js';
import { findMember, type CallRecord } from '../call-record.js';
import type { RulesContext } from './context.js';
import { claimUser } from './reach.js';

/** The claim moved to the call (`previous`: the call the user was engaged in), or why it did not. */
export type Engagement =
  | { kind: 'engaged'; previous?: CallRecord }
  | { kind: 'refused'; code: ErrorCode; message: string };

/**
 * Claim `callId` for `user`. When they are engaged in another call, `choice`
 * says what will happen to it (the caller carries it out once the new call is
 * theirs): `hold` needs a call they are in, `end` also takes a call they place;
 * no choice refuses with `already-in-call`.
 *
 * @example
 * ```ts
 * const engagement = await claimFor(context, 'bob', 'c2', 'hold');
 * if (engagement.kind === 'engaged' && engagement.previous) console.log('bob will hold', engagement.previous.callId);
 * ```
 */
export async function claimFor(context: RulesContext, user: string, callId: string, choice?: ActiveCallChoice): Promise<Engagement> {
  const held = await claimUser(context, user, callId);
  if (!held) return { kind: 'engaged' };
  const previous = held.call;
  const state = previous && findMember(previous, user)?.state;
  if (!previous || !choice || (state !== 'joined' && state !== 'calling')) {
    return { kind: 'refused', code: 'already-in-call', message: 'you are in another call: accept with active "end" or "hold"' };
  }
  if (choice === 'hold' && state !== 'joined') {
    return { kind: 'refused', code: 'invalid-state', message: 'your other call has not been answered, so it cannot be held: end it instead' };
  }
  if ((await context.store.claimUser(user, callId, previous.callId)) !== undefined) {
    return { kind: 'refused', code: 'already-in-call', message: 'you are in another call' };
  }
  return { kind: 'engaged', previous };
}

/**
 * Give a claim back after the step it was taken for failed: to the call the
 * user was engaged in, or to nobody.
 *
 * @example
 * ```ts
 * if (outcome.kind === 'refused') await unclaim(context, 'bob', 'c2', engagement.previous);
 * ```
 */
export async function unclaim(context: RulesContext, user: string, callId: string, previous?: CallRecord): Promise<void> {
  if (previous) await context.store.claimUser(user, previous.callId, callId);
  else await context.store.releaseUser(user, callId);
}
