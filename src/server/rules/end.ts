/**
 * Ending a call or one member's part: cancel, hangup, leave, the ring timer,
 * and a device lost after its grace period.
 *
 * @packageDocumentation
 */
import type { ClientMessageOf, EndReason } from '../../protocol/protocol.js';
import { findMember, isPending, isPresent, type CallRecord } from '../call-record.js';
import { fail, ok, type Actor, type RulesContext } from './context.js';
import { decide, type ExitOptions } from './effects.js';
import { endCall, endUnlessViable, exitMember, expireRinging } from './transitions.js';
import { callsOf } from './user-calls.js';

/**
 * `cancel`: the caller withdraws a call nobody answered; everyone hears
 * `cancelled`. After an accept the cancel loses (`already-answered`).
 *
 * @example
 * ```ts
 * await cancel(context, actor, { type: 'cancel', id: 'r5', callId: 'c1' });
 * ```
 */
export async function cancel(context: RulesContext, actor: Actor, message: ClientMessageOf<'cancel'>): Promise<void> {
  const now = context.clock.now();
  const result = await decide(
    context,
    message.callId,
    (call) => {
      if (call.from !== actor.user) return { result: 'forbidden' as const };
      if (call.status === 'ended') return { result: 'call-ended' as const };
      if (call.status === 'active') return { result: 'already-answered' as const };
      return { next: endCall(call, 'cancelled', actor.user, now), result: 'cancelled' as const };
    },
    () => ({ by: actor.user }),
  );
  if (result === undefined) return fail(actor, message.id, 'not-found', 'no such call', message.callId);
  if (result === 'forbidden') return fail(actor, message.id, 'forbidden', 'only the caller can cancel', message.callId);
  if (result === 'call-ended') return fail(actor, message.id, 'call-ended', 'the call has ended', message.callId);
  if (result === 'already-answered') return fail(actor, message.id, 'already-answered', 'the call was answered', message.callId);
  ok(actor, message.id);
}

/** How a member's `hangup` or `leave` went. */
type PartResult = 'forbidden' | 'done' | 'declined' | 'cancelled' | 'completed' | 'left';

/**
 * The change of `hangup` (ends the call for everyone) or `leave` (only this
 * member; the call ends when fewer than two remain) by `user`. A ringing
 * callee declines; the caller of an unanswered call cancels.
 */
function partChange(call: CallRecord, user: string, kind: 'hangup' | 'leave', failure: EndReason | undefined, now: number): { next?: CallRecord; result: PartResult } {
  const me = findMember(call, user);
  if (!me) return { result: 'forbidden' };
  if (call.status === 'ended' || !isPresent(me)) return { result: 'done' };
  if (isPending(me)) return { next: endUnlessViable(exitMember(call, user, 'declined'), 'declined', user, now), result: 'declined' };
  if (call.status === 'ringing') return { next: endCall(call, failure ?? 'cancelled', user, now), result: 'cancelled' };
  if (kind === 'hangup') return { next: endCall(call, failure ?? 'completed', user, now), result: 'completed' };
  return { next: endUnlessViable(exitMember(call, user, 'completed'), 'completed', user, now), result: 'left' };
}

/** Who hears what when `actor` ends their part: a ringing callee's other devices hear `declined-elsewhere`. */
function partExits(actor: Actor, result: PartResult): ExitOptions {
  return result === 'declined' ? { by: actor.user, actor: { user: actor.user, device: actor.device, elsewhere: 'declined-elsewhere' } } : { by: actor.user };
}

/**
 * `actor` ends their part in a call as `leave` does: a 1:1 call ends
 * `completed` (or `cancelled` when unanswered), a group call goes on without them.
 *
 * @example
 * ```ts
 * await leaveCall(context, actor, 'c1'); // end and accept: the call before the one accepted
 * ```
 */
export async function leaveCall(context: RulesContext, actor: Actor, callId: string): Promise<PartResult | undefined> {
  const now = context.clock.now();
  return decide(
    context,
    callId,
    (call) => partChange(call, actor.user, 'leave', undefined, now),
    (result) => partExits(actor, result),
  );
}

/**
 * `hangup` (ends the call for everyone) or `leave` (only this member; the
 * call ends when fewer than two remain). A ringing callee declines; the
 * caller of an unanswered call cancels. Ending an ended call is a no-op.
 *
 * @example
 * ```ts
 * await hangup(context, actor, { type: 'hangup', id: 'r6', callId: 'c1' });
 * ```
 */
export async function hangup(
  context: RulesContext,
  actor: Actor,
  message: ClientMessageOf<'hangup'> | ClientMessageOf<'leave'>,
): Promise<void> {
  const now = context.clock.now();
  const failure = message.type === 'hangup' ? message.reason : undefined;
  const result = await decide(
    context,
    message.callId,
    (call) => partChange(call, actor.user, message.type, failure, now),
    (result) => partExits(actor, result),
  );
  if (result === undefined) return fail(actor, message.id, 'not-found', 'no such call', message.callId);
  if (result === 'forbidden') return fail(actor, message.id, 'forbidden', 'you are not in this call', message.callId);
  ok(actor, message.id);
}

/**
 * The ring timer of a call fired: callees still ringing past their deadline
 * leave with `no-answer` (a missed call); the call ends if nobody is left to talk to.
 *
 * @example
 * ```ts
 * await expireRing(context, 'c1');
 * ```
 */
export async function expireRing(context: RulesContext, callId: string): Promise<void> {
  const now = context.clock.now();
  await decide(
    context,
    callId,
    (call) => {
      const next = expireRinging(call, now);
      return next === call ? { result: false } : { next, result: true };
    },
    () => ({ by: null }),
  );
}

/**
 * A device's grace period ran out: every call it took part in (held ones
 * too) loses that member with `reason` (`connection-lost`), and ends if that leaves too few.
 * A callee still ringing whose last device this was leaves with `offline`.
 *
 * @example
 * ```ts
 * await loseDevice(context, 'alice', 'k3f9x2', 'connection-lost');
 * ```
 */
export async function loseDevice(context: RulesContext, user: string, device: string, reason: EndReason): Promise<void> {
  const calls = await callsOf(context, user);
  if (calls.length === 0) return;
  const now = context.clock.now();
  const unreachable = (await context.store.listDevices(user)).length === 0;
  for (const { callId } of calls) {
    await decide(
      context,
      callId,
      (call) => {
        const me = findMember(call, user);
        if (call.status === 'ended' || !me || !isPresent(me)) return { result: false };
        if (isPending(me)) {
          // A callee whose last device dropped while ringing cannot answer any more (unless a push is out).
          if (!unreachable || me.pushed) return { result: false };
          return { next: endUnlessViable(exitMember(call, user, 'offline'), 'offline', user, now), result: true };
        }
        if (me.device !== device) return { result: false };
        return { next: endUnlessViable(exitMember(call, user, reason), reason, user, now), result: true };
      },
      () => ({ by: user }),
    );
  }
}
