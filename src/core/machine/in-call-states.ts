/**
 * The call machine once answered: joining the media room (`connecting`), then
 * the call itself (`active`), and the transitions both share.
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import { withCall, withLocal, withMember } from './context.js';
import { callMachineSetup } from './setup.js';
import { lateInvited } from './invited.js';
import { endedElsewhere, endedHere, memberJoinedOnAccept, type EventOf } from './shared-transitions.js';
import type { CallMachineContext } from './types.js';

/**
 * Transitions shared by `connecting`, `active` and `held`: hang up, leave, ended or taken by others, media lost, a late invite reply.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { ...inCallEvents() } });
 * ```
 */
export function inCallEvents() {
  return {
    HANGUP: { target: '#call.ended', actions: endedHere('hangup', 'completed') },
    LEAVE: { target: '#call.ended', actions: endedHere('leave', 'completed') },
    ENDED: endedElsewhere(),
    ACCEPTED: { actions: memberJoinedOnAccept() },
    INVITED: lateInvited(),
    MEDIA_DISCONNECTED: [
      { guard: 'mediaClosedByServer' },
      {
        target: '#call.ended',
        actions: [
          {
            type: 'farewell',
            params: ({ context, event }: { context: CallMachineContext; event: EventOf<'MEDIA_DISCONNECTED'> }) => ({
              type: 'hangup' as const,
              callId: context.callId,
              // Tell the others why: a failed or lost media connection, not an ordinary hang-up.
              ...(event.reason === 'media-failed' || event.reason === 'connection-lost' ? { reason: event.reason } : {}),
            }),
          },
          {
            type: 'end',
            params: ({ context, event }: { context: CallMachineContext; event: EventOf<'MEDIA_DISCONNECTED'> }) => ({
              reason: event.reason,
              by: context.self,
            }),
          },
        ],
      },
    ],
  } as const;
}

/**
 * The `connecting` state: joining the media room, until connected or the connect timer fires.
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { connecting: connectingState, ... } });
 * ```
 */
export const connectingState = callMachineSetup.createStateConfig({
  entry: 'startConnectTimer',
  exit: { type: 'stopTimer', params: { timer: 'CONNECT_TIMEOUT' } },
  on: {
    MEDIA_CONNECTED: { target: 'active', actions: assign(({ context }) => withLocal(context, { connected: true })) },
    CONNECT_TIMEOUT: {
      target: 'ended',
      actions: [
        { type: 'farewell', params: ({ context }) => ({ type: 'hangup' as const, callId: context.callId }) },
        { type: 'end', params: ({ context }) => ({ reason: 'media-failed', by: context.self }) },
      ],
    },
    ...inCallEvents(),
  },
});

/**
 * The `active` state, parallel: media `connection` (connected | reconnecting), `mic` and `camera` (on | off).
 * `HOLD` asks the server to hold the call; it moves to `held` once held (by the server's `held` or the request's `ok`).
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { active: activeState, ... } });
 * ```
 */
export const activeState = callMachineSetup.createStateConfig({
  type: 'parallel',
  // Call waiting: held by this user, or by everyone they talk to (see `held`).
  always: [
    { guard: 'heldByMe', target: '#call.held.mine' },
    { guard: 'heldByOthers', target: '#call.held.theirs' },
  ],
  on: {
    ...inCallEvents(),
    HOLD: { actions: { type: 'signal', params: ({ context }) => ({ type: 'hold' as const, callId: context.callId }) } },
    SWITCH_MEDIA: {
      guard: ({ context, event }) => context.media !== event.media,
      actions: [
        assign(({ context, event }) => ({ media: event.media, ...withLocal(context, { camera: event.media === 'video' }) })),
        { type: 'signal', params: ({ context, event }) => ({ type: 'media' as const, callId: context.callId, media: event.media }) },
        { type: 'setCamera', params: ({ event }) => ({ enabled: event.media === 'video' }) },
      ],
    },
    SET_SCREEN_SHARE: {
      guard: ({ context, event }) => context.local.running && context.local.screenShare === (event.enabled ? 'off' : 'on'),
      actions: [
        assign(({ context, event }) => withLocal(context, { screenShare: event.enabled ? 'starting' : 'stopping', screenShareError: undefined })),
        { type: 'setScreenShare', params: ({ event }) => ({ enabled: event.enabled }) },
      ],
    },
    ADD: {
      actions: [
        assign(({ context, event }) =>
          withCall(context, {
            members: event.to.reduce((members, user) => withMember(members, user, 'invited', context.media), context.call.members),
            peers: [...new Set([...context.call.peers, ...event.to])],
          }),
        ),
        { type: 'signal', params: ({ context, event }) => ({ type: 'add' as const, callId: context.callId, to: event.to }) },
      ],
    },
  },
  states: {
    connection: {
      initial: 'connected',
      states: {
        connected: { on: { MEDIA_RECONNECTING: 'reconnecting' } },
        reconnecting: {
          entry: 'startReconnectTimer',
          exit: { type: 'stopTimer', params: { timer: 'RECONNECT_TIMEOUT' } },
          on: {
            MEDIA_RECONNECTED: 'connected',
            RECONNECT_TIMEOUT: {
              target: '#call.ended',
              actions: [
                {
                  type: 'farewell',
                  params: ({ context }) => ({ type: 'hangup' as const, callId: context.callId, reason: 'connection-lost' as const }),
                },
                { type: 'end', params: { reason: 'connection-lost', by: null } },
              ],
            },
          },
        },
      },
    },
    mic: {
      initial: 'resolving',
      states: {
        resolving: { always: [{ guard: 'micWanted', target: 'on' }, { target: 'off' }] },
        on: { always: { guard: ({ context }) => !context.local.mic, target: 'off' } },
        off: { always: { guard: 'micWanted', target: 'on' } },
      },
    },
    camera: {
      initial: 'resolving',
      states: {
        resolving: { always: [{ guard: 'cameraWanted', target: 'on' }, { target: 'off' }] },
        on: { always: { guard: ({ context }) => !context.local.camera, target: 'off' } },
        off: { always: { guard: 'cameraWanted', target: 'on' } },
      },
    },
  },
});
