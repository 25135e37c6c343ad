/**
 * A callee's answers: ack (it rings), accept (first wins), reject.
 *
 * @packageDocumentation
 */
import type { ClientMessageOf, EndReason, ErrorCode, LiveKitGrant, Media } from '../../protocol/protocol.js';
import { declineOf } from '../../protocol/wire.js';
import { findMember, isPending, toCallInfo, type CallRecord } from '../call-record.js';
import { secondsSince } from '../events/call-event.js';
import { broadcast, fail, ok, type Actor, type RulesContext } from './context.js';
import { decide } from './effects.js';
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
    const me = findMember(call, actor.user);
    if (!me) return { result: 'forbidden' as const };
    if (call.status === 'ended') return { result: 'call-ended' as const };
    if (me.state === 'joined') return { result: 'already-answered' as const };
    if (!isPending(me)) return { result: 'invalid-state' as const };
    wasPushed = me.pushed === true;
    return { next: joinMember(call, actor.user, actor.device, media, now), result: 'accepted' as const };
  });
  if (!updated) return { kind: 'refused', code: 'not-found', message: 'no such call' };
  const call = updated.value;
  switch (updated.result) {
    case 'forbidden':
      return { kind: 'refused', code: 'forbidden', message: 'you are not in this call' };
    case 'call-ended':
      return { kind: 'refused', code: 'call-ended', message: 'the call has ended', call };
    case 'already-answered':
      return { kind: 'refused', code: 'already-answered', message: 'the call was answered on another device', call };
    case 'invalid-state':
      return { kind: 'refused', code: 'invalid-state', message: 'you no longer ring in this call', call };
    case 'accepted':
      break;
  }
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
 * `accept`: answer, then reply `answered` to the winning device (the call and its grant) or refuse;
 * a device accepting an ended call also gets the `ended` it should show.
 *
 * @example
 * ```ts
 * await accept(context, actor, { type: 'accept', id: 'r3', callId: 'c1', media: 'video' });
 * ```
 */
export async function accept(context: RulesContext, actor: Actor, message: ClientMessageOf<'accept'>): Promise<void> {
  const outcome = await answer(context, actor, message.callId, message.media);
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
 *
 * @example
 * ```ts
 * await reject(context, actor, { type: 'reject', id: 'r4', callId: 'c1', reason: "I'm driving" });
 * ```
 */
export async function reject(context: RulesContext, actor: Actor, message: ClientMessageOf<'reject'>): Promise<void> {
  const now = context.clock.now();
  const { reason, detail } = declineOf(message.reason);
  const result = await decide(
    context,
    message.callId,
    (call) => {
      const me = findMember(call, actor.user);
      if (!me) return { result: 'forbidden' as const };
      if (call.status === 'ended') return { result: 'call-ended' as const };
      if (me.state === 'joined') return { result: 'already-answered' as const };
      if (!isPending(me)) return { result: 'done' as const };
      const declined = exitMember(call, actor.user, reason, { declined: true, ...(detail === undefined ? {} : { detail }) });
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
