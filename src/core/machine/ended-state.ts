/**
 * The call machine once its call is over: the media child is stopped at once,
 * the client hears `CALL_ENDED`; when this device ended the call, the state
 * waits for the server's answer to its farewell (`cancel`, `reject`, `hangup`,
 * `leave`) before it settles. A cancel the server refuses because the callee
 * answered first becomes a hang-up, so the call ends for everyone.
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import { withEnd } from './context.js';
import { callMachineSetup } from './setup.js';
import type { CallSignal } from './types.js';

/**
 * The `ended` state: `closing` (the farewell is out), then `settled` (final).
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { ended: endedState, ... } });
 * ```
 */
export const endedState = callMachineSetup.createStateConfig({
  entry: [assign(({ context }) => withEnd(context, { at: Date.now() })), 'leaveMedia', 'reportEnded'],
  initial: 'closing',
  states: {
    closing: {
      always: { guard: ({ context }) => context.end.farewell === undefined, target: 'settled' },
      invoke: {
        id: 'farewell',
        src: 'request',
        input: ({ context }) => ({ message: context.end.farewell as CallSignal }),
        onDone: [
          {
            // The callee answered just before the cancel arrived (a late cancel loses): hang up instead.
            guard: ({ context, event }) => context.end.farewell?.type === 'cancel' && !event.output.ok && event.output.error.code === 'already-answered',
            target: 'closing',
            reenter: true,
            actions: assign(({ context }) => withEnd(context, { farewell: { type: 'hangup', callId: context.callId } })),
          },
          {
            target: 'settled',
            actions: assign(({ context, event }) => (event.output.ok ? {} : withEnd(context, { farewellError: event.output.error }))),
          },
        ],
      },
    },
    settled: { type: 'final', entry: 'reportSettled' },
  },
});
