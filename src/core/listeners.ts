/**
 * Listener sets, as behind every `subscribe`/`onEvent` of the core objects.
 *
 * @packageDocumentation
 */

/**
 * Adds `listener` to `listeners` and returns the function that removes it again.
 *
 * @example
 * ```ts
 * const listeners = new Set<() => void>();
 * const store = { subscribe: (listener: () => void) => addListener(listeners, listener) };
 * const unsubscribe = store.subscribe(() => render());
 * unsubscribe();
 * ```
 */
export function addListener<Listener>(listeners: Set<Listener>, listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
