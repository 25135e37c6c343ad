/**
 * The call machine while this device calls: the invite goes out, callee devices ring, someone answers.
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import { mediaOf, withCall, withLocal, withMember } from './context.js';
import { invitedTransitions } from './invited.js';
import { callMachineSetup } from './setup.js';
import { endedElsewhere, endedHere, failedBySignalError, type EventOf } from './shared-transitions.js';
import type { CallMachineContext } from './types.js';

/** A callee took the call: it is answered now, and they joined with their media. */
const answeredBy = ({ context, event }: { context: CallMachineContext; event: EventOf<'ACCEPTED'> }) =>
  withCall(context, { answeredAt: Date.now(), members: withMember(context.call.members, event.by, 'joined', event.media) });

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
    MEDIA_CONNECTED: { actions: assign(({ context }) => withLocal(context, { connected: true })) },
    RINGING: {
      target: '.ringing',
      actions: assign(({ context, event }) => withCall(context, { members: withMember(context.call.members, event.by, 'ringing', mediaOf(context, event.by)) })),
    },
    ACCEPTED: [
      { guard: 'mediaConnected', target: 'active', actions: assign(answeredBy) },
      { target: 'connecting', actions: assign(answeredBy) },
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
            { type: 'recordError', params: { code: 'unavailable', message: 'the server did not answer the invite' } },
            { type: 'end', params: { reason: 'failed', by: null } },
          ],
        },
      },
    },
    ringing: {},
  },
});
