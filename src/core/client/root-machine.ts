/**
 * The root client actor (XState v5): connection status, this user and
 * device, presence and watched users, missed calls, history, the last error,
 * and the calls, one call actor each (spawned here, keyed by call id). Server
 * messages about a call are forwarded to its actor; what a call actor reports
 * (ended, settled, re-keyed by glare, failed) comes back here.
 *
 * @packageDocumentation
 */
import { assign, enqueueActions } from 'xstate';
import { RingError } from '../errors.js';
import { callStampOf } from '../../protocol/call-version.js';
import { isSettledCall, missedReason, toCurrentCall } from './call-view.js';
import { heldCalls, initialRootContext, isLiveRef, isStale, rootSetup, SETTLED_CALLS, type CallActorRef } from './root-setup.js';
import { callEventOf, shouldRing } from './server-messages.js';
import type { WatchedPresence } from './snapshot-types.js';

/**
 * The root client actor's machine. A client provides its call machine once
 * (`rootMachine.provide({ actors: { call } })`) and starts one actor of it.
 *
 * @example
 * ```ts
 * const root = createActor(rootMachine.provide({ actors: { call: providedCallMachine } }), { input: {} }).start();
 * root.send({ type: 'PLACE', callId: 'c1', to: ['bob'], media: 'audio' });
 * ```
 */
export const rootMachine = rootSetup.createMachine({
  id: 'client',
  context: ({ input }) => initialRootContext(input),
  on: {
    STATUS: { actions: assign({ connection: ({ event }) => event.status }) },

    WELCOMED: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const { welcome } = event;
        enqueue.assign({ user: welcome.user, device: welcome.device, presence: welcome.presence, error: null });
        const stillThere = new Map(welcome.calls.map((call) => [call.callId, call]));
        for (const [callId, call] of Object.entries(context.calls)) {
          const info = stillThere.get(callId);
          if (info) enqueue.sendTo(call, { type: 'UPDATED', call: info });
          else if (!welcome.resumed || call === context.current) {
            // A new session still rings here until the server says otherwise (it re-sends `incoming`).
            if (call.getSnapshot().matches({ incoming: 'ringing' }) && !welcome.resumed) continue;
            enqueue.sendTo(call, { type: 'ENDED', reason: 'connection-lost', by: null });
          }
        }
      }),
    },

    SERVER_MESSAGE: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const { message } = event;
        const stamp = callStampOf(message);
        if (stamp) {
          // Messages about a call never take it back: one older than what its actor holds, or about a call over here, is dropped.
          const held = context.calls[stamp.callId];
          // The forwarded event carries the version (a reply's call brings its own): one call actor step per message.
          if (held ? stamp.version < held.getSnapshot().context.version : context.settled.includes(stamp.callId)) return;
        }
        const forward = callEventOf(message);
        if (forward) {
          const call = context.calls[forward.callId];
          if (call) enqueue.sendTo(call, forward.event);
          return;
        }
        switch (message.type) {
          case 'incoming': {
            const known = context.calls[message.call.callId];
            if (known) {
              enqueue.sendTo(known, { type: 'UPDATED', call: message.call });
              return;
            }
            if (!shouldRing(message.call, context.user)) return;
            const livekitUrl = message.livekitUrl ?? context.livekitUrl;
            if (message.livekitUrl) enqueue.assign({ livekitUrl: message.livekitUrl });
            enqueue({ type: 'spawnCall', params: { callId: message.call.callId, current: false } });
            enqueue.sendTo(({ context: next }) => next.calls[message.call.callId] as CallActorRef, {
              type: 'INCOMING',
              call: message.call,
              ...(livekitUrl === undefined ? {} : { livekitUrl }),
              ...(message.waiting ? { waiting: true } : {}),
            });
            enqueue.emit({ type: 'incoming', event: message.call });
            return;
          }
          case 'message':
            enqueue.emit({ type: 'message', event: { callId: message.callId, from: message.from, kind: message.kind, data: message.data } });
            return;
          case 'presence':
            enqueue.assign({ watched: { ...context.watched, [message.user]: message.status } });
            return;
          case 'error':
            enqueue({
              type: 'fail',
              params: { error: new RingError(message.code, message.message, message.callId === undefined ? {} : { callId: message.callId }) },
            });
            return;
          default:
            // Replies that arrive after their request timed out: nothing waits for them any more.
            return;
        }
      }),
    },

    PLACE: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const previous = context.current;
        enqueue({ type: 'spawnCall', params: { callId: event.callId, current: true } });
        enqueue.sendTo(({ context: next }) => next.calls[event.callId] as CallActorRef, {
          type: 'CALL',
          callId: event.callId,
          to: event.to,
          media: event.media,
          ...(event.extra === undefined ? {} : { extra: event.extra }),
          ...(event.push === undefined ? {} : { push: event.push }),
          ...(event.capture === undefined ? {} : { capture: event.capture }),
        });
        // The call shown before goes once the invite is out (stopping an actor stops its media session).
        if (previous && isSettledCall(previous.getSnapshot())) enqueue.stopChild(previous);
      }),
    },

    ANSWER: {
      actions: enqueueActions(({ event, enqueue }) => {
        enqueue({ type: 'makeCurrent', params: { call: event.call } });
        enqueue.sendTo(event.call, {
          type: 'ACCEPT',
          media: event.media,
          ...(event.capture === undefined ? {} : { capture: event.capture }),
          ...(event.active === undefined ? {} : { active: event.active }),
        });
      }),
    },

    SHOW: { actions: { type: 'makeCurrent', params: ({ event }) => ({ call: event.call }) } },

    CALL_ENDED: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const call = event.call as CallActorRef;
        const snapshot = call.getSnapshot();
        const { callId } = snapshot.context;
        if (context.calls[callId] === call) {
          const { [callId]: _ended, ...calls } = context.calls;
          enqueue.assign({ calls, settled: [callId, ...context.settled.filter((id) => id !== callId)].slice(0, SETTLED_CALLS) });
        }
        const view = toCurrentCall(snapshot);
        if (call === context.current) {
          if (view) enqueue.emit({ type: 'ended', event: view });
          return;
        }
        const { call: { info }, end: { at: endedAt } } = snapshot.context;
        const missedFor = missedReason(snapshot.context);
        if (info && missedFor) {
          const missed = { call: info, reason: missedFor, at: endedAt ?? Date.now() };
          enqueue.assign({ missed: [missed, ...context.missed] });
          enqueue.emit({ type: 'missed', event: missed });
        }
        // A ring that ended here (declined, cancelled, answered elsewhere...) becomes the ended
        // current call when no other call is live, so the UI can say why it stopped.
        if (!isLiveRef(context.current)) {
          enqueue({ type: 'makeCurrent', params: { call } });
          if (view) enqueue.emit({ type: 'ended', event: view });
        }
      }),
    },

    CALL_SETTLED: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        if (event.call !== context.current) enqueue.stopChild(event.call as CallActorRef);
      }),
    },

    CALL_REKEYED: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const call = event.call as CallActorRef;
        const copy = context.calls[event.to];
        // The server joined this device's call into the other side's ringing one: that ring stops silently.
        if (copy && copy !== call) enqueue.stopChild(copy);
        const { [event.from]: _placed, [event.to]: _ringing, ...others } = context.calls;
        enqueue.assign({ calls: { ...others, [event.to]: call } });
      }),
    },

    CALL_FAILED: {
      actions: enqueueActions(({ event, enqueue }) => {
        if (!isStale(event.error)) enqueue({ type: 'fail', params: { error: event.error } });
      }),
    },

    FAILED: { actions: { type: 'fail', params: ({ event }) => ({ error: event.error }) } },

    PRESENCE_SET: { actions: assign({ presence: ({ event }) => event.status }) },

    WATCHING: {
      actions: assign({
        watched: ({ context, event }) => {
          const watched: Record<string, WatchedPresence> = {};
          for (const user of event.users) {
            const status = context.watched[user];
            if (status !== undefined) watched[user] = status;
          }
          return watched;
        },
      }),
    },

    HISTORY: { actions: assign({ history: ({ event }) => event.entries }) },

    RATED: {
      actions: assign({
        history: ({ context, event }) =>
          context.history.map((entry) => (entry.callId === event.callId ? { ...entry, rating: event.rating } : entry)),
      }),
    },

    DEVICE_CHOSEN: {
      actions: assign({ chosenDevices: ({ context, event }) => ({ ...context.chosenDevices, [event.kind]: event.deviceId }) }),
    },

    DISMISS: {
      actions: enqueueActions(({ context, enqueue }) => {
        const { current } = context;
        if (current && !isLiveRef(current)) {
          if (!Object.values(context.calls).includes(current)) enqueue.stopChild(current);
          // A call still on hold (call waiting) is shown next.
          enqueue.assign({ current: heldCalls(context)[0] ?? null });
        }
        enqueue.assign({ error: null });
      }),
    },

    CLOSE: {
      actions: enqueueActions(({ context, enqueue }) => {
        for (const call of Object.values(context.calls)) if (call !== context.current) enqueue.stopChild(call);
        if (context.current) enqueue.stopChild(context.current);
        enqueue.assign({ calls: {} });
      }),
    },
  },
});
