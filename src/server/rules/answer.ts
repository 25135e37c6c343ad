/**
 * A callee's answers: ack (it rings), accept (first wins), reject.
 *
 * @packageDocumentation
 */
import type { ActiveCallChoice, ClientMessageOf, EndReason, ErrorCode, LiveKitGrant, Media } from '../../protocol/protocol.js';
import { declineOf } from '../../protocol/wire.js';
import { findMember, isPending, toCallInfo, type CallRecord } from '../call-record.js';
import { secondsSince } from '../events/call-event.js';
import { broadcast, fail, ok, type Actor, type RulesContext } from './context.js';
import { decide } from './effects.js';
import { leaveCall } from './end.js';
import { claimFor, unclaim } from './engage.js';
import { holdIn } from './hold.js';
import { engagedCall } from './reach.js';
import { LOCK_BUSY, withUserLock } from './user-lock.js';
import { endUnlessViable, exitMember, joinMember } from './transitions.js';

/**
 * A device acknowledges an `incoming`: the callee moves to `ringing` and the
 * other members hear `ringing`.
 *
 * @example
 * ```ts
 * await ack(context, actor, { type: 'ack', id: 'r2', callId: 'c1' });
 * ```
 */
export async function ack(context: RulesContext, actor: Actor, message: ClientMessageOf<'ack'>): Promise<void> {
  const updated = await context.store.updateCall(message.callId, (call) => {
    const me = findMember(call, actor.user);
    if (!me) return { result: 'forbidden' as const };
    if (call.status === 'ended') return { result: 'ended' as const };
    if (me.state !== 'invited') return { result: 'unchanged' as const };
    return {
      next: { ...call, members: call.members.map((member) => (member === me ? { ...me, state: 'ringing' as const } : member)) },
      result: 'ringing' as const,
    };
  });
  if (!updated) return fail(actor, message.id, 'not-found', 'no such call', message.callId);
  if (updated.result === 'forbidden') return fail(actor, message.id, 'forbidden', 'you are not in this call', message.callId);
  if (updated.result === 'ended') return fail(actor, message.id, 'call-ended', 'the call has ended', message.callId);
  if (updated.result === 'ringing') {
    context.emit({ type: 'call.ringing', call: updated.value, user: actor.user });
    broadcast(context, updated.value, { type: 'ringing', callId: message.callId, version: updated.value.version, by: actor.user }, actor.user);
  }
  ok(actor, message.id);
}

/** How an answer went: accepted (with the winner's LiveKit grant) or refused with an error code. */
export type AnswerOutcome =
  | { kind: 'accepted'; call: CallRecord; livekit?: LiveKitGrant }
  | { kind: 'refused'; code: ErrorCode; message: string; call?: CallRecord };

/**
 * The reason a device should show for a call it can no longer act on.
 *
 * @example
 * ```ts
 * endedReasonFor(call, 'bob', 'k3f9x2'); // 'answered-elsewhere' when another device of bob joined
 * ```
 */
export function endedReasonFor(call: CallRecord, user: string, device: string): EndReason {
  const me = findMember(call, user);
  if (me?.state === 'declined') return 'declined-elsewhere';
  if (me?.device !== undefined && me.device !== device) return 'answered-elsewhere';
  return me?.reason ?? call.reason ?? 'failed';
}

const NOT_FOUND = { kind: 'refused', code: 'not-found', message: 'no such call' } as const;

/** Why `user` cannot answer `call`, or undefined while they ring in it. */
function refuseAnswer(call: CallRecord, user: string): Extract<AnswerOutcome, { kind: 'refused' }> | undefined {
  const me = findMember(call, user);
  if (!me) return { kind: 'refused', code: 'forbidden', message: 'you are not in this call' };
  if (call.status === 'ended') return { kind: 'refused', code: 'call-ended', message: 'the call has ended', call };
  if (me.state === 'joined') return { kind: 'refused', code: 'already-answered', message: 'the call was answered on another device', call };
  if (!isPending(me)) return { kind: 'refused', code: 'invalid-state', message: 'you no longer ring in this call', call };
  return undefined;
}

/**
 * Answer a call and make it the user's active one, holding their lock: with
 * call waiting the user may be engaged in another call, and `active` says
 * whether to hold it or end their part once this one is theirs (no `active`:
 * `already-in-call`). Nothing happens to the other call when this answer loses.
 *
 * @example
 * ```ts
 * const outcome = await answerAsActive(context, actor, 'c2', 'video', 'hold');
 * ```
 */
export async function answerAsActive(
  context: RulesContext,
  actor: Actor,
  callId: string,
  media: Media,
  active?: ActiveCallChoice,
): Promise<AnswerOutcome> {
  const outcome = await withUserLock(context, actor.user, async (): Promise<AnswerOutcome> => {
    const target = await context.store.getCall(callId);
    const refusal = target ? refuseAnswer(target, actor.user) : NOT_FOUND;
    if (refusal) return refusal;
    const engagement = await claimFor(context, actor.user, callId, active);
    if (engagement.kind === 'refused') return { ...engagement, ...(target ? { call: target } : {}) };
    const answered = await answer(context, actor, callId, media);
    if (answered.kind === 'refused') await unclaim(context, actor.user, callId, engagement.previous);
    else if (engagement.previous && active === 'hold') await holdIn(context, actor.user, engagement.previous.callId);
    else if (engagement.previous) await leaveCall(context, actor, engagement.previous.callId);
    return answered;
  });
  return outcome === LOCK_BUSY ? { kind: 'refused', code: 'unavailable', message: 'another change of your calls is under way; try again' } : outcome;
}

/**
 * Accept a ringing call on the actor's device. The first accept wins
 * atomically; the winner's other devices hear `answered-elsewhere`, the other
 * members `accepted`. The caller sends the winner its grant.
 *
 * @example
 * ```ts
 * const outcome = await answer(context, actor, 'c1', 'video');
 * if (outcome.kind === 'accepted') actor.send({ type: 'answered', replyTo: 'r3', call: toCallInfo(outcome.call), livekit: outcome.livekit });
 * ```
 */
export async function answer(context: RulesContext, actor: Actor, callId: string, media: Media): Promise<AnswerOutcome> {
  const now = context.clock.now();
  let wasPushed = false;
  let firstAnswer = false;
  const updated = await context.store.updateCall(callId, (call) => {
    firstAnswer = call.status === 'ringing';
    const refusal = refuseAnswer(call, actor.user);
    if (refusal) return { result: refusal };
    wasPushed = findMember(call, actor.user)?.pushed === true;
    return { next: joinMember(call, actor.user, actor.device, media, now), result: undefined };
  });
  if (!updated) return NOT_FOUND;
  const call = updated.value;
  if (updated.result) return updated.result;
  actor.holds?.(callId, call.version);
  if (wasPushed) context.pushWithdraw(call, actor.user);
  context.deliver({ user: actor.user, exceptDevice: actor.device }, { type: 'ended', callId, version: call.version, reason: 'answered-elsewhere', by: actor.user });
  broadcast(context, call, { type: 'accepted', callId, version: call.version, by: actor.user, media }, actor.user);
  const [livekit] = await Promise.all([context.grant(call, actor.user, actor.device), context.syncRingDeadline(call)]);
  const answerLatency = secondsSince(actor.receivedAt);
  context.emit({ type: 'call.answered', call, user: actor.user, device: actor.device, media, firstAnswer, ...(answerLatency === undefined ? {} : { answerLatency }) });
  return { kind: 'accepted', call, ...(livekit ? { livekit } : {}) };
}

/**
 * `accept`: answer (see {@link answerAsActive}), then reply `answered` to the winning device (the call
 * and its grant) or refuse; a device accepting an ended call also gets the `ended` it should show.
 *
 * @example
 * ```ts
 * await accept(context, actor, { type: 'accept', id: 'r3', callId: 'c1', media: 'video' });
 * ```
 */
export async function accept(context: RulesContext, actor: Actor, message: ClientMessageOf<'accept'>): Promise<void> {
  const outcome = await answerAsActive(context, actor, message.callId, message.media, message.active);
  if (outcome.kind === 'refused') {
    fail(actor, message.id, outcome.code, outcome.message, message.callId);
    if (outcome.code === 'call-ended' && outcome.call) {
      const reason = endedReasonFor(outcome.call, actor.user, actor.device);
      actor.send({ type: 'ended', callId: message.callId, version: outcome.call.version, reason, by: outcome.call.endedBy ?? null });
    }
    return;
  }
  actor.send({ type: 'answered', replyTo: message.id, call: toCallInfo(outcome.call), ...(outcome.livekit ? { livekit: outcome.livekit } : {}) });
}

/**
 * `reject`: the callee stops ringing on every device (`declined` here,
 * `declined-elsewhere` on the others); a 1:1 call ends `declined`, or `busy`
 * when that is the reason given; a custom reason travels as `detail`.
 * Declining with no reason while in another call (call waiting) is `busy`
 * too, and the callee's history records a missed call.
 *
 * @example
 * ```ts
 * await reject(context, actor, { type: 'reject', id: 'r4', callId: 'c1', reason: "I'm driving" });
 * ```
 */
export async function reject(context: RulesContext, actor: Actor, message: ClientMessageOf<'reject'>): Promise<void> {
  const now = context.clock.now();
  const engaged = message.reason === undefined ? await engagedCall(context, actor.user) : undefined;
  // Declining a waiting call with no reason is refusing as a busy person: the caller hears `busy`, the callee misses the call.
  const waitingDecline = engaged !== undefined && engaged.callId !== message.callId;
  const { reason, detail } = waitingDecline ? { reason: 'busy' as const, detail: undefined } : declineOf(message.reason);
  const result = await decide(
    context,
    message.callId,
    (call) => {
      const me = findMember(call, actor.user);
      if (!me) return { result: 'forbidden' as const };
      if (call.status === 'ended') return { result: 'call-ended' as const };
      if (me.state === 'joined') return { result: 'already-answered' as const };
      if (!isPending(me)) return { result: 'done' as const };
      const declined = exitMember(call, actor.user, reason, { declined: !waitingDecline, ...(detail === undefined ? {} : { detail }) });
      return { next: endUnlessViable(declined, reason, actor.user, now, detail), result: 'declined' as const };
    },
    () => ({ by: actor.user, actor: { user: actor.user, device: actor.device, elsewhere: 'declined-elsewhere' } }),
  );
  switch (result) {
    case undefined:
      return fail(actor, message.id, 'not-found', 'no such call', message.callId);
    case 'forbidden':
      return fail(actor, message.id, 'forbidden', 'you are not in this call', message.callId);
    case 'call-ended':
      return fail(actor, message.id, 'call-ended', 'the call has ended', message.callId);
    case 'already-answered':
      return fail(actor, message.id, 'already-answered', 'the call was answered', message.callId);
    default:
      return ok(actor, message.id);
  }
}
