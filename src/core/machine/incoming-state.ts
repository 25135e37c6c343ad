/**
 * The call machine while a call rings here: answering, declining, or the ring ending elsewhere.
 *
 * @packageDocumentation
 */
import { assign, raise } from 'xstate';
import { declineOf } from '../../protocol/wire.js';
import { newerCallInfo, withCall, withLocal } from './context.js';
import { callMachineSetup } from './setup.js';
import { endedElsewhere, endedHere, failedBySignalError, memberJoinedOnAccept, resultEvent } from './shared-transitions.js';

/**
 * The `incoming` state (`ringing`, then `answering` while the accept request is out);
 * its reply (`ANSWERED`, with this device's grant) moves it to `connecting`.
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { incoming: incomingState, ... } });
 * ```
 */
export const incomingState = callMachineSetup.createStateConfig({
  initial: 'ringing',
  on: {
    ENDED: endedElsewhere(),
    SIGNAL_ERROR: failedBySignalError(),
    ACCEPTED: { actions: memberJoinedOnAccept() },
  },
  states: {
    ringing: {
      entry: 'startRingTimer',
      exit: { type: 'stopTimer', params: { timer: 'RING_TIMEOUT' } },
      on: {
        RING_TIMEOUT: { target: '#call.ended', actions: { type: 'end', params: { reason: 'no-answer', by: null } } },
        ACCEPT: {
          target: 'answering',
          actions: [
            assign(({ context, event }) => ({
              media: event.media,
              ...withLocal(context, { camera: event.media === 'video' }),
              capture: event.capture ?? context.capture,
              ...(event.active === undefined ? {} : { acceptActive: event.active }),
            })),
            'captureEarly',
          ],
        },
        REJECT: {
          target: '#call.ended',
          actions: [
            {
              type: 'farewell',
              params: ({ context, event }) => ({ type: 'reject' as const, callId: context.callId, ...(event.reason === undefined ? {} : { reason: event.reason }) }),
            },
            { type: 'end', params: ({ context, event }) => ({ ...declineOf(event.reason), by: context.self }) },
          ],
        },
        // This device stops ringing; the call rings on elsewhere (and may still be answered here).
        IGNORE: { actions: assign({ ignored: true }) },
      },
    },
    answering: {
      entry: 'startSignalTimer',
      exit: { type: 'stopTimer', params: { timer: 'SIGNAL_TIMEOUT' } },
      invoke: {
        id: 'accept',
        src: 'request',
        input: ({ context }) => ({
          message: {
            type: 'accept' as const,
            callId: context.callId,
            media: context.media,
            ...(context.acceptActive === undefined ? {} : { active: context.acceptActive }),
          },
        }),
        onDone: { actions: raise(({ event }) => resultEvent(event.output, 'answered', 'ANSWERED')) },
      },
      on: {
        ANSWERED: {
          target: '#call.connecting',
          actions: [
            assign(({ context, event }) => {
              const update = newerCallInfo(context, event.call);
              return {
                ...update,
                ...withCall({ call: update.call ?? context.call }, { answeredAt: event.call.answeredAt ?? Date.now() }),
                ...(event.livekit ? withLocal(context, { grant: event.livekit }) : {}),
              };
            }),
            'joinGranted',
          ],
        },
        SIGNAL_TIMEOUT: {
          target: '#call.ended',
          actions: [
            { type: 'recordError', params: { code: 'unavailable', message: 'the server did not answer the accept' } },
            ...endedHere('hangup', 'completed').slice(0, 1),
            { type: 'end', params: { reason: 'failed', by: null } },
          ],
        },
        HANGUP: { target: '#call.ended', actions: endedHere('hangup', 'completed') },
      },
    },
  },
});
