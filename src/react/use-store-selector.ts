'use client';
/**
 * The one way ringkit's hooks read a store: `useSyncExternalStore` with a selector
 * and an equality function.
 *
 * @packageDocumentation
 */
import { useRef, useSyncExternalStore, type RefObject } from 'react';

/**
 * Anything with a stable snapshot and change notifications: the ring client, its call
 * messages, a device manager, a preview.
 *
 * @internal
 */
export interface ExternalStore<S> {
  getSnapshot(): S;
  subscribe(listener: () => void): () => void;
  /** What server rendering and hydration see (default: `getSnapshot()`). */
  getServerSnapshot?(): S;
}

interface Selection<S, T> {
  snapshot: S;
  selector: (snapshot: S) => T;
  value: T;
}

function selectFrom<S, T>(
  last: RefObject<Selection<S, T> | null>,
  snapshot: S,
  selector: (snapshot: S) => T,
  isEqual: (previous: T, next: T) => boolean,
): T {
  const previous = last.current;
  if (previous && previous.snapshot === snapshot && previous.selector === selector) return previous.value;
  const next = selector(snapshot);
  const value = previous && isEqual(previous.value, next) ? previous.value : next;
  last.current = { snapshot, selector, value };
  return value;
}

/**
 * The part of `store`'s snapshot that `selector` picks. A change re-renders only when
 * `isEqual(previous, next)` is false; otherwise the previous value is returned as is, so
 * selectors may build new objects. `store.subscribe` must be stable (a method of the store).
 *
 * @example
 * ```ts
 * const incoming = useStoreSelector(client, (snapshot) => snapshot.incoming);
 * ```
 *
 * @internal
 */
export function useStoreSelector<S, T>(
  store: ExternalStore<S>,
  selector: (snapshot: S) => T,
  isEqual: (previous: T, next: T) => boolean = Object.is,
): T {
  const last = useRef<Selection<S, T> | null>(null);
  const lastServer = useRef<Selection<S, T> | null>(null);
  const select = () => selectFrom(last, store.getSnapshot(), selector, isEqual);
  const { getServerSnapshot } = store;
  const selectServer = getServerSnapshot ? () => selectFrom(lastServer, getServerSnapshot(), selector, isEqual) : select;
  return useSyncExternalStore(store.subscribe, select, selectServer);
}
