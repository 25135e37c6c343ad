'use client';
/**
 * This user's presence, and other users' presence.
 *
 * @packageDocumentation
 */
import { useEffect, useMemo } from 'react';
import type { PresenceStatus } from '../protocol/protocol.js';
import type { ConnectionStatus, RingClient, WatchedPresence } from '../core/ring-client.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/**
 * What {@link usePresence} returns.
 *
 * @example
 * ```tsx
 * const { users, status, setStatus } = usePresence({ watch: ['bob'] });
 * ```
 */
export interface UsePresenceResult {
  /** This user's presence. */
  status: PresenceStatus;
  /** Set this user's presence (do-not-disturb makes calls end with `do-not-disturb` for callers). */
  setStatus(status: PresenceStatus): Promise<void>;
  /** The watched users' presence (`undefined` until the server told). */
  users: Readonly<Record<string, WatchedPresence | undefined>>;
  /** The connection to the signaling server. */
  connection: ConnectionStatus;
}

/**
 * This user's presence, and — when `watch` names users — theirs, kept up to
 * date by the server (`available`, `do-not-disturb` or `offline`). The watch
 * list is sent whenever it changes and after every reconnection.
 *
 * @example
 * ```tsx
 * function Contacts({ ids }: { ids: string[] }) {
 *   const { users, status, setStatus } = usePresence({ watch: ids });
 *   return (
 *     <ul>
 *       {ids.map((id) => <li key={id} data-presence={users[id] ?? 'unknown'}>{id}</li>)}
 *       <button onClick={() => setStatus(status === 'available' ? 'do-not-disturb' : 'available')}>{status}</button>
 *     </ul>
 *   );
 * }
 * ```
 */
export function usePresence(options: { watch?: readonly string[]; client?: RingClient } = {}): UsePresenceResult {
  const ring = useRingClient(options.client);
  const status = useRingSelector((snapshot) => snapshot.presence, ring);
  const watched = useRingSelector((snapshot) => snapshot.watched, ring);
  const connection = useRingSelector((snapshot) => snapshot.connection, ring);
  const key = options.watch ? JSON.stringify([...options.watch].sort()) : undefined;

  useEffect(() => {
    if (key === undefined || connection !== 'connected') return;
    // Failures are stored on the client's `error`.
    ring.watch(JSON.parse(key) as string[]).catch(() => undefined);
  }, [ring, key, connection]);

  return useMemo(
    () => ({
      status,
      setStatus: (next: PresenceStatus) => {
        const promise = ring.setPresence(next);
        promise.catch(() => undefined);
        return promise;
      },
      users: watched,
      connection,
    }),
    [ring, status, watched, connection],
  );
}
