/**
 * The call machine while a call rings here: answering, declining, or the ring ending elsewhere.
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import type { LiveKitGrant } from '../../protocol/protocol.js';
import { withMember } from './context.js';
import { callMachineSetup } from './setup.js';
import { endedElsewhere, failedBySignalError, memberJoinedOnAccept } from './shared-transitions.js';

/**
 * The `incoming` state (`ringing`, then `answering` once `ACCEPT` was sent);
 * the server's `accepted` for this user moves it to `connecting`.
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
    ACCEPTED: [
      {
        guard: ({ context, event }) => event.by === context.self && event.livekit !== undefined,
        target: 'connecting',
        actions: [
          assign(({ context, event }) => ({
            grant: event.livekit,
            media: event.media,
            answeredAt: Date.now(),
            members: withMember(context.members, event.by, 'joined', event.media),
          })),
          {
            type: 'joinMedia',
            params: ({ event }) => ({ grant: event.livekit as LiveKitGrant, media: event.media }),
          },
        ],
      },
      {
        // Answered here, but the server hands out no media credentials: the connect timer decides.
        guard: 'acceptedBySelf',
        target: 'connecting',
        actions: assign(({ context, event }) => ({
          media: event.media,
          answeredAt: Date.now(),
          members: withMember(context.members, event.by, 'joined', event.media),
        })),
      },
      { actions: memberJoinedOnAccept() },
    ],
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
            assign({ camera: ({ event }) => event.media === 'video' }),
            {
              type: 'signal',
              params: ({ context, event }) => ({ type: 'accept' as const, callId: context.callId, media: event.media }),
            },
          ],
        },
        REJECT: {
          target: '#call.ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'reject' as const, callId: context.callId }) },
            { type: 'end', params: ({ context }) => ({ reason: 'declined', by: context.self }) },
          ],
        },
      },
    },
    answering: {
      entry: 'startSignalTimer',
      exit: { type: 'stopTimer', params: { timer: 'SIGNAL_TIMEOUT' } },
      on: {
        SIGNAL_TIMEOUT: {
          target: '#call.ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'hangup' as const, callId: context.callId }) },
            assign({ error: { code: 'unavailable', message: 'the server did not answer the accept' } }),
            { type: 'end', params: { reason: 'failed', by: null } },
          ],
        },
        HANGUP: {
          target: '#call.ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'hangup' as const, callId: context.callId }) },
            { type: 'end', params: ({ context }) => ({ reason: 'completed', by: context.self }) },
          ],
        },
      },
    },
  },
});
