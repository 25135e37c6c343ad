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
  type Logic = CallMachineLogic;
  // Fixed arities (no rest arguments): `transition` runs for every event of every call actor.
  const forwarding = {
    transition: (snapshot: Parameters<Logic['transition']>[0], event: Parameters<Logic['transition']>[1], scope: Parameters<Logic['transition']>[2]) =>
      machine().transition(snapshot, event, scope),
    getInitialSnapshot: (scope: Parameters<Logic['getInitialSnapshot']>[0], input: Parameters<Logic['getInitialSnapshot']>[1]) =>
      machine().getInitialSnapshot(scope, input),
    start: (snapshot: Parameters<Logic['start']>[0]) => machine().start(snapshot),
    getPersistedSnapshot: (snapshot: Parameters<Logic['getPersistedSnapshot']>[0], options?: unknown) => machine().getPersistedSnapshot(snapshot, options),
    restoreSnapshot: (snapshot: Parameters<Logic['restoreSnapshot']>[0], scope: Parameters<Logic['restoreSnapshot']>[1]) =>
      machine().restoreSnapshot(snapshot, scope),
  };
  return forwarding as unknown as CallMachineLogic;
}
