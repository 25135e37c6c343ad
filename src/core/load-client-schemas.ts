/**
 * The client's schemas (`zod/mini`), loaded on demand: a page waiting for calls
 * renders without them, and the connection loads them while its socket opens
 * (nothing from the server is read before they are there).
 *
 * @packageDocumentation
 */

import type * as clientSchemas from '../protocol/client-schemas.js';

/** The client schemas module. */
export type ClientSchemas = typeof clientSchemas;

let loaded: ClientSchemas | undefined;
let loading: Promise<ClientSchemas> | undefined;

/**
 * Load the client schemas (once; a failed load is tried again by the next caller).
 *
 * @example
 * ```ts
 * const { parseServerMessage } = await loadClientSchemas();
 * ```
 */
export function loadClientSchemas(): Promise<ClientSchemas> {
  loading ??= import('../protocol/client-schemas.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * The client schemas if they are loaded already, so a check can run without waiting.
 *
 * @example
 * ```ts
 * const schemas = loadedClientSchemas() ?? (await loadClientSchemas());
 * ```
 */
export function loadedClientSchemas(): ClientSchemas | undefined {
  return loaded;
}
