'use client';
/**
 * The current call's statistics.
 *
 * @packageDocumentation
 */
import type { CallStats } from '../core/media/types.js';
import type { RingClient } from '../core/ring-client.js';
import { useRingSelector } from './use-ring-client.js';

/**
 * The latest statistics sample of the current call (round-trip time,
 * bitrates, packet loss, resolution), or null before the first sample.
 * Re-renders only when a new sample arrives.
 *
 * @example
 * ```tsx
 * function Stats() {
 *   const stats = useCallStats();
 *   if (!stats) return null;
 *   return <small>{stats.rttMs} ms · {Math.round((stats.receiveBitrate ?? 0) / 1000)} kbit/s</small>;
 * }
 * ```
 */
export function useCallStats(client?: RingClient): CallStats | null {
  return useRingSelector((snapshot) => snapshot.media?.stats ?? null, client);
}
