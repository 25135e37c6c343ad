/**
 * Server messages into the ring client: the welcome (after a first connection
 * or a reconnection) and every message that is not a reply, turned into call
 * machine events, store changes and client events.
 *
 * @packageDocumentation
 */
import { RingError } from '../errors.js';
import type { CallMachineEvent } from '../machine/types.js';
import type { ServerMessage, ServerMessageOf } from '../../protocol/protocol.js';
import type { CallRegistry } from './call-registry.js';
import type { ClientOutput } from './client-output.js';

/**
 * Where server messages go: the client's calls and its outlets.
 *
 * @example
 * ```ts
 * const routing = createServerRouting({ calls, output });
 * createConnection({ ...connectionOptions, onWelcome: routing.welcomed, onMessage: routing.route });
 * ```
 */
export interface ServerRoutingOptions {
  /** The client's calls. */
  calls: CallRegistry;
  /** Where the client reports to. */
  output: ClientOutput;
}

/**
 * The handlers a client's connection calls.
 *
 * @example
 * ```ts
 * routing.route({ type: 'ringing', callId: 'c1', by: 'bob' });
 * ```
 */
export interface ServerRouting {
  /** The server welcomed this device: take its identity, and reconcile the calls it still knows. */
  welcomed(welcome: ServerMessageOf<'welcome'>): void;
  /** A message that is not a reply to a pending request. */
  route(message: ServerMessage): void;
}

/**
 * Create the routing of server messages into a client's calls and store.
 *
 * @example
 * ```ts
 * const routing = createServerRouting({ calls, output });
 * routing.route(message);
 * ```
 */
export function createServerRouting({ calls, output }: ServerRoutingOptions): ServerRouting {
  const { store, emit, fail } = output;

  /** Hand a call's event to its machine, if the call is known here. */
  function forward(callId: string, event: CallMachineEvent): void {
    calls.entries.get(callId)?.actor.send(event);
  }

  function welcomed(welcome: ServerMessageOf<'welcome'>): void {
    store.set({ user: welcome.user, device: welcome.device, presence: welcome.presence, error: null });
    const stillThere = new Map(welcome.calls.map((call) => [call.callId, call]));
    for (const entry of [...calls.entries.values()]) {
      const call = stillThere.get(entry.callId);
      if (call) entry.actor.send({ type: 'UPDATED', call });
      else if (!welcome.resumed || entry === calls.current) {
        if (entry.actor.getSnapshot().matches({ incoming: 'ringing' }) && !welcome.resumed) continue;
        entry.actor.send({ type: 'ENDED', reason: 'connection-lost', by: null });
      }
    }
  }

  function route(message: ServerMessage): void {
    switch (message.type) {
      case 'incoming': {
        const known = calls.entries.get(message.call.callId);
        if (known) {
          known.info = message.call;
          known.actor.send({ type: 'UPDATED', call: message.call });
          return;
        }
        if (message.livekitUrl) calls.livekitUrl = message.livekitUrl;
        const entry = calls.open(message.call.callId, {}, message.call);
        entry.actor.send({ type: 'INCOMING', call: message.call });
        emit('incoming', message.call);
        return;
      }
      case 'ringing':
        return forward(message.callId, { type: 'RINGING', by: message.by });
      case 'accepted':
        if (message.livekit) calls.livekitUrl = message.livekit.url;
        return forward(message.callId, {
          type: 'ACCEPTED',
          by: message.by,
          media: message.media,
          ...(message.livekit ? { livekit: message.livekit } : {}),
        });
      case 'joined':
        return forward(message.callId, { type: 'MEMBER_JOINED', user: message.user });
      case 'left':
        return forward(message.callId, { type: 'MEMBER_LEFT', user: message.user, reason: message.reason });
      case 'ended':
        return forward(message.callId, { type: 'ENDED', reason: message.reason, by: message.by });
      case 'updated': {
        const entry = calls.entries.get(message.call.callId);
        if (entry?.info) entry.info = message.call;
        return forward(message.call.callId, { type: 'UPDATED', call: message.call });
      }
      case 'message':
        emit('message', { callId: message.callId, from: message.from, kind: message.kind, data: message.data });
        return;
      case 'presence':
        store.set({ watched: { ...store.get().watched, [message.user]: message.status } });
        return;
      case 'error':
        fail(new RingError(message.code, message.message, message.callId === undefined ? {} : { callId: message.callId }));
        return;
      default:
        // Replies that arrive after their request timed out: nothing waits for them any more.
        return;
    }
  }

  return { welcomed, route };
}
