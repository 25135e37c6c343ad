/**
 * Watching ring clients through glare: every server message a device gets
 * (recorded at its transport) and every snapshot of its client, checked for
 * the three promises of call versions: per call, no message after one of a
 * newer version (replies aside: they answer a request and always go out);
 * no ring for a call the device is in; the call state never moves back.
 */
import { callStampOf } from '../../src/protocol/call-version.js';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import type { RingClient } from '../../src/core/ring-client.js';
import type { TransportFactory } from '../../src/core/signaling/transport.js';

/** How far a call has come, per client status (glare may skip steps, never go back). */
const RANK: Record<string, number> = { calling: 0, ringing: 1, incoming: 1, answering: 2, connecting: 3, active: 4, reconnecting: 4, ended: 5 };
const JOINED = 3;
const ENDED = 5;

/** What a watched device did wrong (empty when all is well). */
export interface DeviceWatch {
  /** Wrap a transport so every message it hands the client is checked first. */
  transport(factory: TransportFactory): TransportFactory;
  /** Check every snapshot of `client` from now on; returns the unsubscribe function. */
  follow(client: RingClient): () => void;
  /** Check a message a raw socket received. */
  receive(message: ServerMessage): void;
  readonly violations: string[];
  /** Messages seen per call, for the report of a violation. */
  readonly messages: ServerMessage[];
}

/**
 * Watch one device.
 *
 * @example
 * ```ts
 * const watch = watchDevice('alice');
 * const made = createTestClient(watch.transport(websocketTransport({ url, user: 'alice', WebSocket })), mediaHub);
 * watch.follow(made.client);
 * ```
 */
export function watchDevice(name: string): DeviceWatch {
  const newest = new Map<string, number>();
  const rank = new Map<string, number>();
  const violations: string[] = [];
  const messages: ServerMessage[] = [];

  function receive(message: ServerMessage): void {
    messages.push(message);
    const stamp = callStampOf(message);
    if (!stamp) return;
    const held = newest.get(stamp.callId) ?? 0;
    if (stamp.version < held && !('replyTo' in message)) {
      violations.push(`${name}: ${message.type} of ${stamp.callId} at version ${stamp.version} after version ${held}`);
    }
    newest.set(stamp.callId, Math.max(held, stamp.version));
  }

  return {
    violations,
    messages,
    receive,
    transport(factory) {
      return () => {
        const inner = factory();
        return {
          open: () => inner.open(),
          send: (message) => inner.send(message),
          onMessage: (listener) =>
            inner.onMessage((message) => {
              receive(message);
              listener(message);
            }),
          onClose: (listener) => inner.onClose(listener),
          close: () => inner.close(),
        };
      };
    },
    follow(client) {
      const joined = new Set<string>();
      return client.subscribe(() => {
        const { call, incoming } = client.getSnapshot();
        if (call && call.status !== 'ended') {
          if ((RANK[call.status] ?? 0) >= JOINED) joined.add(call.callId);
          const before = rank.get(call.callId) ?? -1;
          const now = RANK[call.status] ?? -1;
          if (now < before) violations.push(`${name}: call ${call.callId} went back to ${call.status}`);
          rank.set(call.callId, Math.max(before, now));
        } else if (call) {
          rank.set(call.callId, ENDED);
        }
        for (const ringing of incoming) {
          if (joined.has(ringing.callId)) violations.push(`${name}: rings for call ${ringing.callId}, which it is in`);
        }
      });
    },
  };
}
