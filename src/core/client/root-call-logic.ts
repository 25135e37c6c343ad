/**
 * The root's `call` actor logic while the call machine loads on demand: it
 * stands for the call machine from the start (the root is typed and provided
 * with it) and forwards to the loaded machine, so a page waiting for calls
 * needs no call machine to render. It may start a call actor only once the
 * machine is loaded; the client's gate (`root-actor.ts`) holds what would
 * start one until then.
 *
 * @packageDocumentation
 */
import type { callMachine } from '../call-machine.js';
import { RingError } from '../errors.js';

/** The call machine's logic (loaded on demand, so only its type is imported here). */
export type CallMachineLogic = typeof callMachine;

/**
 * Actor logic that forwards to the call machine `get` returns (XState's actors use only these members of their logic).
 *
 * @internal
 * @example
 * ```ts
 * const call = deferredCallMachine(() => loadedCallMachine()?.callMachine);
 * rootMachine.provide({ actors: { call } });
 * ```
 */
export function deferredCallMachine(get: () => CallMachineLogic | undefined): CallMachineLogic {
  const machine = (): CallMachineLogic => {
    const loaded = get();
    if (!loaded) throw new RingError('internal', 'a call actor was started before the call machine was loaded');
    return loaded;
  };
  const forwarding = {
    transition: (...args: Parameters<CallMachineLogic['transition']>) => machine().transition(...args),
    getInitialSnapshot: (...args: Parameters<CallMachineLogic['getInitialSnapshot']>) => machine().getInitialSnapshot(...args),
    start: (...args: Parameters<CallMachineLogic['start']>) => machine().start(...args),
    getPersistedSnapshot: (...args: Parameters<CallMachineLogic['getPersistedSnapshot']>) => machine().getPersistedSnapshot(...args),
    restoreSnapshot: (...args: Parameters<CallMachineLogic['restoreSnapshot']>) => machine().restoreSnapshot(...args),
  };
  return forwarding as unknown as CallMachineLogic;
}
