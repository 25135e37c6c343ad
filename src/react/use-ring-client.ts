'use client';
/**
 * Read the ring client from context.
 *
 * @packageDocumentation
 */
import { useContext } from 'react';
import type { RingClient, RingClientSnapshot } from '../core/ring-client.js';
import { RingClientContext } from './provider.js';
import { useStoreSelector } from './use-store-selector.js';

/**
 * The ring client of the nearest `<RingProvider>`, or the one passed in.
 * Throws a clear error when there is neither.
 *
 * @example
 * ```tsx
 * function CallBob() {
 *   const client = useRingClient();
 *   return <button onClick={() => client.call('bob')}>Call Bob</button>;
 * }
 * ```
 */
export function useRingClient(client?: RingClient): RingClient {
  const fromContext = useContext(RingClientContext);
  const found = client ?? fromContext;
  if (!found) {
    throw new Error(
      'ringkit: no ring client. Wrap your app in <RingProvider client={createRingClient(...)}> or pass a client to the hook.',
    );
  }
  return found;
}

/**
 * The ring client of the nearest `<RingProvider>` (or the one passed in), or
 * `null` outside a provider. For components that also work without calls.
 *
 * @example
 * ```tsx
 * const client = useMaybeRingClient();
 * if (!client) return <p>Calls are off</p>;
 * ```
 */
export function useMaybeRingClient(client?: RingClient): RingClient | null {
  const fromContext = useContext(RingClientContext);
  return client ?? fromContext;
}

/**
 * One value from the ring client's store, re-rendering only when it changes: by
 * reference, or as `isEqual` says (pass `shallowEqual`-like functions to select
 * new objects). Every ringkit hook reads the client through this.
 *
 * @example
 * ```tsx
 * const connection = useRingSelector((snapshot) => snapshot.connection);
 * const muted = useRingSelector((snapshot) => !(snapshot.call?.micEnabled ?? true));
 * ```
 */
export function useRingSelector<T>(
  selector: (snapshot: RingClientSnapshot) => T,
  client?: RingClient,
  isEqual?: (previous: T, next: T) => boolean,
): T {
  return useStoreSelector(useRingClient(client), selector, isEqual);
}
