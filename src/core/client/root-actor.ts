/**
 * The client's root actor, and the gate in front of it for the call machine,
 * which loads on demand. The client starts loading the call machine when it is
 * created; an event that would start a call actor before it arrived (an
 * `incoming`, a placed call) waits for it, and so does every event from the
 * connection after it (their order is kept). Once loaded, events go straight
 * to the root: nothing waits on the ring path.
 *
 * @packageDocumentation
 */
import { createActor, type Actor } from 'xstate';
import { toRingError } from '../errors.js';
import { loadCallMachine, type CallMachineModule } from '../load-call-machine.js';
import { deferredCallMachine, type CallMachineLogic } from './root-call-logic.js';
import { rootMachine } from './root-machine.js';
import type { RootEvent, RootInput } from './root-setup.js';

/**
 * Options of {@link createRootActor}.
 *
 * @internal
 * @example
 * ```ts
 * createRootActor({ input: {}, provide: ({ callMachine }) => callMachine });
 * ```
 */
export interface RootActorOptions {
  input: RootInput;
  /** This client's call machine, built once from the loaded module (its request and media actors provided). */
  provide: (module: CallMachineModule) => CallMachineLogic;
}

/**
 * A started root actor and its gate.
 *
 * @internal
 * @example
 * ```ts
 * root.deliver({ type: 'SERVER_MESSAGE', message });
 * await root.callsReady();
 * root.actor.send({ type: 'PLACE', callId, to: ['bob'], media: 'audio' });
 * ```
 */
export interface RootActor {
  actor: Actor<typeof rootMachine>;
  /** Send an event from the connection to the root now, or after the call machine loaded if it (or one before it) needs it. */
  deliver(event: RootEvent): void;
  /** `undefined` once the call machine is loaded, else the load (events held until then are delivered first). */
  callsReady(): Promise<void> | undefined;
  /** Stop every call actor and drop what is held (the client disconnects: nothing held may ring afterwards). */
  close(): void;
}

/** Whether an event would start a call actor. */
function startsCall(event: RootEvent): boolean {
  return event.type === 'PLACE' || (event.type === 'SERVER_MESSAGE' && event.message.type === 'incoming');
}

/**
 * Create and start a client's root actor, and start loading the call machine.
 *
 * @internal
 * @example
 * ```ts
 * const root = createRootActor({ input: {}, provide: ({ callMachine, callRequestActor }) =>
 *   callMachine.provide({ actors: { request: callRequestActor(connection.request) } }) });
 * ```
 */
export function createRootActor({ input, provide }: RootActorOptions): RootActor {
  let calls: CallMachineLogic | undefined;
  let held: RootEvent[] | undefined;
  let loading: Promise<void> | undefined;
  const actor = createActor(rootMachine.provide({ actors: { call: deferredCallMachine(() => calls) } }), { input });
  actor.start();

  function release(events: readonly RootEvent[]): void {
    held = undefined;
    for (const event of events) actor.send(event);
  }

  function load(): Promise<void> {
    loading ??= loadCallMachine().then(
      (module) => {
        calls ??= provide(module);
        release(held ?? []);
      },
      (error: unknown) => {
        loading = undefined;
        const failure = toRingError(error, 'internal');
        if (held) {
          // What would ring or call cannot without the call machine (the server ends it); the rest goes on.
          release(held.filter((event) => !startsCall(event)));
          actor.send({ type: 'FAILED', error: failure });
        }
        throw failure;
      },
    );
    return loading;
  }
  load().catch(() => undefined);

  return {
    actor,
    deliver(event) {
      if (held) held.push(event);
      else if (calls || !startsCall(event)) actor.send(event);
      else {
        held = [event];
        load().catch(() => undefined);
      }
    },
    callsReady: () => (calls ? undefined : load()),
    close() {
      held = undefined;
      actor.send({ type: 'CLOSE' });
    },
  };
}
