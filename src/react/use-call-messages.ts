'use client';
/**
 * Custom in-call messages: send them, and read those of the current call.
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { CallMessage, JsonValue, RingClient } from '../core/ring-client.js';
import { useRingClient } from './use-ring-client.js';

/** The messages of a client's current call, kept from the first hook that asks. */
interface MessageLog {
  get(): readonly CallMessage[];
  add(message: CallMessage): void;
  subscribe(listener: () => void): () => void;
}

const logs = new WeakMap<RingClient, MessageLog>();
const NONE: readonly CallMessage[] = [];

/** Keep at most this many messages per call. */
const MAX_MESSAGES = 200;

function logOf(client: RingClient): MessageLog {
  const existing = logs.get(client);
  if (existing) return existing;
  let messages: readonly CallMessage[] = NONE;
  let callId = client.getSnapshot().call?.callId;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const log: MessageLog = {
    get: () => messages,
    add(message) {
      if (message.callId !== callId) return;
      messages = [...messages, message].slice(-MAX_MESSAGES);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
  client.on('message', (message) => log.add(message));
  client.subscribe(() => {
    const next = client.getSnapshot().call?.callId;
    if (next === callId) return;
    callId = next;
    messages = NONE;
    notify();
  });
  logs.set(client, log);
  return log;
}

/**
 * Options of {@link useCallMessages}.
 *
 * @example
 * ```tsx
 * useCallMessages({ kind: 'chat', onMessage: (m) => toast(`${m.from}: ${String(m.data)}`) });
 * ```
 */
export interface UseCallMessagesOptions {
  /** Only messages of this kind. */
  kind?: string;
  /** Called for each message another member sends. */
  onMessage?: (message: CallMessage) => void;
  /** An explicit client (default: the provider's). */
  client?: RingClient;
}

/**
 * What {@link useCallMessages} returns.
 *
 * @example
 * ```tsx
 * const { messages, send } = useCallMessages({ kind: 'chat' });
 * ```
 */
export interface UseCallMessagesResult {
  /** Messages of the current call (sent and received), oldest first; cleared when a new call starts. */
  messages: readonly CallMessage[];
  /** Send a message (JSON, at most 4 KiB) to the other members of the current call. */
  send(kind: string, data: JsonValue): Promise<void>;
}

/**
 * Send and receive app-defined messages inside a call (chat, reactions,
 * "raise hand"...). Messages go through the signaling server to the other
 * members.
 *
 * @example
 * ```tsx
 * function Reactions() {
 *   const { messages, send } = useCallMessages({ kind: 'emoji' });
 *   return (
 *     <>
 *       <button onClick={() => send('emoji', '👍')}>👍</button>
 *       {messages.map((m, i) => <span key={i}>{m.from}: {String(m.data)}</span>)}
 *     </>
 *   );
 * }
 * ```
 */
export function useCallMessages(options: UseCallMessagesOptions = {}): UseCallMessagesResult {
  const ring = useRingClient(options.client);
  const log = useMemo(() => logOf(ring), [ring]);
  const all = useSyncExternalStore(log.subscribe, log.get, log.get);
  const { kind } = options;
  const messages = useMemo(() => (kind === undefined ? all : all.filter((message) => message.kind === kind)), [all, kind]);

  const onMessage = useRef(options.onMessage);
  useEffect(() => {
    onMessage.current = options.onMessage;
  });
  useEffect(
    () =>
      ring.on('message', (message) => {
        if (kind === undefined || message.kind === kind) onMessage.current?.(message);
      }),
    [ring, kind],
  );

  const send = useCallback(
    async (messageKind: string, data: JsonValue) => {
      const snapshot = ring.getSnapshot();
      await ring.sendMessage(messageKind, data);
      const callId = snapshot.call?.callId;
      if (callId !== undefined && snapshot.user !== null) log.add({ callId, from: snapshot.user, kind: messageKind, data });
    },
    [ring, log],
  );

  return { messages, send };
}
