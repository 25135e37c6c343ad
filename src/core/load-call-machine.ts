/**
 * The call machine (its states, the media actor, the request actor), loaded on
 * demand: a page waiting for calls renders without it. A client starts loading
 * it when it is created and needs it only once a call is placed or rings; a
 * call placed or ringing before it arrived waits for it (`client/root-actor.ts`).
 *
 * @packageDocumentation
 */

import type * as callMachineModule from './call-machine.js';
import { moduleLoader } from './load-module.js';

/** The call machine module. */
export type CallMachineModule = typeof callMachineModule;

const module = moduleLoader<CallMachineModule>(() => import('./call-machine.js'));

/**
 * Load the call machine module (once; a failed load is tried again by the next caller).
 *
 * @example
 * ```ts
 * const { callMachine } = await loadCallMachine();
 * ```
 */
export const loadCallMachine: () => Promise<CallMachineModule> = module.load;

/**
 * The call machine module if it is loaded already.
 *
 * @example
 * ```ts
 * const machine = loadedCallMachine()?.callMachine;
 * ```
 */
export const loadedCallMachine: () => CallMachineModule | undefined = module.loaded;
