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
 * ended   (closing -> settled once the server answered this device's farewell; context.end.reason, context.end.by)
 * ```
 *
 * @packageDocumentation
 */
import { assign, enqueueActions, raise, type DoneActorEvent, type SnapshotFrom } from 'xstate';
import { fromCallInfo, initialCallContext, mediaOf, memberStateAfter, peersOf, withCall, withLocal, withMember } from './machine/context.js';
import { endedState } from './machine/ended-state.js';
import { heldState } from './machine/held-state.js';
import { holdersAfter, ownHoldConfirmed } from './machine/hold.js';
import { idleState } from './machine/idle-state.js';
import { activeState, connectingState } from './machine/in-call-states.js';
import { incomingState } from './machine/incoming-state.js';
import { outgoingState } from './machine/outgoing-state.js';
import { callMachineSetup } from './machine/setup.js';
import { resultEvent, settleRequest } from './machine/shared-transitions.js';
import type { CallMachineEvent, RequestResult } from './machine/types.js';

export type * from './machine/types.js';
export { callMediaActor, type CallMediaActorOptions } from './machine/media-actor.js';
export { callRequestActor } from './machine/request-actor.js';
export { DEFAULT_CALL_TIMEOUTS } from './machine/context.js';
export { callStatusOf } from './call-status.js';

function newerVersion(event: CallMachineEvent, version: number): number | undefined {
  const stamp = (event as { version?: unknown }).version;
  return typeof stamp === 'number' && stamp > version ? stamp : undefined;
}

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
  // A forwarded server message carries its call version: kept after the message's own transition, in the same macrostep.
  always: {
    guard: ({ context, event }) => newerVersion(event, context.version) !== undefined,
    actions: assign({ version: ({ context, event }) => newerVersion(event, context.version) ?? context.version }),
  },
  on: {
    UPDATED: {
      // An update decided before what this actor holds is dropped (it would take the call back).
      guard: ({ context, event }) => event.call.version >= context.version,
      actions: assign(({ context, event }) => {
        const update = fromCallInfo(event.call, context, true);
        return context.call.info ? { ...update, call: { ...update.call, info: event.call } } : update;
      }),
    },
    HELD: { actions: assign(({ context, event }) => withCall(context, { heldBy: event.heldBy ?? holdersAfter(context.call.heldBy, event.by, true) })) },
    RESUMED: { actions: assign(({ context, event }) => withCall(context, { heldBy: event.heldBy ?? holdersAfter(context.call.heldBy, event.by, false) })) },
    MEMBER_JOINED: {
      actions: assign(({ context, event }) =>
        withCall(context, {
          members: withMember(context.call.members, event.user, 'joined', mediaOf(context, event.user)),
          peers: peersOf(withMember(context.call.members, event.user, 'joined', context.media), context.self),
        }),
      ),
    },
    MEMBER_LEFT: {
      actions: assign(({ context, event }) => {
        const members = withMember(context.call.members, event.user, memberStateAfter(event.reason), mediaOf(context, event.user), event.detail);
        return withCall(context, { members, peers: peersOf(members, context.self) });
      }),
    },
    TOGGLE_MIC: {
      actions: [
        assign(({ context }) => withLocal(context, { mic: !context.local.mic })),
        { type: 'setMicrophone', params: ({ context }) => ({ enabled: context.local.mic }) },
      ],
    },
    SET_MIC: {
      guard: ({ context, event }) => context.local.mic !== event.enabled,
      actions: [
        assign(({ context, event }) => withLocal(context, { mic: event.enabled })),
        { type: 'setMicrophone', params: ({ event }) => ({ enabled: event.enabled }) },
      ],
    },
    TOGGLE_CAMERA: {
      actions: [
        assign(({ context }) => withLocal(context, { camera: !context.local.camera })),
        { type: 'setCamera', params: ({ context }) => ({ enabled: context.local.camera }) },
      ],
    },
    SET_CAMERA: {
      guard: ({ context, event }) => context.local.camera !== event.enabled,
      actions: [
        assign(({ context, event }) => withLocal(context, { camera: event.enabled })),
        { type: 'setCamera', params: ({ event }) => ({ enabled: event.enabled }) },
      ],
    },
    DEVICE_ERROR: {
      actions: assign(({ context, event }) =>
        withLocal(context, {
          deviceError: event.error,
          mic: event.error.kind === 'audioinput' ? false : context.local.mic,
          camera: event.error.kind === 'videoinput' ? false : context.local.camera,
        }),
      ),
    },
    REMOTE_CHANGED: { actions: assign({ remote: ({ event }) => event.remote }) },
    QUALITY_CHANGED: { actions: assign(({ context, event }) => withLocal(context, { quality: event.quality })) },
    MEDIA_READY: { actions: assign(({ context, event }) => withLocal(context, { session: event.session, snapshot: event.snapshot })) },
    MEDIA_SNAPSHOT: { actions: assign(({ context, event }) => withLocal(context, { snapshot: event.snapshot })) },
    SCREEN_SHARE: {
      actions: assign(({ context, event }) =>
        withLocal(context, { screenShare: event.sharing ? 'on' : 'off', screenShareError: event.error }),
      ),
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
