/**
 * What every call rule needs: the store, the clock, delivery to devices, and
 * the app's hooks. The call service builds one context and hands it to the rules.
 *
 * @packageDocumentation
 */
import type { CallInfo, ErrorCode, LiveKitGrant, Push, ServerMessage, ServerMessageOf } from '../../protocol/protocol.js';
import { isPending, isPresent, type CallRecord, type MemberRecord } from '../call-record.js';
import type { Clock } from '../clock.js';
import type { CallEvent } from '../events/call-event.js';
import type { RingStore } from '../stores/store.js';

/**
 * Who a message goes to: one device, all devices of a user (optionally but
 * one), or every connection watching a user's presence.
 *
 * @example
 * ```ts
 * const target: DeliveryTarget = { user: 'bob', exceptDevice: 'k3f9x2' };
 * ```
 */
export type DeliveryTarget = { user: string; device?: string; exceptDevice?: string } | { watchersOf: string };

/**
 * The sender of a request: an authenticated user on one device.
 *
 * @example
 * ```ts
 * actor.send({ type: 'ok', replyTo: message.id });
 * ```
 */
export interface Actor {
  user: string;
  device: string;
  /** When the request arrived (`performance.now()`), for latency metrics. */
  receivedAt?: number;
  /** Send to the connection that made the request. */
  send(message: ServerMessage): void;
  /** This device now holds `callId` at `version` (its reply follows): older messages about the call are not sent to it meanwhile. */
  holds?(callId: string, version: number): void;
}

/**
 * What the `onUnreachable` hook hears: a callee with no connected device
 * (`invite`: push now, return true if you did), or the end of such a ring
 * (`cancelled`: withdraw the notification).
 *
 * @example
 * ```ts
 * const onUnreachable = ({ user, event, push }: UnreachableEvent) => event === 'invite' && sendPush(user, push);
 * ```
 */
export interface UnreachableEvent {
  call: CallInfo;
  user: string;
  event: 'invite' | 'cancelled';
  push?: Push;
}

/**
 * The services the call rules run on.
 *
 * @example
 * ```ts
 * await acceptCall(context, actor, message);
 * ```
 */
export interface RulesContext {
  store: RingStore;
  clock: Clock;
  ringTimeoutMs: number;
  /** Call waiting: an invite to a user in a call rings them (`incoming.waiting`) instead of answering `busy`. */
  callWaiting: boolean;
  /** The `incoming` message that rings a callee's devices for this call (`waiting`: the callee is in another call). */
  incoming(call: CallRecord, waiting?: boolean): ServerMessageOf<'incoming'>;
  /** LiveKit credentials for one device in one call. */
  grant(call: CallRecord, user: string, device: string): Promise<LiveKitGrant | undefined>;
  /** Send a message to devices, here or (through the relay) on other processes. */
  deliver(target: DeliveryTarget, message: ServerMessage): void;
  /** Point the call's ring timer at its earliest pending deadline, or clear it. */
  syncRingDeadline(call: CallRecord): Promise<void>;
  /** Ask the app to push to an unreachable callee; true when it did. */
  unreachable(event: UnreachableEvent): Promise<boolean>;
  /** Web Push (when configured): ring `user`'s subscriptions in the background; true when they have any. */
  pushRing(call: CallRecord, user: string): Promise<boolean>;
  /** Web Push: the ring of `user` ended; withdraw its notification. */
  pushWithdraw(call: CallRecord, user: string): void;
  /** The call has ended (room clean-up and the app's hook). */
  callEnded(call: CallRecord): void;
  /** The server removed a member who was in the call (connection lost) while it goes on: take their device out of the room. */
  memberRemoved(call: CallRecord, user: string, device: string): void;
  /** Report a decided change of a call (metrics, logs, webhooks). */
  emit(event: CallEvent): void;
  /** One line per call event. */
  log(line: string): void;
}

/**
 * Answer a request with an error.
 *
 * @example
 * ```ts
 * return fail(actor, message.id, 'forbidden', 'not a member of this call', message.callId);
 * ```
 */
export function fail(actor: Actor, replyTo: string, code: ErrorCode, message: string, callId?: string): void {
  actor.send({ type: 'error', code, message, replyTo, ...(callId === undefined ? {} : { callId }) });
}

/**
 * Answer a request with `ok`.
 *
 * @example
 * ```ts
 * ok(actor, message.id);
 * ```
 */
export function ok(actor: Actor, replyTo: string): void {
  actor.send({ type: 'ok', replyTo });
}

/**
 * Send to a member: to the device in the call, or to every device while the member still rings.
 *
 * @example
 * ```ts
 * sendToMember(context, member, { type: 'ended', callId, reason: 'completed', by: 'alice' });
 * ```
 */
export function sendToMember(context: RulesContext, member: MemberRecord, message: ServerMessage): void {
  const device = isPending(member) ? undefined : member.device;
  context.deliver(device === undefined ? { user: member.user } : { user: member.user, device }, message);
}

/**
 * Send to every member still in the call, except `exceptUser`.
 *
 * @example
 * ```ts
 * broadcast(context, call, { type: 'ringing', callId: call.callId, by: 'bob' }, 'bob');
 * ```
 */
export function broadcast(context: RulesContext, call: CallRecord, message: ServerMessage, exceptUser?: string): void {
  for (const member of call.members) {
    if (member.user !== exceptUser && isPresent(member)) sendToMember(context, member, message);
  }
}
