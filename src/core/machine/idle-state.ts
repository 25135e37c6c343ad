/**
 * The call machine before its call: placing one (`CALL`) or being rung (`INCOMING`).
 *
 * @packageDocumentation
 */
import { assign } from 'xstate';
import { fromCallInfo, withLocal } from './context.js';
import { callMachineSetup } from './setup.js';

/**
 * The `idle` state: `CALL` sends the invite and goes `outgoing`; `INCOMING` acknowledges the ring,
 * starts the media actor warming up, and goes `incoming`.
 *
 * @example
 * ```ts
 * callMachineSetup.createMachine({ id: 'call', initial: 'idle', states: { idle: idleState, ... } });
 * ```
 */
export const idleState = callMachineSetup.createStateConfig({
  on: {
    CALL: {
      target: 'outgoing',
      actions: [
        assign(({ context, event }) => ({
          callId: event.callId,
          direction: 'outgoing' as const,
          media: event.media,
          call: {
            ...context.call,
            peers: [...event.to],
            members: [
              { user: context.self, state: 'joined' as const, media: event.media },
              ...event.to.map((user) => ({ user, state: 'invited' as const, media: event.media })),
            ],
            extra: event.extra,
            push: event.push,
            createdAt: Date.now(),
          },
          capture: event.capture ?? {},
          ...withLocal(context, { camera: event.media === 'video' }),
        })),
        // The invite leaves first: children start in the order they are spawned.
        'sendInvite',
        { type: 'startMedia', params: { prepare: false } },
      ],
    },
    INCOMING: {
      target: 'incoming',
      actions: [
        assign(({ context, event }) => {
          const update = fromCallInfo(event.call, context);
          return {
            ...update,
            direction: 'incoming' as const,
            call: { ...update.call, info: event.call, waiting: event.waiting === true },
            ...withLocal(context, { camera: event.call.media === 'video' }),
          };
        }),
        { type: 'signal', params: ({ event }) => ({ type: 'ack' as const, callId: event.call.callId }) },
        {
          type: 'startMedia',
          params: ({ event }) => ({ prepare: true, ...(event.livekitUrl === undefined ? {} : { url: event.livekitUrl }) }),
        },
      ],
    },
  },
});
