'use client';
/**
 * Custom in-call messages: send them, and read those of the current call.
 *
 * @packageDocumentation
 */
import { useEffect, useRef } from 'react';
import type { CallMessage, JsonValue, RingClient } from '../core/ring-client.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient } from './use-ring-client.js';
import { useStoreSelector } from './use-store-selector.js';

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
  /** Messages of the current call (sent and received, at most 200), oldest first; cleared when a new call starts. */
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
  const { kind } = options;
  const messages = useStoreSelector(
    ring.messages,
    (all) => (kind === undefined ? all : all.filter((message) => message.kind === kind)),
    shallowEqual,
  );

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

  return { messages, send: ring.sendMessage };
}
