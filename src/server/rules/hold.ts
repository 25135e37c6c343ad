/**
 * Hold and resume (call waiting): a member pauses a call without ending it,
 * and takes it back; resuming while in another call holds that one (swap).
 *
 * @packageDocumentation
 */
import type { ClientMessageOf, ErrorCode } from '../../protocol/protocol.js';
import { findMember, isHeldBy, type CallRecord } from '../call-record.js';
import { fail, ok, type Actor, type RulesContext } from './context.js';
import { claimFor, unclaim } from './engage.js';
import { refuseInCall, type Refusal } from './in-call.js';
import type { Change } from '../stores/store.js';
import { holdCall, resumeCall } from './transitions.js';
import { LOCK_BUSY, withUserLock } from './user-lock.js';

/** How a hold or resume went: done, nothing to do, or refused. */
export type HoldOutcome = 'done' | 'unchanged' | { code: ErrorCode; message: string };

const NOT_FOUND: Refusal = { code: 'not-found', message: 'no such call' };

/** Why `user` may not hold or resume `call`: they must be in it, and it must have been answered. */
function refuseHold(call: CallRecord | undefined, user: string): Refusal | undefined {
  const refusal = refuseInCall(call, user);
  if (refusal || !call) return refusal ?? NOT_FOUND;
  return findMember(call, user)?.state === 'joined' ? undefined : { code: 'invalid-state', message: 'the call has not been answered yet' };
}

/** Tell every device of every member in the call that `by` held or resumed it. */
function announce(context: RulesContext, call: CallRecord, type: 'held' | 'resumed', by: string): void {
  for (const member of call.members) {
    if (member.state === 'joined') context.deliver({ user: member.user }, { type, callId: call.callId, version: call.version, by, heldBy: [...(call.heldBy ?? [])] });
  }
}

/**
 * `user` puts `callId` on hold: every device of every member hears `held`,
 * and the user is no longer engaged in it (their claim is freed).
 *
 * @example
 * ```ts
 * const outcome = await holdIn(context, 'bob', 'c1'); // 'done' | 'unchanged' | { code, message }
 * ```
 */
export async function holdIn(context: RulesContext, user: string, callId: string): Promise<HoldOutcome> {
  const updated = await context.store.updateCall(callId, (call): Change<CallRecord, HoldOutcome> => {
    const refusal = refuseHold(call, user);
    if (refusal) return { result: refusal };
    if (isHeldBy(call, user)) return { result: 'unchanged' };
    return { next: holdCall(call, user), result: 'done' };
  });
  if (!updated) return NOT_FOUND;
  if (updated.result !== 'done') return updated.result;
  await context.store.releaseUser(user, callId);
  announce(context, updated.value, 'held', user);
  context.emit({ type: 'call.held', call: updated.value, user });
  return 'done';
}

/** Take `callId` off hold for `user`, holding the call they are engaged in first (swap). Runs under the user's lock. */
async function resumeIn(context: RulesContext, user: string, callId: string): Promise<HoldOutcome> {
  const current = await context.store.getCall(callId);
  const early = refuseHold(current, user);
  if (early) return early;
  if (current && !isHeldBy(current, user)) return 'unchanged';
  const engagement = await claimFor(context, user, callId, 'hold');
  if (engagement.kind === 'refused') return engagement;
  const updated = await context.store.updateCall(callId, (call): Change<CallRecord, HoldOutcome> => {
    const refusal = refuseHold(call, user);
    if (refusal) return { result: refusal };
    if (!isHeldBy(call, user)) return { result: 'unchanged' };
    return { next: resumeCall(call, user), result: 'done' };
  });
  if (updated?.result !== 'done') {
    await unclaim(context, user, callId, engagement.previous);
    return updated?.result ?? NOT_FOUND;
  }
  // One decision: the other call is held before anyone hears this one resumed.
  if (engagement.previous) await holdIn(context, user, engagement.previous.callId);
  announce(context, updated.value, 'resumed', user);
  context.emit({ type: 'call.resumed', call: updated.value, user });
  return 'done';
}

/** Answer a hold or resume request. */
function reply(actor: Actor, message: ClientMessageOf<'hold'> | ClientMessageOf<'resume'>, outcome: HoldOutcome | typeof LOCK_BUSY): void {
  if (outcome === LOCK_BUSY) return fail(actor, message.id, 'unavailable', 'another change of your calls is under way; try again', message.callId);
  if (typeof outcome === 'object') return fail(actor, message.id, outcome.code, outcome.message, message.callId);
  ok(actor, message.id);
}

/**
 * `hold`: put a call you are in on hold (see {@link holdIn}); holding a held call is a no-op `ok`.
 *
 * @example
 * ```ts
 * await hold(context, actor, { type: 'hold', id: 'r8', callId: 'c1' });
 * ```
 */
export async function hold(context: RulesContext, actor: Actor, message: ClientMessageOf<'hold'>): Promise<void> {
  reply(actor, message, await holdIn(context, actor.user, message.callId));
}

/**
 * `resume`: take a call you hold off hold; the call you are engaged in, if
 * any, is held first (swap). Every device of every member hears `resumed`.
 *
 * @example
 * ```ts
 * await resume(context, actor, { type: 'resume', id: 'r9', callId: 'c1' });
 * ```
 */
export async function resume(context: RulesContext, actor: Actor, message: ClientMessageOf<'resume'>): Promise<void> {
  reply(actor, message, await withUserLock(context, actor.user, () => resumeIn(context, actor.user, message.callId)));
}
