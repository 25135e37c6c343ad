'use client';
/**
 * A once-a-second clock for durations.
 *
 * @packageDocumentation
 */
import { useCallback, useSyncExternalStore } from 'react';

/**
 * Milliseconds since `since` (ms since epoch), updated every second; 0 when `since` is undefined.
 * Stops at `until` when given (an ended call).
 *
 * @example
 * ```tsx
 * const ms = useElapsed(call.answeredAt, call.endedAt);
 * return <time>{formatDuration(ms)}</time>;
 * ```
 */
export function useElapsed(since: number | undefined, until?: number): number {
  const ticking = since !== undefined && until === undefined;
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!ticking) return () => undefined;
      const timer = setInterval(listener, 1000);
      return () => clearInterval(timer);
    },
    [ticking],
  );
  const getSnapshot = useCallback(() => {
    if (since === undefined) return 0;
    const end = until ?? Date.now();
    return Math.max(0, Math.floor((end - since) / 1000) * 1000);
  }, [since, until]);
  return useSyncExternalStore(subscribe, getSnapshot, () => 0);
}
