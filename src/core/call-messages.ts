/**
 * The custom messages of a client's current call, kept as a store (one per client).
 *
 * @packageDocumentation
 */
import type { CallMessage, JsonValue, RingClient } from './client/types.js';
import { addListener } from './listeners.js';

/**
 * The messages of the current call, sent and received, oldest first; emptied when
 * another call becomes current. Read it with `getSnapshot`/`subscribe` (the array is
 * replaced on every change).
 *
 * @example
 * ```ts
 * client.messages.subscribe(() => render(client.messages.getSnapshot()));
 * ```
 */
export interface CallMessageLog {
  /** The messages (the same array until something changes). */
  getSnapshot(): readonly CallMessage[];
  /** Listen for changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Keep at most this many messages per call. */
const MAX_CALL_MESSAGES = 200;

const NONE: readonly CallMessage[] = [];

/**
 * The message log of `client`, and a `send` that records what this device sent.
 *
 * @example
 * ```ts
 * const { log, send } = createCallMessageLog(client);
 * await send('chat', 'hello');
 * log.getSnapshot(); // [{ callId, from: 'alice', kind: 'chat', data: 'hello' }]
 * ```
 *
 * @internal
 */
export function createCallMessageLog(client: Pick<RingClient, 'getSnapshot' | 'subscribe' | 'on' | 'sendMessage'>): {
  log: CallMessageLog;
  send: RingClient['sendMessage'];
} {
  let messages = NONE;
  let callId = client.getSnapshot().call?.callId;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const add = (message: CallMessage) => {
    if (message.callId !== callId) return;
    messages = [...messages, message].slice(-MAX_CALL_MESSAGES);
    notify();
  };
  client.on('message', add);
  client.subscribe(() => {
    const next = client.getSnapshot().call?.callId;
    if (next === callId) return;
    callId = next;
    if (messages === NONE) return;
    messages = NONE;
    notify();
  });
  return {
    log: { getSnapshot: () => messages, subscribe: (listener) => addListener(listeners, listener) },
    async send(kind: string, data: JsonValue) {
      const { call, user } = client.getSnapshot();
      await client.sendMessage(kind, data);
      if (call && user !== null) add({ callId: call.callId, from: user, kind, data });
    },
  };
}
