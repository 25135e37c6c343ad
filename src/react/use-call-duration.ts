'use client';
/**
 * How long the current call has been answered, ticking once a second.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { RingClient } from '../core/ring-client.js';
import { createCallClock, type CallClockSnapshot } from './call-clock.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient } from './use-ring-client.js';
import { useStoreSelector, type ExternalStore } from './use-store-selector.js';

/**
 * What {@link useCallDuration} returns.
 *
 * @example
 * ```tsx
 * const { formatted } = useCallDuration(); // '1:05'
 * ```
 */
export interface CallDuration {
  /** Whole seconds since the call was answered (frozen once it ends; 0 before). */
  seconds: number;
  /** `m:ss`, or `h:mm:ss` from one hour. */
  formatted: string;
  /** Whether the clock is running (answered and not ended). */
  running: boolean;
}

/**
 * Format seconds as `m:ss` or `h:mm:ss`.
 *
 * @example
 * ```ts
 * formatDuration(65); // '1:05'
 * formatDuration(3723); // '1:02:03'
 * ```
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The ring client's store with the current call's clock, for `client` (made once per client).
 *
 * @example
 * ```ts
 * const seconds = useStoreSelector(useCallClock(client), (clock) => clock.seconds);
 * ```
 *
 * @internal
 */
export function useCallClock(client: RingClient): Required<ExternalStore<CallClockSnapshot>> {
  return useMemo(() => createCallClock(client), [client]);
}

const selectDuration = ({ seconds, running }: CallClockSnapshot) => ({ seconds, running });

/**
 * The current call's duration. Re-renders once a second while the call is
 * answered, never otherwise; renders 0 on the server.
 *
 * @example
 * ```tsx
 * function Timer() {
 *   const { formatted, running } = useCallDuration();
 *   return running ? <time>{formatted}</time> : null;
 * }
 * ```
 */
export function useCallDuration(client?: RingClient): CallDuration {
  const { seconds, running } = useStoreSelector(useCallClock(useRingClient(client)), selectDuration, shallowEqual);
  return { seconds, formatted: formatDuration(seconds), running };
}
