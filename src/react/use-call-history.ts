'use client';
/**
 * Call history and missed calls.
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useRef } from 'react';
import type { HistoryEntry } from '../protocol/protocol.js';
import type { MissedCall, RingClient } from '../core/ring-client.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/**
 * Options of {@link useCallHistory}.
 *
 * @example
 * ```tsx
 * useCallHistory({ limit: 20, onMissed: (m) => notify(m.call.from) });
 * ```
 */
export interface UseCallHistoryOptions {
  /** How many entries to fetch (1 to 100, default 100). */
  limit?: number;
  /** Called when a call rings here and stops unanswered. */
  onMissed?: (missed: MissedCall) => void;
  /** An explicit client (default: the provider's). */
  client?: RingClient;
}

/**
 * What {@link useCallHistory} returns.
 *
 * @example
 * ```tsx
 * const { history, missed, refresh } = useCallHistory();
 * ```
 */
export interface UseCallHistoryResult {
  /** This user's calls, newest first, as the server recorded them (on every device). */
  history: readonly HistoryEntry[];
  /** Calls missed on this device since the client started, newest first. */
  missed: readonly MissedCall[];
  /** Fetch the history again. */
  refresh(): Promise<readonly HistoryEntry[]>;
}

/**
 * The call history (fetched once connected, and again after each call ends
 * or is missed) and the missed calls, with a callback for each missed call.
 *
 * @example
 * ```tsx
 * function Recents() {
 *   const { history } = useCallHistory({ onMissed: (m) => notify(`Missed call from ${m.call.from}`) });
 *   return <ul>{history.map((h) => <li key={h.callId} data-missed={h.missed}>{h.peers.join(', ')} · {h.reason}</li>)}</ul>;
 * }
 * ```
 */
export function useCallHistory(options: UseCallHistoryOptions = {}): UseCallHistoryResult {
  const ring = useRingClient(options.client);
  const history = useRingSelector((snapshot) => snapshot.history, ring);
  const missed = useRingSelector((snapshot) => snapshot.missed, ring);
  const connection = useRingSelector((snapshot) => snapshot.connection, ring);
  const { limit } = options;
  const onMissed = useRef(options.onMissed);
  useEffect(() => {
    onMissed.current = options.onMissed;
  });

  const refresh = useCallback(() => {
    const promise = ring.history(limit);
    promise.catch(() => undefined); // also stored on the client's `error`
    return promise;
  }, [ring, limit]);

  useEffect(() => {
    if (connection === 'connected') void refresh().catch(() => undefined);
  }, [connection, refresh]);

  useEffect(() => {
    const stopEnded = ring.on('ended', () => void refresh().catch(() => undefined));
    const stopMissed = ring.on('missed', (entry) => {
      onMissed.current?.(entry);
      void refresh().catch(() => undefined);
    });
    return () => {
      stopEnded();
      stopMissed();
    };
  }, [ring, refresh]);

  return { history, missed, refresh };
}
