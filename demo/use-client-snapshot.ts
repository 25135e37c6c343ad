import { useSyncExternalStore } from 'react';
import { useRingClient, type RingClientSnapshot } from 'ringkit';

/**
 * The ring client's whole store, re-rendering on every change.
 *
 * @example
 * ```tsx
 * const { connection } = useClientSnapshot();
 * ```
 */
export function useClientSnapshot(): RingClientSnapshot {
  const client = useRingClient();
  return useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot);
}
