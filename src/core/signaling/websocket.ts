/**
 * The real signaling transport: a WebSocket to `ringkit-server`. Every inbound
 * frame is validated with the client schemas' `parseServerMessage` (loaded while
 * the socket opens); invalid frames are dropped and reported, never thrown.
 *
 * @packageDocumentation
 */
import { addListener } from '../listeners.js';
import { loadClientSchemas, type ClientSchemas } from '../load-client-schemas.js';
import type { ClientMessage, ProtocolError, ServerMessage } from '../../protocol/protocol.js';
import type { SignalingTransport, TransportCloseInfo, TransportFactory } from './transport.js';

/**
 * The part of a WebSocket the transport uses (the browser's, or `ws` in Node).
 * Handler parameters are `never` so both implementations' event types fit;
 * the transport reads only `data`, `code` and `reason` from them.
 *
 * @example
 * ```ts
 * const socket: WebSocketLike = new WebSocket('wss://calls.example.com');
 * ```
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
}

/**
 * A WebSocket constructor (`globalThis.WebSocket`, or `WebSocket` from `ws`).
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const Socket: WebSocketConstructor = WebSocket;
 * ```
 */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/**
 * Options of {@link websocketTransport}.
 *
 * @example
 * ```ts
 * websocketTransport({ url: 'ws://127.0.0.1:8787', user: 'alice', onInvalidFrame: (error) => console.warn(error.message) });
 * ```
 */
export interface WebSocketTransportOptions {
  /** The server's url (`wss://calls.example.com`). */
  url: string;
  /** Development servers only: sign in as this user (`?user=` on the url) without a token. */
  user?: string;
  /** The WebSocket implementation (default: the global one; pass `ws`'s in Node). */
  WebSocket?: WebSocketConstructor;
  /** Called for every inbound frame that is not a valid server message. */
  onInvalidFrame?: (error: ProtocolError) => void;
}

const OPEN = 1;

/** The url to connect to, with the dev `user` parameter when given. */
function connectUrl(url: string, user: string | undefined): string {
  if (user === undefined) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('user', user);
  return parsed.toString();
}

function resolveConstructor(given: WebSocketConstructor | undefined): WebSocketConstructor {
  if (given) return given;
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!global) throw new Error('ringkit: no WebSocket in this runtime; pass `WebSocket` (for example from the `ws` package)');
  return global;
}

/** Text of a frame: strings as they are, binary frames decoded as UTF-8. */
function frameText(data: unknown): unknown {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return data;
}

/**
 * A transport factory over WebSockets: each call opens a fresh socket.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const client = createRingClient({
 *   transport: websocketTransport({ url: 'ws://127.0.0.1:8787', user: 'alice', WebSocket }),
 *   media: () => createFakeMedia(),
 * });
 * ```
 */
export function websocketTransport(options: WebSocketTransportOptions): TransportFactory {
  return () => createWebSocketTransport(options);
}

function createWebSocketTransport(options: WebSocketTransportOptions): SignalingTransport {
  const messageListeners = new Set<(message: ServerMessage) => void>();
  const closeListeners = new Set<(info: TransportCloseInfo) => void>();
  let socket: WebSocketLike | undefined;
  let closed = false;
  let parse: ClientSchemas['parseServerMessage'] | undefined;
  /** Frames that came before the schemas (none should: the server answers `hello`, sent after `open`). */
  const early: unknown[] = [];

  function receive(data: unknown): void {
    if (!parse) return void early.push(data);
    const result = parse(frameText(data));
    if (!result.ok) {
      options.onInvalidFrame?.(result.error);
      return;
    }
    for (const listener of [...messageListeners]) listener(result.message);
  }

  function finish(info: TransportCloseInfo): void {
    if (closed) return;
    closed = true;
    for (const listener of [...closeListeners]) listener(info);
  }

  return {
    open() {
      const schemas = loadClientSchemas().then((loaded) => {
        parse = loaded.parseServerMessage;
        for (const data of early.splice(0)) receive(data);
      });
      const connected = new Promise<void>((resolve, reject) => {
        if (socket || closed) {
          reject(new Error('this transport was already used; ask the factory for a new one'));
          return;
        }
        let opened = false;
        try {
          const Socket = resolveConstructor(options.WebSocket);
          socket = new Socket(connectUrl(options.url, options.user));
        } catch (error) {
          closed = true;
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        socket.onopen = () => {
          opened = true;
          resolve();
        };
        socket.onerror = () => {
          if (!opened) reject(new Error(`could not connect to ${options.url}`));
        };
        socket.onclose = (event: { code: number; reason: string }) => {
          if (!opened) {
            closed = true;
            reject(new Error(`could not connect to ${options.url} (${event.code})`));
            return;
          }
          finish({ code: event.code, reason: event.reason });
        };
        socket.onmessage = (event: { data: unknown }) => receive(event.data);
      });
      return Promise.all([connected, schemas]).then(() => undefined);
    },
    send(message: ClientMessage) {
      if (closed || !socket || socket.readyState !== OPEN) return;
      socket.send(JSON.stringify(message));
    },
    onMessage: (listener) => addListener(messageListeners, listener),
    onClose: (listener) => addListener(closeListeners, listener),
    close() {
      if (closed) return;
      socket?.close(1000, 'client closed');
      finish({ code: 1000, reason: 'client closed' });
    },
  };
}
