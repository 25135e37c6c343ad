/**
 * A minimal external store: an immutable snapshot, replaced field by field,
 * and listeners notified after each change.
 *
 * @packageDocumentation
 */

/** A subscribe/getSnapshot store. */
export interface Store<T extends object> {
  /** The current snapshot (the same object until something changes). */
  get(): T;
  /** Replace some fields; listeners run only if a field really changed (by reference). */
  set(patch: Partial<T>): void;
  /** Listen for changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Create a store.
 *
 * @example
 * ```ts
 * const store = createStore({ count: 0 });
 * store.subscribe(() => console.log(store.get().count));
 * store.set({ count: 1 });
 * ```
 */
export function createStore<T extends object>(initial: T): Store<T> {
  let snapshot = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => snapshot,
    set(patch) {
      const changed = (Object.keys(patch) as Array<keyof T>).some((key) => !Object.is(patch[key], snapshot[key]));
      if (!changed) return;
      snapshot = { ...snapshot, ...patch };
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
