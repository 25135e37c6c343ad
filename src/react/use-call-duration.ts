'use client';
/**
 * How long the current call has been answered, ticking once a second.
 *
 * @packageDocumentation
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { RingClient } from '../core/ring-client.js';
import { useRingSelector } from './use-ring-client.js';

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
  const answeredAt = useRingSelector((snapshot) => snapshot.call?.answeredAt, client);
  const endedAt = useRingSelector((snapshot) => snapshot.call?.endedAt, client);
  const running = answeredAt !== undefined && endedAt === undefined;
  const subscribe = useCallback(
    (tick: () => void) => {
      if (!running) return () => undefined;
      const timer = setInterval(tick, 1000);
      return () => clearInterval(timer);
    },
    [running],
  );
  const read = () => (answeredAt === undefined ? 0 : Math.max(0, Math.floor(((endedAt ?? Date.now()) - answeredAt) / 1000)));
  const seconds = useSyncExternalStore(subscribe, read, () => 0);
  return { seconds, formatted: formatDuration(seconds), running };
}
