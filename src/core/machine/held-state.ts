/**
 * The call machine while its call is on hold (call waiting): `mine` when this
 * user holds it (this device's media is paused: nothing sent, nothing received,
 * the room stays joined), `theirs` when everyone this user talks to holds it
 * (their tracks show as paused). The call goes on: hang-up, leave and the
 * others' end work as in `active`, where it returns once nobody holds it.
 *
 * @packageDocumentation
 */
import { inCallEvents } from './in-call-states.js';
import { callMachineSetup } from './setup.js';

/**
 * The `held` state (`mine` | `theirs`); `RESUME` asks the server to take this user's hold off.
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { held: heldState, ... } });
 * ```
 */
export const heldState = callMachineSetup.createStateConfig({
  initial: 'mine',
  always: { guard: 'notHeld', target: 'active' },
  on: { ...inCallEvents() },
  states: {
    mine: {
      entry: 'pauseMedia',
      exit: 'resumeMedia',
      always: { guard: 'heldByOthers', target: 'theirs' },
      on: { RESUME: { actions: { type: 'signal', params: ({ context }) => ({ type: 'resume' as const, callId: context.callId }) } } },
    },
    theirs: {
      always: { guard: 'heldByMe', target: 'mine' },
      on: { HOLD: { actions: { type: 'signal', params: ({ context }) => ({ type: 'hold' as const, callId: context.callId }) } } },
    },
  },
});
