/**
 * The client's schemas (`zod/mini`), loaded on demand: a page waiting for calls
 * renders without them, and the connection loads them while its socket opens
 * (nothing from the server is read before they are there).
 *
 * @packageDocumentation
 */

import type * as clientSchemas from '../protocol/client-schemas.js';
import { moduleLoader } from './load-module.js';

/** The client schemas module. */
export type ClientSchemas = typeof clientSchemas;

const schemas = moduleLoader<ClientSchemas>(() => import('../protocol/client-schemas.js'));

/**
 * Load the client schemas (once; a failed load is tried again by the next caller).
 *
 * @example
 * ```ts
 * const { parseServerMessage } = await loadClientSchemas();
 * ```
 */
export const loadClientSchemas: () => Promise<ClientSchemas> = schemas.load;

/**
 * The client schemas if they are loaded already, so a check can run without waiting.
 *
 * @example
 * ```ts
 * const schemas = loadedClientSchemas() ?? (await loadClientSchemas());
 * ```
 */
export const loadedClientSchemas: () => ClientSchemas | undefined = schemas.loaded;
