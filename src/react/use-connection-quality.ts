'use client';
/**
 * Connection quality of this device and of the other participants.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { ConnectionQuality } from '../core/media/types.js';
import type { ConnectionStatus, RingClient } from '../core/ring-client.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingSelector } from './use-ring-client.js';

/**
 * What {@link useConnectionQuality} returns.
 *
 * @example
 * ```tsx
 * const { local, remotes, reconnecting, signaling } = useConnectionQuality();
 * ```
 */
export interface ConnectionQualityState {
  /** This device's media quality (`unknown` outside a call). */
  local: ConnectionQuality;
  /** Each other participant's quality, by user id. */
  remotes: Readonly<Record<string, ConnectionQuality>>;
  /** The media connection is recovering. */
  reconnecting: boolean;
  /** The signaling connection. */
  signaling: ConnectionStatus;
}

/**
 * Connection quality for a signal-strength badge: this device, each remote
 * participant, media reconnection, and the signaling connection.
 *
 * @example
 * ```tsx
 * function Signal() {
 *   const { local, reconnecting } = useConnectionQuality();
 *   return <span data-quality={local}>{reconnecting ? 'Reconnecting…' : local}</span>;
 * }
 * ```
 */
export function useConnectionQuality(client?: RingClient): ConnectionQualityState {
  const { local, remote, reconnecting, signaling } = useRingSelector(
    ({ call, connection }) => ({
      local: call?.quality ?? 'unknown',
      remote: call?.remote,
      reconnecting: call?.status === 'reconnecting',
      signaling: connection,
    }),
    client,
    shallowEqual,
  );
  const remotes = useMemo(() => {
    const qualities: Record<string, ConnectionQuality> = {};
    for (const [user, state] of Object.entries(remote ?? {})) qualities[user] = state.quality;
    return qualities;
  }, [remote]);
  return useMemo(() => ({ local, remotes, reconnecting, signaling }), [local, remotes, reconnecting, signaling]);
}
