/**
 * The memory hub: the server's call rules running in-process with the memory
 * store, handing out {@link SignalingTransport}s instead of sockets. For
 * Storybook, unit tests and demos without a server.
 *
 * @packageDocumentation
 */
import { addListener } from '../core/listeners.js';
import { parseClientMessage, type ClientMessage, type LiveKitGrant, type ServerMessage } from '../protocol/protocol.js';
import { createCallService, type CallService, type CallServiceOptions, type Connection, type GrantRequest } from '../server/call-service.js';
import { deviceIdentity } from '../server/identity.js';
import type { PrecheckGrantRequest } from '../server/precheck/precheck-request.js';
import type { SignalingTransport, TransportCloseInfo, TransportFactory } from '../core/signaling/transport.js';

/** Options of {@link createMemoryHub}: the call service's, without the multi-process ones. */
export type MemoryHubOptions = Pick<
  CallServiceOptions,
  'store' | 'clock' | 'livekitUrl' | 'ringTimeoutMs' | 'graceMs' | 'callWaiting' | 'grant' | 'precheckGrant' | 'onUnreachable' | 'onCallEnded' | 'log'
>;

/** A memory transport: a {@link SignalingTransport} that can also be dropped like a lost network. */
export interface MemoryTransport extends SignalingTransport {
  /** The user this transport connects as. */
  readonly user: string;
  /** Drop the connection abruptly (close code 1006): the device enters its grace period. */
  drop(): void;
}

/**
 * An in-process signaling hub.
 *
 * @example
 * ```ts
 * const hub = createMemoryHub();
 * const alice = createRingClient({ transport: hub.transport('alice') });
 * hub.drop('alice'); // simulate a network drop
 * ```
 */
export interface MemoryHub {
  /** The call rules behind the hub. */
  readonly service: CallService;
  /** A transport factory for `user`: every transport it makes is one device. */
  transport(user: string): TransportFactory;
  /** Drop every open transport of `user` (or of everyone) abruptly. */
  drop(user?: string): void;
  /** Close every transport and stop the hub's timers. */
  close(): void;
}

/**
 * Fake LiveKit credentials the fake media layer accepts (`url: 'memory://'`).
 *
 * @example
 * ```ts
 * const grant = await memoryGrant({ call, user: 'bob', device: 'k3f9x2' });
 * ```
 */
export async function memoryGrant({ call, user, device }: GrantRequest): Promise<LiveKitGrant> {
  const identity = deviceIdentity(user, device);
  return { url: 'memory://', token: `memory:${call.room}:${identity}`, room: call.room, identity };
}

/**
 * Fake LiveKit credentials for a pre-call check's test room (`url: 'memory://'`), which fake media accepts.
 *
 * @example
 * ```ts
 * const hub = createMemoryHub({ precheckGrant: memoryPrecheckGrant });
 * ```
 */
export async function memoryPrecheckGrant({ user, device, room }: PrecheckGrantRequest): Promise<LiveKitGrant> {
  const identity = deviceIdentity(user, device);
  return { url: 'memory://', token: `memory:${room}:${identity}`, room, identity };
}

/**
 * Run the call rules in-process and connect clients to them without a network.
 * Messages arrive asynchronously (on a microtask), in order, as copies.
 *
 * @example
 * ```ts
 * const hub = createMemoryHub({ ringTimeoutMs: 30_000 });
 * const transport = hub.transport('alice')();
 * transport.onMessage((message) => console.log(message.type));
 * await transport.open();
 * transport.send({ type: 'hello', id: 'h1', version: PROTOCOL_VERSION });
 * ```
 */
export function createMemoryHub(options: MemoryHubOptions = {}): MemoryHub {
  const service = createCallService({ grant: memoryGrant, precheckGrant: memoryPrecheckGrant, ...options });
  const open = new Set<MemoryTransport>();

  function createTransport(user: string): MemoryTransport {
    let state: 'new' | 'open' | 'closed' = 'new';
    const messageListeners = new Set<(message: ServerMessage) => void>();
    const closeListeners = new Set<(info: TransportCloseInfo) => void>();

    function emitMessage(message: ServerMessage): void {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        for (const listener of [...messageListeners]) listener(copy);
      });
    }

    function shut(info: TransportCloseInfo): void {
      if (state === 'closed') return;
      const wasOpen = state === 'open';
      state = 'closed';
      open.delete(transport);
      if (wasOpen) void service.detach(connection);
      queueMicrotask(() => {
        for (const listener of [...closeListeners]) listener(info);
      });
    }

    const connection: Connection = {
      send(message) {
        if (state === 'open') emitMessage(message);
      },
      close(code, reason) {
        shut({ code, reason });
      },
    };

    const transport: MemoryTransport = {
      user,
      async open() {
        if (state !== 'new') throw new Error('a memory transport opens once; ask the factory for a new one');
        state = 'open';
        open.add(transport);
        service.attach(user, connection);
      },
      send(message: ClientMessage) {
        if (state !== 'open') return;
        const parsed = parseClientMessage(structuredClone(message));
        if (!parsed.ok) {
          const { code, message: text, replyTo } = parsed.error;
          emitMessage({ type: 'error', code, message: text, ...(replyTo === undefined ? {} : { replyTo }) });
          return;
        }
        void service.receive(connection, parsed.message);
      },
      onMessage: (listener) => addListener(messageListeners, listener),
      onClose: (listener) => addListener(closeListeners, listener),
      close() {
        shut({ code: 1000, reason: 'closed by the client' });
      },
      drop() {
        shut({ code: 1006, reason: 'connection dropped' });
      },
    };
    return transport;
  }

  return {
    service,
    transport: (user) => () => createTransport(user),
    drop(user) {
      for (const transport of [...open]) if (user === undefined || transport.user === user) transport.drop();
    },
    close() {
      for (const transport of [...open]) transport.close();
      service.close();
    },
  };
}
