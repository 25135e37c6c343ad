'use client';
/**
 * The calls ringing on this device.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { CallInfo } from '../protocol/protocol.js';
import type { AcceptOptions, RejectOptions, RingClient } from '../core/ring-client.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';
import { handled } from './handled.js';
import { isWaitingCall } from './waiting-call.js';

/**
 * What {@link useIncomingCall} returns.
 *
 * @example
 * ```tsx
 * const { call, calls, accept, reject } = useIncomingCall();
 * ```
 */
export interface UseIncomingCallResult {
  /** The oldest call ringing here, or null. */
  call: CallInfo | null;
  /** Every call ringing here, oldest first. */
  calls: readonly CallInfo[];
  /**
   * Whether `call` rings while this user is in another call (call waiting): answer it with
   * `accept({ active: 'hold' })` or `accept({ active: 'end' })`, or decline it (the caller hears busy).
   */
  waiting: boolean;
  /**
   * Answer `call` (video by default when it is a video call; `{ video: false }` answers audio-only).
   * Hangs up a current call first, or with `active: 'hold'` puts it on hold.
   */
  accept(options?: AcceptOptions): Promise<void>;
  /** Decline `call` on every device of this user (optionally with a reason: `'busy'`, `'declined'` or your words). */
  reject(options?: RejectOptions): Promise<void>;
  /** Stop ringing for `call` on this device only (it rings on elsewhere; see `snapshot.ignored`). */
  ignore(): Promise<void>;
  /** Answer a given ringing call. */
  acceptCall(callId: string, options?: AcceptOptions): Promise<void>;
  /** Decline a given ringing call. */
  rejectCall(callId: string, options?: RejectOptions): Promise<void>;
}

/**
 * The ringing call (if any) with accept and reject, and whether it is call waiting
 * (it rings during another call). Re-renders only when the set of ringing calls or
 * that flag changes, never while an active call updates.
 *
 * @example
 * ```tsx
 * function Ringer() {
 *   const { call, accept, reject } = useIncomingCall();
 *   if (!call) return null;
 *   return (
 *     <div role="alertdialog" aria-label={`Call from ${call.from}`}>
 *       <button onClick={() => reject()}>Decline</button>
 *       <button onClick={() => reject({ reason: "Can't talk, text me" })}>Text me</button>
 *       <button onClick={() => accept({ video: call.media === 'video' })}>Answer</button>
 *     </div>
 *   );
 * }
 * ```
 */
export function useIncomingCall(client?: RingClient): UseIncomingCallResult {
  const ring = useRingClient(client);
  const calls = useRingSelector((snapshot) => snapshot.incoming, ring);
  const call = calls[0] ?? null;
  const callId = call?.callId;
  const waiting = useRingSelector((snapshot) => isWaitingCall(snapshot, callId), ring);
  return useMemo(
    () => ({
      call,
      calls,
      waiting,
      accept: (options = {}) => handled(ring.accept(callId, options)),
      reject: (options) => handled(options === undefined ? ring.reject(callId) : ring.reject(callId, options)),
      ignore: () => handled(ring.ignore(callId)),
      acceptCall: (id, options = {}) => handled(ring.accept(id, options)),
      rejectCall: (id, options) => handled(options === undefined ? ring.reject(id) : ring.reject(id, options)),
    }),
    [ring, call, calls, callId, waiting],
  );
}
