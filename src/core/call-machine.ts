/**
 * The client call machine (XState v5): one call, from the first ring to the
 * end, as seen by one device. This is where the state of a call lives. It owns
 * its I/O as child actors: each request to the server is a `request` actor
 * (its reply or failure is a machine event), the media session is the `media`
 * actor (stopped when the call ends, which leaves the room). A client provides
 * both once: `callMachine.provide({ actors: { request, media } })`.
 *
 * ```
 * idle
 * outgoing.calling -> outgoing.ringing        (a callee device rings)
 * incoming.ringing -> incoming.answering      (ACCEPT sent)
 * connecting                                  (joining the media room)
 * active  (parallel: connection connected|reconnecting, mic on|off, camera on|off; SET_SCREEN_SHARE shares the screen)
 * held    (call waiting: mine = this user holds it, media paused; theirs = everyone else holds it)
 * ended   (closing -> settled once the server answered this device's farewell; context.endReason, context.endedBy)
 * ```
 *
 * @packageDocumentation
 */
import { assign, enqueueActions, raise, type DoneActorEvent, type SnapshotFrom } from 'xstate';
import { fromCallInfo, initialCallContext, mediaOf, memberStateAfter, peersOf, withMember } from './machine/context.js';
import { endedState } from './machine/ended-state.js';
import { heldState } from './machine/held-state.js';
import { holdersAfter, ownHoldConfirmed } from './machine/hold.js';
import { idleState } from './machine/idle-state.js';
import { activeState, connectingState } from './machine/in-call-states.js';
import { incomingState } from './machine/incoming-state.js';
import { outgoingState } from './machine/outgoing-state.js';
import { callMachineSetup } from './machine/setup.js';
import { resultEvent, settleRequest } from './machine/shared-transitions.js';
import type { RequestResult } from './machine/types.js';

export type * from './machine/types.js';
export { callMediaActor, type CallMediaActorOptions } from './machine/media-actor.js';
export { callRequestActor } from './machine/request-actor.js';
export { DEFAULT_CALL_TIMEOUTS } from './machine/context.js';
export { callStatusOf } from './call-status.js';

/**
 * The call machine. Provide its `request` actor, start it with
 * `createActor(machine, { input: { self } })`, then send `CALL` (caller) or `INCOMING` (callee).
 *
 * @example
 * ```ts
 * const machine = callMachine.provide({ actors: { request: fromPromise(({ input }) => send(input.message)) } });
 * const actor = createActor(machine, { input: { self: 'alice' } }).start();
 * actor.send({ type: 'CALL', callId: 'c1', to: ['bob'], media: 'video' });
 * ```
 */
export const callMachine = callMachineSetup.createMachine({
  id: 'call',
  context: ({ input }) => initialCallContext(input),
  initial: 'idle',
  on: {
    VERSION_SEEN: {
      guard: ({ context, event }) => event.version > context.version,
      actions: assign({ version: ({ event }) => event.version }),
    },
    UPDATED: {
      // An update decided before what this actor holds is dropped (it would take the call back).
      guard: ({ context, event }) => event.call.version >= context.version,
      actions: assign(({ context, event }) => {
        const { createdAt: _createdAt, ...rest } = fromCallInfo(event.call, context.self);
        return { ...rest, ...(context.info ? { info: event.call } : {}) };
      }),
    },
    HELD: { actions: assign({ heldBy: ({ context, event }) => event.heldBy ?? holdersAfter(context.heldBy, event.by, true) }) },
    RESUMED: { actions: assign({ heldBy: ({ context, event }) => event.heldBy ?? holdersAfter(context.heldBy, event.by, false) }) },
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
    MEDIA_READY: { actions: assign({ session: ({ event }) => event.session }) },
    MEDIA_SNAPSHOT: { actions: assign({ mediaSnapshot: ({ event }) => event.snapshot }) },
    SCREEN_SHARE: {
      actions: assign(({ event }) => ({ screenShare: event.sharing ? ('on' as const) : ('off' as const), screenShareError: event.error })),
    },
    MEDIA_ERROR: { actions: { type: 'reportFailure', params: ({ event }) => ({ error: event.error }) } },
    // The invite's reply, in whatever state the call is by then (a late reply still brings its grant).
    'xstate.done.actor.invite': { actions: raise(({ event }) => resultEvent((event as DoneActorEvent<RequestResult>).output, 'invited', 'INVITED')) },
    'xstate.done.actor.*': {
      actions: [
        assign({ requests: ({ context, event }) => settleRequest(context.requests, event.actorId, event.output) }),
        enqueueActions(({ context, event, enqueue }) => {
          const done = event as DoneActorEvent<RequestResult>;
          const confirmed = ownHoldConfirmed(done.actorId ?? '', done.output, context.self);
          if (confirmed) enqueue.raise(confirmed);
        }),
      ],
    },
  },
  states: {
    idle: idleState,
    outgoing: outgoingState,
    incoming: incomingState,
    connecting: connectingState,
    active: activeState,
    held: heldState,
    ended: endedState,
  },
});

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
