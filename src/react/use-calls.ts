'use client';
/**
 * Every live call of this device (call waiting): the one in progress, those on hold,
 * those ringing meanwhile.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { CurrentCall, RingClient } from '../core/ring-client.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';
import { handled } from './handled.js';

/**
 * What {@link useCalls} returns.
 *
 * @example
 * ```tsx
 * const { calls, active, held, resume }: UseCallsResult = useCalls();
 * ```
 */
export interface UseCallsResult {
  /** Every live call of this device, oldest first (ringing, in progress, on hold). */
  calls: readonly CurrentCall[];
  /** The call this device talks in now (placed or answered, not on hold by this user), or null. */
  active: CurrentCall | null;
  /** The calls this user put on hold, oldest first. */
  held: readonly CurrentCall[];
  /** Put a call on hold (default: the current one). */
  hold(callId?: string): Promise<void>;
  /** Take a call off hold (default: the oldest held one); the active call goes on hold (swap). */
  resume(callId?: string): Promise<void>;
}

/**
 * Whether this user put the call on hold.
 *
 * @example
 * ```ts
 * calls.filter(isHeldByMe);
 * ```
 *
 * @internal
 */
export function isHeldByMe(call: CurrentCall): boolean {
  return call.status === 'held' && call.heldBy.includes(call.self);
}

/**
 * Every live call of this device. Re-renders only when one of them changes.
 *
 * @example
 * ```tsx
 * function HeldList() {
 *   const { held, resume } = useCalls();
 *   return held.map((call) => (
 *     <button key={call.callId} onClick={() => resume(call.callId)}>Resume {call.peers.join(', ')}</button>
 *   ));
 * }
 * ```
 */
export function useCalls(client?: RingClient): UseCallsResult {
  const ring = useRingClient(client);
  const calls = useRingSelector((snapshot) => snapshot.calls, ring);
  return useMemo(() => {
    const held = calls.filter(isHeldByMe);
    return {
      calls,
      active: calls.find((call) => call.status !== 'incoming' && !isHeldByMe(call)) ?? null,
      held,
      hold: (callId) => handled(ring.hold(callId)),
      resume: (callId) => handled(ring.resume(callId)),
    };
  }, [ring, calls]);
}
