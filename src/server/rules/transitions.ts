/**
 * Pure changes of a call record. Each returns a new record and leaves its
 * input alone, so a store may run it again on a retry.
 *
 * @packageDocumentation
 */
import type { EndReason, Media } from '../../protocol/protocol.js';
import { isPending, isPresent, type CallRecord, type MemberRecord } from '../call-record.js';

/** A copy of `call` with `user`'s record replaced by `update(member)`. */
function withMember(call: CallRecord, user: string, update: (member: MemberRecord) => MemberRecord): CallRecord {
  return { ...call, members: call.members.map((member) => (member.user === user ? update(member) : member)) };
}

/**
 * How a member's part ended, beyond its reason.
 *
 * @example
 * ```ts
 * const how: ExitDetail = { declined: true, detail: "I'm driving" };
 * ```
 */
export interface ExitDetail {
  /** The callee declined themself (their `reject`), whatever the reason (`busy` too): not a missed call. */
  declined?: boolean;
  /** A custom decline reason. */
  detail?: string;
}

/** A member's record after their part ends for `reason`: pending callees are `declined` (own reject) or `missed`, others `left`. */
function exited(member: MemberRecord, reason: EndReason, how: ExitDetail = {}): MemberRecord {
  const { ringUntil: _ringUntil, ...rest } = member;
  const state = isPending(member) ? (how.declined || reason === 'declined' ? 'declined' : 'missed') : 'left';
  return { ...rest, state, reason, ...(how.detail === undefined ? {} : { detail: how.detail }) };
}

/**
 * `user` leaves the call (or stops ringing) for `reason`.
 *
 * @example
 * ```ts
 * const next = exitMember(call, 'bob', 'declined', { declined: true, detail: 'In a meeting' });
 * ```
 */
export function exitMember(call: CallRecord, user: string, reason: EndReason, how?: ExitDetail): CallRecord {
  return withoutHolder(withMember(call, user, (member) => (isPresent(member) ? exited(member, reason, how) : member)), user);
}

/** A copy of `call` where `user` no longer holds it. */
function withoutHolder(call: CallRecord, user: string): CallRecord {
  if (!call.heldBy?.includes(user)) return call;
  const { heldBy, ...rest } = call;
  const others = heldBy.filter((holder) => holder !== user);
  return others.length > 0 ? { ...rest, heldBy: others } : rest;
}

/**
 * `user` puts the call on hold (call waiting).
 *
 * @example
 * ```ts
 * const next = holdCall(call, 'bob');
 * ```
 */
export function holdCall(call: CallRecord, user: string): CallRecord {
  return call.heldBy?.includes(user) ? call : { ...call, heldBy: [...(call.heldBy ?? []), user] };
}

/**
 * `user` takes the call off hold.
 *
 * @example
 * ```ts
 * const next = resumeCall(call, 'bob');
 * ```
 */
export function resumeCall(call: CallRecord, user: string): CallRecord {
  return withoutHolder(call, user);
}

/**
 * The call ends for everyone still in it, with one reason and who ended it
 * (and a decline's custom reason as `detail`).
 *
 * @example
 * ```ts
 * const ended = endCall(call, 'cancelled', 'alice', clock.now());
 * ```
 */
export function endCall(call: CallRecord, reason: EndReason, by: string | null, now: number, detail?: string): CallRecord {
  return {
    ...call,
    status: 'ended',
    reason,
    endedBy: by,
    endedAt: now,
    ...(detail === undefined ? {} : { detail }),
    members: call.members.map((member) => (isPresent(member) ? exited(member, reason, { detail }) : member)),
  };
}

/**
 * A call goes on while two or more members remain and one of them is in it
 * (the caller or someone who joined), not only people still ringing.
 *
 * @example
 * ```ts
 * if (!isViable(next)) next = endCall(next, 'completed', user, now);
 * ```
 */
export function isViable(call: CallRecord): boolean {
  const present = call.members.filter(isPresent);
  return present.length >= 2 && present.some((member) => member.state === 'joined' || member.state === 'calling');
}

/**
 * End the call with `reason` unless it is still viable.
 *
 * @example
 * ```ts
 * const next = endUnlessViable(exitMember(call, 'bob', 'declined'), 'declined', 'bob', now);
 * ```
 */
export function endUnlessViable(call: CallRecord, reason: EndReason, by: string | null, now: number, detail?: string): CallRecord {
  return call.status !== 'ended' && !isViable(call) ? endCall(call, reason, by, now, detail) : call;
}

/**
 * A pending callee answers on `device`: they join, the caller joins, the call is active.
 *
 * @example
 * ```ts
 * const next = joinMember(call, 'bob', 'k3f9x2', 'audio', now);
 * ```
 */
export function joinMember(call: CallRecord, user: string, device: string, media: Media, now: number): CallRecord {
  const joined = withMember(call, user, (member) => {
    const { ringUntil: _ringUntil, pushed: _pushed, ...rest } = member;
    return { ...rest, state: 'joined', device, media, joinedAt: now };
  });
  return {
    ...joined,
    status: 'active',
    answeredAt: call.answeredAt ?? now,
    members: joined.members.map((member) =>
      member.state === 'calling' ? { ...member, state: 'joined', joinedAt: now } : member,
    ),
  };
}

/**
 * The earliest ring deadline among pending callees, if any still ring.
 *
 * @example
 * ```ts
 * const at = nextRingDeadline(call); // schedule the ring timer for it
 * ```
 */
export function nextRingDeadline(call: CallRecord): number | undefined {
  if (call.status === 'ended') return undefined;
  const deadlines = call.members.filter(isPending).map((member) => member.ringUntil ?? Infinity);
  const earliest = Math.min(...deadlines);
  return Number.isFinite(earliest) ? earliest : undefined;
}

/**
 * Pending callees whose ring time is over at `now` leave with `no-answer`;
 * the call ends when it is no longer viable.
 *
 * @example
 * ```ts
 * const next = expireRinging(call, clock.now());
 * ```
 */
export function expireRinging(call: CallRecord, now: number): CallRecord {
  const expired = call.members.filter((member) => isPending(member) && (member.ringUntil ?? Infinity) <= now);
  const next = expired.reduce((record, member) => exitMember(record, member.user, 'no-answer'), call);
  return endUnlessViable(next, 'no-answer', null, now);
}
