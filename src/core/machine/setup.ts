/**
 * The call machine's setup: its types, its named effects (emitted by
 * default, replaced with `callMachine.provide({ actions })`), timers and guards.
 * The state configs of each phase are built on it.
 *
 * @packageDocumentation
 */
import { assign, cancel, emit, raise, setup } from 'xstate';
import type { EndReason, ErrorCode, LiveKitGrant, Media } from '../../protocol/protocol.js';
import { withMember } from './context.js';
import type { CallEffect, CallMachineContext, CallMachineEvent, CallMachineInput, CallSignal, CallTimerEvent } from './types.js';

/**
 * Parameters of the machine's `end` action: why the call ended and who ended it.
 *
 * @example
 * ```ts
 * const params: EndParams = { reason: 'completed', by: 'bob' };
 * ```
 */
export interface EndParams {
  reason: EndReason;
  by: string | null;
}

/**
 * Parameters of the machine's `joinMedia` action: the LiveKit grant and the media to publish.
 *
 * @example
 * ```ts
 * const params: JoinParams = { grant, media: 'video' };
 * ```
 */
export interface JoinParams {
  grant: LiveKitGrant;
  media: Media;
}

/**
 * The typed setup of the call machine; state configs are made with its `createStateConfig`.
 *
 * @example
 * ```ts
 * const endedState = callMachineSetup.createStateConfig({ type: 'final', entry: 'leaveMedia' });
 * ```
 */
export const callMachineSetup = setup({
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
});
