/**
 * Subscribe a component to the ring client's store.
 *
 * @packageDocumentation
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { RingClient, RingClientSnapshot } from '../../core/ring-client.js';

/**
 * The client's current snapshot, re-rendering on every change.
 *
 * @example
 * ```tsx
 * const snapshot = useRingSnapshot(useRingClient());
 * return <p>{snapshot.connection}</p>;
 * ```
 */
export function useRingSnapshot(client: RingClient): RingClientSnapshot {
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  const getSnapshot = useCallback(() => client.getSnapshot(), [client]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
