/**
 * During a call: invite more people (`add`), switch media, relay custom messages.
 *
 * @packageDocumentation
 */
import type { ClientMessageOf } from '../../protocol/protocol.js';
import { findMember, isPending, isPresent, toCallInfo, type CallRecord } from '../call-record.js';
import { broadcast, fail, ok, type Actor, type RulesContext } from './context.js';
import { applyExits } from './effects.js';
import { invitee, reachAll, ringDevices, settleReach } from './invite.js';

/** Most members one call may have (the wire's limit). */
export const MAX_MEMBERS = 64;

/** Why a request about a call was refused. */
export interface Refusal {
  code: 'not-found' | 'forbidden' | 'call-ended' | 'invalid-state';
  message: string;
}

/**
 * Why `user` may not act in `call`, or undefined when they may (they are in it, not just ringing).
 *
 * @example
 * ```ts
 * const refusal = refuseInCall(call, 'bob');
 * if (refusal) return fail(actor, id, refusal.code, refusal.message, callId);
 * ```
 */
export function refuseInCall(call: CallRecord | undefined, user: string): Refusal | undefined {
  if (!call) return { code: 'not-found', message: 'no such call' };
  const me = findMember(call, user);
  if (!me) return { code: 'forbidden', message: 'you are not in this call' };
  if (call.status === 'ended') return { code: 'call-ended', message: 'the call has ended' };
  if (!isPresent(me) || isPending(me)) return { code: 'invalid-state', message: 'you are not in this call now' };
  return undefined;
}

/**
 * `add`: invite more people into a call (it becomes a group call). New
 * callees ring like in an invite; the members hear `updated`.
 *
 * @example
 * ```ts
 * await add(context, actor, { type: 'add', id: 'r7', callId: 'c1', to: ['carol'] });
 * ```
 */
export async function add(context: RulesContext, actor: Actor, message: ClientMessageOf<'add'>): Promise<void> {
  const { store, clock } = context;
  const current = await store.getCall(message.callId);
  const refusal = refuseInCall(current, actor.user);
  if (refusal || !current) return fail(actor, message.id, refusal?.code ?? 'not-found', refusal?.message ?? 'no such call', message.callId);
  const newcomers = [...new Set(message.to)].filter((user) => {
    const member = findMember(current, user);
    return !member || !isPresent(member);
  });
  if (newcomers.length === 0) return ok(actor, message.id);
  const known = new Set(current.members.map((member) => member.user));
  if (known.size + newcomers.filter((user) => !known.has(user)).length > MAX_MEMBERS) {
    return fail(actor, message.id, 'invalid-state', `a call has at most ${MAX_MEMBERS} members`, message.callId);
  }

  const now = clock.now();
  const reachability = await reachAll(context, current, newcomers);
  let before: CallRecord | undefined;
  const updated = await store.updateCall(message.callId, (call) => {
    if (call.status === 'ended') return { result: false };
    const added = newcomers.map((user) => invitee(user, call.media, now + context.ringTimeoutMs));
    before = { ...call, members: [...call.members.filter((member) => !newcomers.includes(member.user)), ...added] };
    return { next: settleReach(before, reachability, now), result: true };
  });
  if (!updated?.result || !before) {
    await Promise.all(newcomers.map((user) => store.releaseUser(user, message.callId)));
    return fail(actor, message.id, 'call-ended', 'the call has ended', message.callId);
  }
  const call = updated.value;
  await store.indexCall(call.callId, newcomers);
  broadcast(context, current, { type: 'updated', call: toCallInfo(call) });
  ringDevices(context, call, reachability);
  context.emit({ type: 'call.invited', call, by: actor.user, invitees: newcomers, newCall: false, ringing: reachability.ringing });
  await applyExits(context, before, call, { by: null, silent: new Set(reachability.unavailable.keys()) });
  ok(actor, message.id);
}

/**
 * `media`: a member switches between audio and video; the others hear `updated`.
 *
 * @example
 * ```ts
 * await switchMedia(context, actor, { type: 'media', id: 'r8', callId: 'c1', media: 'audio' });
 * ```
 */
export async function switchMedia(context: RulesContext, actor: Actor, message: ClientMessageOf<'media'>): Promise<void> {
  const updated = await context.store.updateCall(message.callId, (call) => {
    const refusal = refuseInCall(call, actor.user);
    if (refusal) return { result: refusal };
    const members = call.members.map((member) => (member.user === actor.user ? { ...member, media: message.media } : member));
    return { next: { ...call, members }, result: undefined };
  });
  if (!updated) return fail(actor, message.id, 'not-found', 'no such call', message.callId);
  if (updated.result) return fail(actor, message.id, updated.result.code, updated.result.message, message.callId);
  context.log(`call ${message.callId} ${actor.user} media ${message.media}`);
  broadcast(context, updated.value, { type: 'updated', call: toCallInfo(updated.value) }, actor.user);
  ok(actor, message.id);
}

/**
 * `message`: relay an app-defined message to the other members.
 *
 * @example
 * ```ts
 * await relayMessage(context, actor, { type: 'message', id: 'r9', callId: 'c1', kind: 'emoji', data: '👋' });
 * ```
 */
export async function relayMessage(context: RulesContext, actor: Actor, message: ClientMessageOf<'message'>): Promise<void> {
  const call = await context.store.getCall(message.callId);
  const refusal = refuseInCall(call, actor.user);
  if (refusal || !call) return fail(actor, message.id, refusal?.code ?? 'not-found', refusal?.message ?? 'no such call', message.callId);
  broadcast(context, call, { type: 'message', callId: call.callId, from: actor.user, kind: message.kind, data: message.data }, actor.user);
  ok(actor, message.id);
}
