/**
 * `invite`: start a call, ring every device of every callee that can ring,
 * and turn glare (both sides calling each other) into one connected call.
 *
 * @packageDocumentation
 */
import type { ClientMessageOf, EndReason, Media } from '../../protocol/protocol.js';
import { toCallInfo, type CallRecord, type MemberRecord } from '../call-record.js';
import { answerAsActive } from './answer.js';
import { secondsSince } from '../events/call-event.js';
import { fail, type Actor, type RulesContext } from './context.js';
import { applyExits } from './effects.js';
import { claimPair, isGlare } from './glare.js';
import { claimUser, reach } from './reach.js';
import { endUnlessViable, exitMember } from './transitions.js';
import { LOCK_BUSY, withUserLock } from './user-lock.js';

/** Who among `callees` can ring, who got a push, who is in another call, and why the others cannot. */
export interface Reachability {
  ringing: string[];
  pushed: Set<string>;
  /** Callees who ring while in another call (call waiting). */
  waiting: Set<string>;
  unavailable: Map<string, EndReason>;
  /** Mutual glare decided against this call: answer this one instead. */
  yieldTo?: CallRecord;
}

/**
 * Check every callee of `call` (see {@link reach}); invites also settle mutual glare.
 *
 * @example
 * ```ts
 * const { ringing, unavailable } = await reachAll(context, call, ['bob', 'carol']);
 * ```
 */
export async function reachAll(
  context: RulesContext,
  call: CallRecord,
  callees: readonly string[],
  settleGlare = false,
): Promise<Reachability> {
  const result: Reachability = { ringing: [], pushed: new Set(), waiting: new Set(), unavailable: new Map() };
  const outcomes = await Promise.all(callees.map((callee) => reach(context, call, callee, settleGlare)));
  for (const [index, callee] of callees.entries()) {
    const outcome = outcomes[index] ?? 'failed';
    if (typeof outcome === 'string') result.unavailable.set(callee, outcome);
    else if ('yieldTo' in outcome) result.yieldTo = outcome.yieldTo;
    else {
      if (outcome.devices) result.ringing.push(callee);
      if (outcome.pushed) result.pushed.add(callee);
      if (outcome.waiting) result.waiting.add(callee);
    }
  }
  return result;
}

/**
 * Ring the callees who can ring on their devices: `incoming`, with `waiting` for those in another call.
 *
 * @example
 * ```ts
 * ringDevices(context, call, reachability);
 * ```
 */
export function ringDevices(context: RulesContext, call: CallRecord, reachability: Reachability): void {
  for (const callee of reachability.ringing) context.deliver({ user: callee }, context.incoming(call, reachability.waiting.has(callee)));
}

/**
 * Apply a reachability check to a call: mark pushed callees, let the
 * unavailable ones leave with their reason, end the call if nobody can ring.
 *
 * @example
 * ```ts
 * const next = settleReach(call, reachability, now);
 * ```
 */
export function settleReach(call: CallRecord, reachability: Reachability, now: number): CallRecord {
  const marked = {
    ...call,
    members: call.members.map((member) => (reachability.pushed.has(member.user) ? { ...member, pushed: true } : member)),
  };
  let next = marked;
  for (const [user, reason] of reachability.unavailable) next = exitMember(next, user, reason);
  const lastReason = [...reachability.unavailable.values()].at(-1) ?? 'failed';
  return endUnlessViable(next, lastReason, null, now);
}

/**
 * A new pending callee record.
 *
 * @example
 * ```ts
 * const bob = invitee('bob', 'video', now + 60_000);
 * ```
 */
export function invitee(user: string, media: Media, ringUntil: number): MemberRecord {
  return { user, state: 'invited', media, ringUntil };
}

/** Answer the other side's ringing call instead of starting a second one. */
async function joinByGlare(context: RulesContext, actor: Actor, message: ClientMessageOf<'invite'>, held: CallRecord): Promise<void> {
  const outcome = await answerAsActive(context, actor, held.callId, message.media);
  if (outcome.kind === 'refused') return fail(actor, message.id, 'already-in-call', 'you are already in a call', held.callId);
  context.log(`call ${held.callId} glare: ${actor.user}'s call ${message.callId} joined it`);
  const livekit = outcome.livekit ? { livekit: outcome.livekit } : {};
  actor.send({ type: 'invited', replyTo: message.id, call: toCallInfo(outcome.call), ...livekit });
  // The grant is in the reply; `accepted` only tells this device's call that it joined.
  actor.send({ type: 'accepted', callId: held.callId, version: outcome.call.version, by: actor.user, media: message.media });
}

/**
 * Handle `invite`. Every device of every reachable callee gets `incoming`,
 * then the caller is answered with `invited` (the stored call and its LiveKit
 * grant; a callee's `incoming`, and even its `ringing`, may reach clients first),
 * unreachable callees leave with `busy`, `offline` or `do-not-disturb`, and
 * the call ends at once with that reason when nobody can ring.
 *
 * @example
 * ```ts
 * await invite(context, actor, { type: 'invite', id: 'r1', callId: 'c1', to: ['bob'], media: 'video' });
 * ```
 */
export async function invite(context: RulesContext, actor: Actor, message: ClientMessageOf<'invite'>): Promise<void> {
  const { store, clock } = context;
  const callees = [...new Set(message.to)];
  if (callees.includes(actor.user)) return fail(actor, message.id, 'bad-message', 'you cannot call yourself', message.callId);
  const callee = callees.length === 1 ? callees[0] : undefined;

  const now = clock.now();
  const record: CallRecord = {
    callId: message.callId,
    version: 1,
    room: message.callId,
    from: actor.user,
    media: message.media,
    ...(message.extra === undefined ? {} : { extra: message.extra }),
    ...(message.push === undefined ? {} : { push: message.push }),
    status: 'ringing',
    createdAt: now,
    members: [
      { user: actor.user, state: 'calling', media: message.media, device: actor.device },
      ...callees.map((callee) => invitee(callee, message.media, now + context.ringTimeoutMs)),
    ],
  };
  if (!(await store.createCall(record))) return fail(actor, message.id, 'invalid-state', 'this call id is already used', message.callId);
  const held = await withUserLock(context, actor.user, () => claimUser(context, actor.user, message.callId));
  if (held === LOCK_BUSY) {
    await store.deleteCall(message.callId);
    return fail(actor, message.id, 'unavailable', 'another change of your calls is under way; try again', message.callId);
  }
  if (held) {
    await store.deleteCall(message.callId);
    if (held.call && callee !== undefined && isGlare(held.call, actor.user, callee)) return joinByGlare(context, actor, message, held.call);
    return fail(actor, message.id, 'already-in-call', 'you are already in a call', held.callId);
  }
  const theirs = context.callWaiting && callee !== undefined ? await claimPair(context, record, callee) : undefined;
  if (theirs) {
    await store.releaseUser(actor.user, message.callId);
    await store.deleteCall(message.callId);
    return joinByGlare(context, actor, message, theirs);
  }

  const [reachability] = await Promise.all([
    reachAll(context, record, callees, true),
    context.syncRingDeadline(record),
    store.indexCall(message.callId, [actor.user, ...callees]),
  ]);
  if (reachability.yieldTo) {
    context.log(`call ${message.callId} yields to ${reachability.yieldTo.callId} (simultaneous invites)`);
    await store.claimUser(actor.user, reachability.yieldTo.callId, message.callId);
    await store.deleteCall(message.callId);
    return joinByGlare(context, actor, message, reachability.yieldTo);
  }
  let before: CallRecord = record;
  const updated = await store.updateCall(message.callId, (call) => {
    before = call;
    return { next: settleReach(call, reachability, now), result: undefined };
  });
  const call = updated?.value ?? settleReach(record, reachability, now);
  // Ring first: nothing slow (the caller's token) stands before `incoming`, so a callee may hear of the call before its caller.
  ringDevices(context, call, reachability);
  const ringLatency = reachability.ringing.length > 0 ? secondsSince(actor.receivedAt) : undefined;
  context.emit({ type: 'call.invited', call, by: actor.user, invitees: callees, newCall: true, ringing: reachability.ringing, ...(ringLatency === undefined ? {} : { ringLatency }) });
  const livekit = call.status === 'ended' ? undefined : await context.grant(call, actor.user, actor.device);
  actor.send({ type: 'invited', replyTo: message.id, call: toCallInfo(call), ...(livekit ? { livekit } : {}) });
  await applyExits(context, before, call, { by: null, silent: new Set(reachability.unavailable.keys()) });
}
