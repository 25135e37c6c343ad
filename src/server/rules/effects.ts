/**
 * What follows a decided change of a call: tell the people who left, free
 * their claims and index entries, write their history, withdraw pushes, move the ring timer.
 *
 * @packageDocumentation
 */
import type { EndReason, HistoryEntry } from '../../protocol/protocol.js';
import { declineWords, findMember, isPending, isPresent, toCallInfo, type CallRecord, type MemberRecord } from '../call-record.js';
import { broadcast, sendToMember, type RulesContext } from './context.js';
import { releasePair } from './glare.js';

/**
 * The history entry of one member's part in a call.
 *
 * @example
 * ```ts
 * await store.appendHistory('bob', historyEntry(call, member, now));
 * ```
 */
export function historyEntry(call: CallRecord, member: MemberRecord, endedAt: number): HistoryEntry {
  const incoming = member.user !== call.from;
  const joinedAt = member.joinedAt;
  return {
    callId: call.callId,
    direction: incoming ? 'incoming' : 'outgoing',
    peers: call.members.filter((other) => other.user !== member.user).map((other) => other.user),
    media: member.media,
    missed: incoming && member.state === 'missed',
    reason: member.reason ?? call.reason ?? 'failed',
    ...(member.detail === undefined ? {} : { detail: member.detail }),
    startedAt: call.createdAt,
    ...(joinedAt === undefined ? {} : { answeredAt: joinedAt }),
    endedAt,
    durationMs: joinedAt === undefined ? 0 : Math.max(0, endedAt - joinedAt),
  };
}

/** How {@link applyExits} tells people. */
export interface ExitOptions {
  /** Who caused it (`null`: the server). */
  by: string | null;
  /** Users not told at all (they never heard of the call: busy, offline). */
  silent?: ReadonlySet<string>;
  /** The member who acted on one device: that device hears the reason, their other devices hear `elsewhere`. */
  actor?: { user: string; device: string; elsewhere: EndReason };
}

/**
 * Carry out the consequences of `before` becoming `after` for every member
 * who left in between (and for the call, when it ended).
 *
 * @example
 * ```ts
 * const updated = await store.updateCall(callId, (call) => ({ next: endCall(call, 'cancelled', user, now), result: call }));
 * if (updated?.changed) await applyExits(context, updated.result, updated.value, { by: user });
 * ```
 */
export async function applyExits(context: RulesContext, before: CallRecord, after: CallRecord, options: ExitOptions): Promise<void> {
  const endedAt = after.endedAt ?? context.clock.now();
  const exits = before.members.flatMap((old) => {
    const member = findMember(after, old.user);
    return isPresent(old) && member && !isPresent(member) ? [{ old, member }] : [];
  });
  // The store writes go out together (one round trip on Redis, in order on its connection) and are awaited at the end.
  const writes: Promise<void>[] = [];
  for (const { old, member } of exits) {
    const reason = member.reason ?? 'failed';
    const ended = {
      type: 'ended',
      callId: after.callId,
      version: after.version,
      reason,
      by: options.by,
      ...(member.detail === undefined ? {} : { detail: member.detail }),
    } as const;
    if (options.actor?.user === old.user) {
      context.deliver({ user: old.user, device: options.actor.device }, ended);
      context.deliver({ user: old.user, exceptDevice: options.actor.device }, { ...ended, reason: options.actor.elsewhere });
    } else if (!options.silent?.has(old.user)) {
      sendToMember(context, old, ended);
    }
    writes.push(
      context.store.releaseUser(old.user, after.callId),
      context.store.unindexCall(after.callId, old.user),
      context.store.appendHistory(old.user, historyEntry(after, member, endedAt)),
    );
    if (member.state === 'missed' && member.user !== after.from) context.emit({ type: 'call.missed', call: after, user: member.user, reason });
    if (old.pushed && isPending(old)) {
      context.pushWithdraw(after, old.user);
      if (reason !== 'declined') {
        void context.unreachable({ call: toCallInfo(after), user: old.user, event: 'cancelled', ...(after.push ? { push: after.push } : {}) });
      }
    }
  }
  if (after.status === 'ended' && before.status !== 'ended') {
    const answeredAt = after.answeredAt;
    const durationMs = answeredAt === undefined ? 0 : Math.max(0, endedAt - answeredAt);
    context.emit({ type: 'call.ended', call: after, reason: after.reason ?? 'failed', by: options.by, durationMs, answered: answeredAt !== undefined });
    context.callEnded(after);
    writes.push(releasePair(context, after));
  } else {
    for (const { old, member } of exits) {
      context.log(`call ${after.callId} ${member.user} left ${member.reason ?? 'failed'}`);
      const detail = declineWords(member);
      const left = { type: 'left', callId: after.callId, version: after.version, user: member.user, reason: member.reason ?? 'failed' } as const;
      broadcast(context, after, detail === undefined ? left : { ...left, detail });
      if (member.reason === 'connection-lost' && old.device !== undefined && !isPending(old)) context.memberRemoved(after, old.user, old.device);
    }
  }
  writes.push(context.syncRingDeadline(after));
  await Promise.all(writes);
}

/**
 * Atomically change a call, then carry out the exits of the change (or just
 * re-sync the ring timer when nothing changed). Returns the decision, or
 * `undefined` when there is no such call.
 *
 * @example
 * ```ts
 * const result = await decide(context, 'c1', (call) => ({ next: endCall(call, 'completed', 'bob', now), result: true }), () => ({ by: 'bob' }));
 * ```
 */
export async function decide<R>(
  context: RulesContext,
  callId: string,
  change: (call: CallRecord) => { next?: CallRecord; result: R },
  options: (result: R) => ExitOptions,
): Promise<R | undefined> {
  let before: CallRecord | undefined;
  const updated = await context.store.updateCall(callId, (call) => {
    before = call;
    return change(call);
  });
  if (!updated) return undefined;
  if (updated.changed && before) await applyExits(context, before, updated.value, options(updated.result));
  else await context.syncRingDeadline(updated.value);
  return updated.result;
}
