/**
 * The client call machine (XState v5): one call, from the first ring to the
 * end, as seen by one device. It owns no I/O: sending and media work are
 * effects, emitted by default and replaced with `callMachine.provide(...)`.
 *
 * ```
 * idle
 * outgoing.calling -> outgoing.ringing        (a callee device rings)
 * incoming.ringing -> incoming.answering      (ACCEPT sent)
 * connecting                                  (joining the media room)
 * active  (parallel: connection connected|reconnecting, mic on|off, camera on|off)
 * ended   (final; context.endReason, context.endedBy)
 * ```
 *
 * @packageDocumentation
 */
import { assign, cancel, emit, raise, setup, type SnapshotFrom } from 'xstate';
import type { CallStatus } from './client/types.js';
import type { EndReason, ErrorCode, LiveKitGrant, Media } from './protocol.js';
import {
  fromCallInfo,
  initialCallContext,
  mediaOf,
  memberStateAfter,
  peersOf,
  withMember,
} from './machine/context.js';
import type {
  CallEffect,
  CallMachineContext,
  CallMachineEvent,
  CallMachineInput,
  CallSignal,
  CallTimerEvent,
} from './machine/types.js';

export type * from './machine/types.js';
export { DEFAULT_CALL_TIMEOUTS } from './machine/context.js';

/** Parameters of the `end` action. */
interface EndParams {
  reason: EndReason;
  by: string | null;
}

/** Parameters of the `joinMedia` action. */
interface JoinParams {
  grant: LiveKitGrant;
  media: Media;
}

/** The machine event of one type. */
type EventOf<Type extends CallMachineEvent['type']> = Extract<CallMachineEvent, { type: Type }>;

/**
 * The call machine. Start it with `createActor(callMachine, { input: { self } })`,
 * then send `CALL` (caller) or `INCOMING` (callee).
 *
 * @example
 * ```ts
 * const actor = createActor(callMachine, { input: { self: 'alice' } });
 * actor.on('signal', ({ message }) => transport.send({ ...message, id: nextId() }));
 * actor.start();
 * actor.send({ type: 'CALL', callId: 'c1', to: ['bob'], media: 'video' });
 * ```
 */
export const callMachine = setup({
  types: {
    context: {} as CallMachineContext,
    events: {} as CallMachineEvent,
    input: {} as CallMachineInput,
    emitted: {} as CallEffect,
  },
  actions: {
    /** Send a message about this call. */
    signal: emit((_, message: CallSignal) => ({ type: 'signal' as const, message })),
    /** Warm up the media connection while the call rings. */
    prepareMedia: emit({ type: 'prepareMedia' as const }),
    /** Join the call's media room and publish. */
    joinMedia: emit(({ context }, params: JoinParams) => ({
      type: 'joinMedia' as const,
      grant: params.grant,
      media: params.media,
      mic: context.mic,
      camera: context.camera,
    })),
    /** Leave the media room and stop local tracks. */
    leaveMedia: emit({ type: 'leaveMedia' as const }),
    /** Apply the microphone state. */
    setMicrophone: emit((_, params: { enabled: boolean }) => ({ type: 'setMicrophone' as const, enabled: params.enabled })),
    /** Apply the camera state. */
    setCamera: emit((_, params: { enabled: boolean }) => ({ type: 'setCamera' as const, enabled: params.enabled })),
    /** Timers: each raises its event to the machine after its `context.timeouts` delay. */
    startSignalTimer: raise({ type: 'SIGNAL_TIMEOUT' }, { id: 'SIGNAL_TIMEOUT', delay: ({ context }) => context.timeouts.signalMs }),
    startRingTimer: raise({ type: 'RING_TIMEOUT' }, { id: 'RING_TIMEOUT', delay: ({ context }) => context.timeouts.ringMs }),
    startConnectTimer: raise(
      { type: 'CONNECT_TIMEOUT' },
      { id: 'CONNECT_TIMEOUT', delay: ({ context }) => context.timeouts.connectMs },
    ),
    startReconnectTimer: raise(
      { type: 'RECONNECT_TIMEOUT' },
      { id: 'RECONNECT_TIMEOUT', delay: ({ context }) => context.timeouts.reconnectMs },
    ),
    /** Cancel a pending timer (its id is its event type). */
    stopTimer: cancel((_, params: { timer: CallTimerEvent['type'] }) => params.timer),
    /** Record why and by whom the call ended. */
    end: assign((_, params: EndParams) => ({ endReason: params.reason, endedBy: params.by })),
    /** Record the server error that failed the call. */
    recordError: assign((_, params: { code: ErrorCode; message: string }) => ({
      error: { code: params.code, message: params.message },
    })),
    /** Record that a member took the call with this media. */
    memberJoined: assign({
      members: ({ context }, params: { user: string; media: Media }) => withMember(context.members, params.user, 'joined', params.media),
    }),
  },
  guards: {
    hasGrant: ({ event }) => (event.type === 'INVITED' || event.type === 'ACCEPTED') && event.livekit !== undefined,
    notInvited: ({ context }) => !context.invited,
    mediaConnected: ({ context }) => context.mediaConnected,
    acceptedBySelf: ({ context, event }) => event.type === 'ACCEPTED' && event.by === context.self,
    micWanted: ({ context }) => context.mic,
    cameraWanted: ({ context }) => context.camera,
    /** The room was closed or deleted by the server: the call's real end reason comes by signaling. */
    mediaClosedByServer: ({ event }) => event.type === 'MEDIA_DISCONNECTED' && event.reason === 'completed',
  },
}).createMachine({
  id: 'call',
  context: ({ input }) => initialCallContext(input),
  initial: 'idle',
  on: {
    UPDATED: {
      actions: assign(({ context, event }) => {
        const { createdAt: _createdAt, ...rest } = fromCallInfo(event.call, context.self);
        return rest;
      }),
    },
    MEMBER_JOINED: {
      actions: assign({
        members: ({ context, event }) => withMember(context.members, event.user, 'joined', mediaOf(context, event.user)),
        peers: ({ context, event }) => peersOf(withMember(context.members, event.user, 'joined', context.media), context.self),
      }),
    },
    MEMBER_LEFT: {
      actions: assign(({ context, event }) => {
        const members = withMember(context.members, event.user, memberStateAfter(event.reason), mediaOf(context, event.user));
        return { members, peers: peersOf(members, context.self) };
      }),
    },
    TOGGLE_MIC: {
      actions: [
        assign({ mic: ({ context }) => !context.mic }),
        { type: 'setMicrophone', params: ({ context }) => ({ enabled: context.mic }) },
      ],
    },
    SET_MIC: {
      guard: ({ context, event }) => context.mic !== event.enabled,
      actions: [
        assign({ mic: ({ event }) => event.enabled }),
        { type: 'setMicrophone', params: ({ event }) => ({ enabled: event.enabled }) },
      ],
    },
    TOGGLE_CAMERA: {
      actions: [
        assign({ camera: ({ context }) => !context.camera }),
        { type: 'setCamera', params: ({ context }) => ({ enabled: context.camera }) },
      ],
    },
    SET_CAMERA: {
      guard: ({ context, event }) => context.camera !== event.enabled,
      actions: [
        assign({ camera: ({ event }) => event.enabled }),
        { type: 'setCamera', params: ({ event }) => ({ enabled: event.enabled }) },
      ],
    },
    DEVICE_ERROR: {
      actions: assign(({ context, event }) => ({
        deviceError: event.error,
        mic: event.error.kind === 'audioinput' ? false : context.mic,
        camera: event.error.kind === 'videoinput' ? false : context.camera,
      })),
    },
    REMOTE_CHANGED: { actions: assign({ remote: ({ event }) => event.remote }) },
    QUALITY_CHANGED: { actions: assign({ quality: ({ event }) => event.quality }) },
  },
  states: {
    idle: {
      on: {
        CALL: {
          target: 'outgoing',
          actions: [
            assign(({ context, event }) => ({
              callId: event.callId,
              direction: 'outgoing' as const,
              peers: [...event.to],
              members: [
                { user: context.self, state: 'joined' as const, media: event.media },
                ...event.to.map((user) => ({ user, state: 'invited' as const, media: event.media })),
              ],
              media: event.media,
              extra: event.extra,
              createdAt: Date.now(),
              camera: event.media === 'video',
            })),
            {
              type: 'signal',
              params: ({ event }) => ({
                type: 'invite' as const,
                callId: event.callId,
                to: event.to,
                media: event.media,
                ...(event.extra === undefined ? {} : { extra: event.extra }),
                ...(event.push === undefined ? {} : { push: event.push }),
              }),
            },
          ],
        },
        INCOMING: {
          target: 'incoming',
          actions: [
            assign(({ context, event }) => ({
              ...fromCallInfo(event.call, context.self),
              direction: 'incoming' as const,
              camera: event.call.media === 'video',
            })),
            { type: 'signal', params: ({ event }) => ({ type: 'ack' as const, callId: event.call.callId }) },
            'prepareMedia',
          ],
        },
      },
    },
    outgoing: {
      initial: 'calling',
      entry: 'startRingTimer',
      exit: { type: 'stopTimer', params: { timer: 'RING_TIMEOUT' } },
      on: {
        RING_TIMEOUT: {
          target: 'ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'cancel' as const, callId: context.callId }) },
            { type: 'end', params: { reason: 'no-answer', by: null } },
          ],
        },
        INVITED: [
          {
            guard: 'hasGrant',
            actions: [
              assign(({ context, event }) => ({ ...invitedContext(context, event), grant: event.livekit })),
              {
                type: 'joinMedia',
                params: ({ context, event }) => ({ grant: event.livekit as LiveKitGrant, media: context.media }),
              },
            ],
          },
          { actions: assign(({ context, event }) => invitedContext(context, event)) },
        ],
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
        CANCEL: {
          target: 'ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'cancel' as const, callId: context.callId }) },
            { type: 'end', params: ({ context }) => ({ reason: 'cancelled', by: context.self }) },
          ],
        },
        HANGUP: {
          target: 'ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'cancel' as const, callId: context.callId }) },
            { type: 'end', params: ({ context }) => ({ reason: 'cancelled', by: context.self }) },
          ],
        },
        ENDED: endedElsewhere(),
        SIGNAL_ERROR: failedBySignalError(),
        MEDIA_DISCONNECTED: [
          { guard: 'mediaClosedByServer' },
          {
            target: 'ended',
            actions: [
              { type: 'signal', params: ({ context }) => ({ type: 'cancel' as const, callId: context.callId }) },
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
    },
    incoming: {
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
    },
    connecting: {
      entry: 'startConnectTimer',
      exit: { type: 'stopTimer', params: { timer: 'CONNECT_TIMEOUT' } },
      on: {
        MEDIA_CONNECTED: { target: 'active', actions: assign({ mediaConnected: true }) },
        CONNECT_TIMEOUT: {
          target: 'ended',
          actions: [
            { type: 'signal', params: ({ context }) => ({ type: 'hangup' as const, callId: context.callId }) },
            { type: 'end', params: ({ context }) => ({ reason: 'media-failed', by: context.self }) },
          ],
        },
        ...inCallEvents(),
      },
    },
    active: {
      type: 'parallel',
      on: {
        ...inCallEvents(),
        SWITCH_MEDIA: {
          guard: ({ context, event }) => context.media !== event.media,
          actions: [
            assign({ media: ({ event }) => event.media, camera: ({ event }) => event.media === 'video' }),
            { type: 'signal', params: ({ context, event }) => ({ type: 'media' as const, callId: context.callId, media: event.media }) },
            { type: 'setCamera', params: ({ event }) => ({ enabled: event.media === 'video' }) },
          ],
        },
        ADD: {
          actions: [
            assign({
              members: ({ context, event }) =>
                event.to.reduce((members, user) => withMember(members, user, 'invited', context.media), context.members),
              peers: ({ context, event }) => [...new Set([...context.peers, ...event.to])],
            }),
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
                      type: 'signal',
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
            on: { always: { guard: ({ context }) => !context.mic, target: 'off' } },
            off: { always: { guard: 'micWanted', target: 'on' } },
          },
        },
        camera: {
          initial: 'resolving',
          states: {
            resolving: { always: [{ guard: 'cameraWanted', target: 'on' }, { target: 'off' }] },
            on: { always: { guard: ({ context }) => !context.camera, target: 'off' } },
            off: { always: { guard: 'cameraWanted', target: 'on' } },
          },
        },
      },
    },
    ended: {
      type: 'final',
      entry: [assign({ endedAt: () => Date.now() }), 'leaveMedia'],
    },
  },
});

/** The call ended by another member or the server: their reason stands. */
function endedElsewhere() {
  return {
    target: '#call.ended',
    actions: { type: 'end', params: ({ event }: { event: EventOf<'ENDED'> }) => ({ reason: event.reason, by: event.by }) },
  } as const;
}

/** The server refused this device's invite or accept: the call failed with its error. */
function failedBySignalError() {
  return {
    target: '#call.ended',
    actions: [
      {
        type: 'recordError',
        params: ({ event }: { event: EventOf<'SIGNAL_ERROR'> }) => ({ code: event.code, message: event.message }),
      },
      { type: 'end', params: { reason: 'failed', by: null } },
    ],
  } as const;
}

/** Another member (or this user's other device) took the call: mark them joined with their media. */
function memberJoinedOnAccept() {
  return {
    type: 'memberJoined',
    params: ({ event }: { event: EventOf<'ACCEPTED'> }) => ({ user: event.by, media: event.media }),
  } as const;
}

/** Transitions shared by `connecting` and `active`: hang up, leave, ended or taken by others, media lost. */
function inCallEvents() {
  return {
    HANGUP: {
      target: '#call.ended',
      actions: [
        { type: 'signal', params: ({ context }: { context: CallMachineContext }) => ({ type: 'hangup' as const, callId: context.callId }) },
        { type: 'end', params: ({ context }: { context: CallMachineContext }) => ({ reason: 'completed' as const, by: context.self }) },
      ],
    },
    LEAVE: {
      target: '#call.ended',
      actions: [
        { type: 'signal', params: ({ context }: { context: CallMachineContext }) => ({ type: 'leave' as const, callId: context.callId }) },
        { type: 'end', params: ({ context }: { context: CallMachineContext }) => ({ reason: 'completed' as const, by: context.self }) },
      ],
    },
    ENDED: endedElsewhere(),
    ACCEPTED: { actions: memberJoinedOnAccept() },
    MEDIA_DISCONNECTED: [
      { guard: 'mediaClosedByServer' },
      {
        target: '#call.ended',
        actions: [
          {
            type: 'signal',
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

/** Context after the server took this device's invite: the server's view of the call wins. */
function invitedContext(
  context: CallMachineContext,
  event: EventOf<'INVITED'>,
): Partial<CallMachineContext> {
  return { ...fromCallInfo(event.call, context.self), invited: true };
}

/**
 * A snapshot of the call machine.
 *
 * @example
 * ```ts
 * const snapshot: CallMachineSnapshot = actor.getSnapshot();
 * snapshot.matches({ active: { mic: 'off' } });
 * ```
 */
export type CallMachineSnapshot = SnapshotFrom<typeof callMachine>;

/**
 * The UI status of a call machine snapshot (`null` while idle).
 *
 * @example
 * ```ts
 * callStatusOf(actor.getSnapshot()); // 'ringing'
 * ```
 */
export function callStatusOf(snapshot: CallMachineSnapshot): CallStatus | null {
  if (snapshot.matches('idle')) return null;
  if (snapshot.matches({ outgoing: 'calling' })) return 'calling';
  if (snapshot.matches({ outgoing: 'ringing' })) return 'ringing';
  if (snapshot.matches({ incoming: 'ringing' })) return 'incoming';
  if (snapshot.matches({ incoming: 'answering' })) return 'answering';
  if (snapshot.matches('connecting')) return 'connecting';
  if (snapshot.matches({ active: { connection: 'reconnecting' } })) return 'reconnecting';
  if (snapshot.matches('active')) return 'active';
  return 'ended';
}
