/**
 * Whether a ringing call is call waiting: it rings while this user is in another call.
 *
 * @packageDocumentation
 */
import type { RingClientSnapshot } from '../core/ring-client.js';

/**
 * Whether the call `callId` rings as call waiting: the server said so (this user is in a call,
 * maybe on another device), or this device has another call placed, answered or on hold.
 *
 * @example
 * ```ts
 * const waiting = isWaitingCall(client.getSnapshot(), callId);
 * ```
 *
 * @internal
 */
export function isWaitingCall(snapshot: Pick<RingClientSnapshot, 'calls'>, callId: string | undefined): boolean {
  if (callId === undefined) return false;
  return snapshot.calls.some((call) => (call.callId === callId ? call.waiting : call.status !== 'incoming'));
}
