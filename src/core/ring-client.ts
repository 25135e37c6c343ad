/**
 * The ring client: connection, calls and store, without React.
 *
 * The parts live in `client/`: the calls with their machines and media
 * (`call-registry.ts`), server messages into them (`server-routing.ts`), the
 * public methods (`client-methods.ts`), and the store and events (`client-output.ts`).
 *
 * @packageDocumentation
 */
import { createCallMessageLog } from './call-messages.js';
import { DEFAULT_BACKOFF } from './client/backoff.js';
import { createCallRegistry } from './client/call-registry.js';
import { createClientMethods } from './client/client-methods.js';
import { createClientOutput } from './client/client-output.js';
import { createConnection } from './client/connection.js';
import { createServerRouting } from './client/server-routing.js';
import type { RingClient, RingClientOptions } from './client/types.js';
import { RingError, toRingError } from './errors.js';
import { getDefaultDeviceManager } from './media/devices.js';
import type { MediaFactory } from './media/types.js';
import { websocketTransport } from './signaling/websocket.js';

export type { CallMessageLog } from './call-messages.js';
export type {
  AcceptOptions,
  BackoffOptions,
  CallMessage,
  CallOptions,
  CallStatus,
  CallTimeouts,
  ConnectionStatus,
  CurrentCall,
  JsonValue,
  MissedCall,
  RemoteMediaState,
  RingClient,
  RingClientEvents,
  RingClientOptions,
  RingClientSnapshot,
  WatchedPresence,
} from './client/types.js';

function defaultMediaFactory(): MediaFactory {
  return async () => (await import('./media/livekit.js')).createLiveKitMedia();
}

/**
 * Create a ring client. It does not connect until `connect()` (which
 * `<RingProvider>` calls on mount), so creating one during server rendering is safe.
 *
 * @example
 * ```ts
 * const client = createRingClient({ url: 'wss://calls.example.com', token: () => fetchToken() });
 * await client.connect();
 * client.subscribe(() => console.log(client.getSnapshot().incoming));
 * const callId = await client.call('bob', { video: true });
 * ```
 */
export function createRingClient(options: RingClientOptions): RingClient {
  if (!options.transport && !options.url) throw new RingError('invalid-argument', 'createRingClient needs `url` or `transport`');
  const transport = options.transport ?? websocketTransport({ url: options.url ?? '', ...(options.user === undefined ? {} : { user: options.user }) });
  const devices = options.devices ?? getDefaultDeviceManager();
  const output = createClientOutput();
  const calls = createCallRegistry({
    options,
    output,
    mediaFactory: options.media ?? defaultMediaFactory(),
    devices,
    // Calls only send once the connection below exists.
    request: (message, requestOptions) => connection.request(message, requestOptions),
  });
  const routing = createServerRouting({ calls, output });
  const connection = createConnection({
    transport,
    token: options.token,
    backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    onStatus: (status) => output.store.set({ connection: status }),
    onWelcome: routing.welcomed,
    onMessage: routing.route,
    onError: output.fail,
  });

  const parts = {
    devices,
    getSnapshot: output.store.get,
    subscribe: output.store.subscribe,
    on: output.on,
    ...createClientMethods({ calls, output, connection }),
  };
  const messages = createCallMessageLog(parts);
  const client: RingClient = { ...parts, sendMessage: messages.send, messages: messages.log };

  devices.onSelect((kind, deviceId) => {
    void client.switchDevice(kind, deviceId).catch((error: unknown) => output.fail(toRingError(error, 'media')));
  });

  return client;
}
