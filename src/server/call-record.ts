/**
 * The stored shape of a call and its members, and how it is shown on the wire.
 *
 * @packageDocumentation
 */
import type { CallInfo, EndReason, Extra, Media, MemberState, Push } from '../protocol/protocol.js';

/**
 * One member of a stored call.
 *
 * @example
 * ```ts
 * const bob: MemberRecord = { user: 'bob', state: 'invited', media: 'video', ringUntil: now + 60_000 };
 * ```
 */
export interface MemberRecord {
  /** The member's user id. */
  user: string;
  /** Where the member stands: `calling` (caller before an answer), `invited`/`ringing` (pending callee), `joined`, or one of the exits. */
  state: MemberState;
  /** The member's media. */
  media: Media;
  /** The device that takes part (the caller's device, or the callee's winning device). Pending callees ring on all devices. */
  device?: string;
  /** When a pending callee stops ringing (epoch ms). */
  ringUntil?: number;
  /** A push notification was sent for this pending callee (the app withdraws it when the ring ends). */
  pushed?: boolean;
  /** When the member joined (epoch ms). */
  joinedAt?: number;
  /** Why the member's part ended (exits only). */
  reason?: EndReason;
  /** A custom decline reason (exits only: their own `reject`, or a call that ended with one). */
  detail?: string;
}

/**
 * A call as the store keeps it.
 *
 * @example
 * ```ts
 * const record = await store.getCall('c1');
 * if (record?.status === 'ringing') console.log(record.members.map((m) => m.state));
 * ```
 */
export interface CallRecord {
  callId: string;
  /** Grows by one with every stored change (the store sets it; a new call starts at 1). */
  version: number;
  /** The LiveKit room: the call id. */
  room: string;
  /** The caller's user id. */
  from: string;
  media: Media;
  extra?: Extra;
  push?: Push;
  status: 'ringing' | 'active' | 'ended';
  createdAt: number;
  answeredAt?: number;
  endedAt?: number;
  /** Why the call ended (ended calls only). */
  reason?: EndReason;
  /** Who ended it (`null`: the server). */
  endedBy?: string | null;
  /** The custom reason of the decline that ended it, if any. */
  detail?: string;
  /** The members holding the call (call waiting); absent when nobody does. */
  heldBy?: string[];
  members: MemberRecord[];
}

/** Member states of someone still in the call (pending or in it). */
const PRESENT_STATES: ReadonlySet<MemberState> = new Set(['calling', 'invited', 'ringing', 'joined']);

/**
 * True while the member is still part of the call (calling, ringing or joined).
 *
 * @example
 * ```ts
 * const remaining = call.members.filter(isPresent).length;
 * ```
 */
export function isPresent(member: MemberRecord): boolean {
  return PRESENT_STATES.has(member.state);
}

/**
 * True while the member is a callee who has not answered yet.
 *
 * @example
 * ```ts
 * const ringing = call.members.filter(isPending);
 * ```
 */
export function isPending(member: MemberRecord): boolean {
  return member.state === 'invited' || member.state === 'ringing';
}

/**
 * The member record of `user`, if they are a member.
 *
 * @example
 * ```ts
 * const me = findMember(call, 'alice');
 * ```
 */
export function findMember(call: CallRecord, user: string): MemberRecord | undefined {
  return call.members.find((member) => member.user === user);
}

/**
 * The words a member declined with: their own `reject` reason, shown to the
 * other members (not the words of a decline that ended the call for them).
 *
 * @example
 * ```ts
 * const words = declineWords(findMember(call, 'bob')); // 'In a meeting'
 * ```
 */
export function declineWords(member: MemberRecord | undefined): string | undefined {
  return member?.state === 'declined' ? member.detail : undefined;
}

/**
 * The wire view of a stored call.
 *
 * @example
 * ```ts
 * connection.send({ type: 'incoming', call: toCallInfo(record) });
 * ```
 */
export function toCallInfo(call: CallRecord): CallInfo {
  return {
    callId: call.callId,
    version: call.version,
    room: call.room,
    from: call.from,
    media: call.media,
    members: call.members.map((member) => {
      const detail = declineWords(member);
      return { user: member.user, state: member.state, media: member.media, ...(detail === undefined ? {} : { detail }) };
    }),
    ...(call.extra === undefined ? {} : { extra: call.extra }),
    status: call.status,
    createdAt: call.createdAt,
    ...(call.answeredAt === undefined ? {} : { answeredAt: call.answeredAt }),
    ...(call.heldBy?.length ? { heldBy: [...call.heldBy] } : {}),
  };
}

/**
 * True when `user` holds the call (call waiting).
 *
 * @example
 * ```ts
 * if (isHeldBy(call, 'bob')) console.log('bob put it on hold');
 * ```
 */
export function isHeldBy(call: CallRecord, user: string): boolean {
  return call.heldBy?.includes(user) ?? false;
}
