/**
 * A module loaded on demand with `import()`, once: what a page does not need
 * to render gets a chunk of its own, and whoever needs it either takes it at
 * once (loaded) or waits for it.
 *
 * @packageDocumentation
 */

/**
 * One module loaded on demand.
 *
 * @internal
 * @example
 * ```ts
 * const module = loader.loaded() ?? (await loader.load());
 * ```
 */
export interface ModuleLoader<T> {
  /** Load the module (once; a failed load is tried again by the next caller). */
  load(): Promise<T>;
  /** The module if it is loaded already, so a caller can go on without waiting. */
  loaded(): T | undefined;
}

/**
 * A loader for `load` (a function that calls `import()`, so bundlers make a chunk of its target).
 *
 * @internal
 * @example
 * ```ts
 * const schemas = moduleLoader(() => import('../protocol/client-schemas.js'));
 * ```
 */
export function moduleLoader<T>(load: () => Promise<T>): ModuleLoader<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    load() {
      loading ??= load().then(
        (module) => (loaded = module),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => loaded,
  };
}
