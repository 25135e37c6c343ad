/**
 * The signaling transport contract: how a ring client talks to the call rules,
 * over a real WebSocket or through the in-process memory hub.
 *
 * @packageDocumentation
 */
import type { ClientMessage, ServerMessage } from '../../protocol/protocol.js';

/** Why a transport closed. */
export interface TransportCloseInfo {
  /** WebSocket-style close code (1000 normal, 1006 dropped, 4001 unauthorized...). */
  code: number;
  /** Words for people. */
  reason: string;
}

/**
 * One connection to the signaling server. A transport is used once: after
 * `close` (or a drop) the client asks its factory for a new one.
 *
 * @example
 * ```ts
 * const transport = factory();
 * transport.onMessage((message) => console.log(message.type));
 * await transport.open();
 * transport.send({ type: 'hello', id: 'r1', version: PROTOCOL_VERSION, token });
 * ```
 */
export interface SignalingTransport {
  /** Open the connection; resolves once messages can be sent, rejects if it cannot open. */
  open(): Promise<void>;
  /** Send one message (dropped silently once closed). */
  send(message: ClientMessage): void;
  /** Listen for validated server messages; returns the unsubscribe function. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Listen for the connection closing or dropping; returns the unsubscribe function. */
  onClose(listener: (info: TransportCloseInfo) => void): () => void;
  /** Close the connection on purpose. */
  close(): void;
}

/** Makes a fresh transport for each (re)connection. */
export type TransportFactory = () => SignalingTransport;
