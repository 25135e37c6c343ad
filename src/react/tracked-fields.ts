/**
 * Tracked results: a hook returns its fields as getters, remembers which ones the
 * component read, and re-renders only when one of those differs from what the
 * component rendered (as TanStack Query does for query results).
 *
 * @packageDocumentation
 */
import type { ExternalStore } from './use-store-selector.js';

/** Equality per field, for fields whose values are rebuilt with the same content. */
export type FieldEquality<T> = { [K in keyof T]?: (a: T[K], b: T[K]) => boolean };

/**
 * The fields one component reads from a store, and what it rendered.
 *
 * @internal
 */
export interface FieldTracker<T extends object> {
  /** The fields of the store's latest snapshot (the same object until it changes). */
  latest(): T;
  /**
   * Call once per render: `extra` plus the fields as enumerable getters that record each
   * read and return the latest value (also when read later, from a handler or a test).
   */
  view<E extends object>(extra: E): T & E;
  /** Whether every field read so far is the same in `next` as when the component last saw it (so no re-render is needed). */
  unchanged(next: T): boolean;
}

/**
 * A tracker for one component over `store`, whose fields are `derive(snapshot)`.
 *
 * @example
 * ```ts
 * const tracker = useMemo(() => createFieldTracker(store, fieldsOf), [store]);
 * useStoreSelector(store, fieldsOf, (_, next) => tracker.unchanged(next));
 * return tracker.view(actions);
 * ```
 *
 * @internal
 */
export function createFieldTracker<S, T extends object>(
  store: ExternalStore<S>,
  derive: (snapshot: S) => T,
  equality: FieldEquality<T> = {},
): FieldTracker<T> {
  // The value of each field as the component last saw it: at render, or when read later.
  const seen = new Map<keyof T, unknown>();
  let cache: { snapshot: S; fields: T } | undefined;
  const same = <K extends keyof T>(field: K, a: T[K], b: T[K]) => (equality[field] ?? Object.is)(a, b);
  const latest = (): T => {
    const snapshot = store.getSnapshot();
    if (cache?.snapshot !== snapshot) cache = { snapshot, fields: derive(snapshot) };
    return cache.fields;
  };
  return {
    latest,
    view(extra) {
      const fields = latest();
      const result = { ...extra } as T & typeof extra;
      for (const field of Object.keys(fields) as Array<keyof T>) {
        Object.defineProperty(result, field, {
          enumerable: true,
          get: () => {
            const value = latest()[field];
            seen.set(field, value);
            return value;
          },
        });
      }
      return result;
    },
    unchanged(next) {
      return [...seen].every(([field, value]) => same(field, value as T[typeof field], next[field]));
    },
  };
}
