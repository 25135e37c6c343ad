/**
 * The call machine's setup: its types, its child actors (requests to the
 * server, the media session), named actions, timers and guards. The state
 * configs of each phase are built on it.
 *
 * A client provides the child actors once (`callMachine.provide({ actors })`):
 * `request` sends over its connection, `media` makes its media sessions.
 *
 * @packageDocumentation
 */
import { assign, cancel, enqueueActions, raise, setup } from 'xstate';
import type { EndReason, ErrorCode, LiveKitGrant, Media } from '../../protocol/protocol.js';
import type { RingError } from '../errors.js';
import { createLiveKitMediaFactory } from '../media/default-factory.js';
import { newerCallInfo, withCall, withEnd, withLocal, withMember } from './context.js';
import { isHeldByMe, isHeldByOthers } from './hold.js';
import { callMediaActor } from './media-actor.js';
import { unconnectedRequestActor } from './request-actor.js';
import type {
  CallMachineContext,
  CallMachineEvent,
  CallMachineInput,
  CallReport,
  CallSignal,
  CallTimerEvent,
  MediaActorInput,
  MediaCommand,
} from './types.js';

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
  /** A decline's custom reason. */
  detail?: string;
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
  },
  actors: {
    /** One request about this call; the client provides one that sends over its connection. */
    request: unconnectedRequestActor,
    /** The call's media session; by default LiveKit, loaded on first use. */
    media: callMediaActor({ factory: createLiveKitMediaFactory(), capture: (own) => own }),
  },
  actions: {
    /** Send a message about this call that does not end it (`ack`, `add`, `media`); its result lands in `context.requests`. */
    signal: enqueueActions(({ context, enqueue }, message: CallSignal) => {
      const { count, byId } = context.requests;
      const id = `request.${message.type}.${count}`;
      enqueue.assign({ requests: { count: count + 1, byId: { ...byId, [id]: { status: 'pending' } } } });
      enqueue.spawnChild('request', { id, input: { message } });
    }),
    /**
     * Send this device's invite as the `invite` child. It is a child of the whole machine, not of `outgoing`:
     * the callee's `accepted` may come before the reply (relayed, or in the same network read), and the
     * reply must still bring its grant to `connecting` (`xstate.done.actor.invite` raises `INVITED`).
     */
    sendInvite: enqueueActions(({ context, enqueue }) => {
      enqueue.spawnChild('request', {
        id: 'invite',
        input: {
          message: {
            type: 'invite' as const,
            callId: context.callId,
            to: [...context.call.peers],
            media: context.media,
            ...(context.call.extra === undefined ? {} : { extra: context.call.extra }),
            ...(context.call.push === undefined ? {} : { push: context.call.push }),
          },
        },
      });
    }),
    /** Remember how this device ends the call (`cancel`, `reject`, `hangup`, `leave`): `ended` sends it and waits for the answer. */
    farewell: assign(({ context }, message: CallSignal) => withEnd(context, { farewell: message })),
    /** Start the media child; while ringing it warms up the connection to `url`. */
    startMedia: enqueueActions(({ context, enqueue }, params: MediaActorInput) => {
      if (context.local.running) return;
      enqueue.assign(withLocal(context, { running: true }));
      enqueue.spawnChild('media', { id: 'media', input: params });
    }),
    /** Open the devices at the accept click, while the accept's reply and the room connect are on their way. */
    captureEarly: enqueueActions(({ context, enqueue }) => {
      if (!context.local.running) return;
      enqueue.sendTo('media', { type: 'CAPTURE', media: context.media, capture: context.capture } satisfies MediaCommand);
    }),
    /** Join the call's media room and publish. */
    joinMedia: enqueueActions(({ context, enqueue }, params: JoinParams) => {
      if (!context.local.running) return;
      enqueue.sendTo('media', {
        type: 'JOIN',
        grant: params.grant,
        media: params.media,
        capture: context.capture,
        mic: context.local.mic,
        camera: context.local.camera,
      } satisfies MediaCommand);
    }),
    /** Join with the grant of an `INVITED` or `ANSWERED` that carries one (a server without LiveKit gives none). */
    joinGranted: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'INVITED' && event.type !== 'ANSWERED') return;
      if (!event.livekit || !context.local.running) return;
      enqueue.sendTo('media', {
        type: 'JOIN',
        grant: event.livekit,
        media: context.media,
        capture: context.capture,
        mic: context.local.mic,
        camera: context.local.camera,
      } satisfies MediaCommand);
    }),
    /** Stop the media child: its cleanup leaves the room and stops every timer and listener it started. */
    leaveMedia: enqueueActions(({ context, enqueue }) => {
      if (!context.local.running) return;
      enqueue.assign(withLocal(context, { running: false }));
      enqueue.stopChild('media');
    }),
    /** On hold here: the media stops sending and receiving (the room stays joined). */
    pauseMedia: enqueueActions(({ context, enqueue }) => {
      if (context.local.running) enqueue.sendTo('media', { type: 'HOLD', media: context.media } satisfies MediaCommand);
    }),
    /** Off hold here: receive again, and send with the microphone and camera as wanted now. */
    resumeMedia: enqueueActions(({ context, enqueue }) => {
      if (!context.local.running) return;
      enqueue.sendTo('media', { type: 'RESUME', media: context.media, mic: context.local.mic, camera: context.local.camera } satisfies MediaCommand);
    }),
    /** Apply the microphone state (a command after the end has nothing to act on). */
    setMicrophone: enqueueActions(({ context, enqueue }, params: { enabled: boolean }) => {
      if (context.local.running) enqueue.sendTo('media', { type: 'SET_MIC', enabled: params.enabled } satisfies MediaCommand);
    }),
    /** Apply the camera state. */
    setCamera: enqueueActions(({ context, enqueue }, params: { enabled: boolean }) => {
      if (context.local.running) enqueue.sendTo('media', { type: 'SET_CAMERA', enabled: params.enabled } satisfies MediaCommand);
    }),
    /** Share the screen or stop sharing; the media actor answers with `SCREEN_SHARE`. */
    setScreenShare: enqueueActions(({ enqueue }, params: { enabled: boolean }) => {
      enqueue.sendTo('media', { type: 'SET_SCREEN_SHARE', enabled: params.enabled } satisfies MediaCommand);
    }),
    /** Tell the client the call ended (it records missed calls and shows the ended call). */
    reportEnded: enqueueActions(({ self, enqueue }) => {
      if (self._parent) enqueue.sendTo(self._parent, { type: 'CALL_ENDED', call: self } satisfies CallReport);
    }),
    /** Tell the client the call is over and answered for: its actor may be stopped. */
    reportSettled: enqueueActions(({ self, enqueue }) => {
      if (self._parent) enqueue.sendTo(self._parent, { type: 'CALL_SETTLED', call: self } satisfies CallReport);
    }),
    /** Tell the client that the server answered this device's invite with another call (glare): it now goes by that id. */
    reportRekeyed: enqueueActions(({ self, enqueue }, params: { from: string; to: string }) => {
      if (self._parent && params.from !== params.to) enqueue.sendTo(self._parent, { type: 'CALL_REKEYED', call: self, ...params } satisfies CallReport);
    }),
    /** Tell the client about a failure it should show (a media error, a refused request nobody waits for). */
    reportFailure: enqueueActions(({ self, enqueue }, params: { error: RingError }) => {
      if (self._parent) enqueue.sendTo(self._parent, { type: 'CALL_FAILED', call: self, error: params.error } satisfies CallReport);
    }),
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
    end: assign(({ context }, params: EndParams) =>
      withEnd(context, { reason: params.reason, by: params.by, ...(params.detail === undefined ? {} : { detail: params.detail }) }),
    ),
    /** Record the server error that failed the call. */
    recordError: assign(({ context }, params: { code: ErrorCode; message: string; failure?: RingError }) =>
      withEnd(context, { error: { code: params.code, message: params.message }, ...(params.failure ? { failure: params.failure } : {}) }),
    ),
    /** Record the server's reply to this device's invite: the call as stored (the server's view wins) and this device's grant. */
    recordInvited: assign(({ context, event }) => {
      if (event.type !== 'INVITED') return {};
      return { ...newerCallInfo(context, event.call), invited: true, ...(event.livekit ? withLocal(context, { grant: event.livekit }) : {}) };
    }),
    /** Record an invite reply that came after the call was answered: only that it was taken, and the grant. */
    recordLateInvite: assign(({ context, event }) => {
      if (event.type !== 'INVITED') return {};
      return { invited: true, ...(event.livekit ? withLocal(context, { grant: event.livekit }) : {}) };
    }),
    /** Record that a member took the call with this media. */
    memberJoined: assign(({ context }, params: { user: string; media: Media }) =>
      withCall(context, { members: withMember(context.call.members, params.user, 'joined', params.media) }),
    ),
  },
  guards: {
    hasGrant: ({ event }) => (event.type === 'INVITED' || event.type === 'ANSWERED') && event.livekit !== undefined,
    notInvited: ({ context }) => !context.invited,
    mediaConnected: ({ context }) => context.local.connected,
    micWanted: ({ context }) => context.local.mic,
    cameraWanted: ({ context }) => context.local.camera,
    heldByMe: ({ context }) => isHeldByMe(context),
    heldByOthers: ({ context }) => isHeldByOthers(context),
    notHeld: ({ context }) => !isHeldByMe(context) && !isHeldByOthers(context),
    /** The room was closed or deleted by the server: the call's real end reason comes by signaling. */
    mediaClosedByServer: ({ event }) => event.type === 'MEDIA_DISCONNECTED' && event.reason === 'completed',
  },
});
