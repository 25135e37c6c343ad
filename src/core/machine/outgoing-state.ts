/**
 * The call machine while this device calls: the invite goes out, callee devices ring, someone answers.
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import { mediaOf, withMember } from './context.js';
import { invitedTransitions } from './invited.js';
import { callMachineSetup } from './setup.js';
import { endedElsewhere, endedHere, failedBySignalError } from './shared-transitions.js';

/**
 * The `outgoing` state (`calling` until the server takes the invite and a callee device rings, then `ringing`).
 * The invite request is the machine's `invite` child (started by `CALL`, see `sendInvite`); its reply is `INVITED`.
 * With a grant the caller joins the media room while it rings, so an answer connects at once.
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { outgoing: outgoingState, ... } });
 * ```
 */
export const outgoingState = callMachineSetup.createStateConfig({
  initial: 'calling',
  entry: 'startRingTimer',
  exit: { type: 'stopTimer', params: { timer: 'RING_TIMEOUT' } },
  on: {
    RING_TIMEOUT: { target: 'ended', actions: endedHere('cancel', 'no-answer') },
    INVITED: invitedTransitions(),
    MEDIA_CONNECTED: { actions: assign({ mediaConnected: true }) },
    RINGING: {
      target: '.ringing',
      actions: assign({
        members: ({ context, event }) => withMember(context.members, event.by, 'ringing', mediaOf(context, event.by)),
      }),
    },
    ACCEPTED: [
      {
        guard: 'mediaConnected',
        target: 'active',
        actions: assign({
          answeredAt: () => Date.now(),
          members: ({ context, event }) => withMember(context.members, event.by, 'joined', event.media),
        }),
      },
      {
        target: 'connecting',
        actions: assign({
          answeredAt: () => Date.now(),
          members: ({ context, event }) => withMember(context.members, event.by, 'joined', event.media),
        }),
      },
    ],
    CANCEL: { target: 'ended', actions: endedHere('cancel', 'cancelled') },
    HANGUP: { target: 'ended', actions: endedHere('cancel', 'cancelled') },
    ENDED: endedElsewhere(),
    SIGNAL_ERROR: failedBySignalError(),
    MEDIA_DISCONNECTED: [
      { guard: 'mediaClosedByServer' },
      {
        target: 'ended',
        actions: [
          { type: 'farewell', params: ({ context }) => ({ type: 'cancel' as const, callId: context.callId }) },
          { type: 'end', params: ({ context, event }) => ({ reason: event.reason, by: context.self }) },
        ],
      },
    ],
  },
  states: {
    calling: {
      entry: 'startSignalTimer',
      exit: { type: 'stopTimer', params: { timer: 'SIGNAL_TIMEOUT' } },
      on: {
        SIGNAL_TIMEOUT: {
          guard: 'notInvited',
          target: '#call.ended',
          actions: [
            assign({ error: { code: 'unavailable', message: 'the server did not answer the invite' } }),
            { type: 'end', params: { reason: 'failed', by: null } },
          ],
        },
      },
    },
    ringing: {},
  },
});
