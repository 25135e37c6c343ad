/**
 * The ring client: one XState actor system, without React.
 *
 * - The root client actor (`client/root-machine.ts`) holds what the client knows
 *   (connection, presence, missed calls, history, the last error) and one call actor per call.
 * - Each call actor (`call-machine.ts`, states in `machine/`) holds the state of its call and owns
 *   its I/O: requests to the server and the media session are its child actors.
 * - `getSnapshot()` is a selector over those snapshots (`client/client-view.ts`); the public
 *   methods (`client/client-methods.ts`) send events and wait with `waitFor`.
 *
 * Both machines are provided once per client.
 *
 * @packageDocumentation
 */
import { createCallMessageLog } from './call-messages.js';
import { DEFAULT_BACKOFF } from './client/backoff.js';
import { createClientMethods } from './client/client-methods.js';
import { createClientView } from './client/client-view.js';
import { createConnection } from './client/connection.js';
import { createRootActor } from './client/root-actor.js';
import type { RingClient, RingClientOptions } from './client/types.js';
import type { PreCallCheckOptions } from './precheck/types.js';
import { RingError, toRingError } from './errors.js';
import { createLiveKitMediaFactory } from './media/default-factory.js';
import { getDefaultDeviceManager } from './media/default-devices.js';
import { takeNotificationHandoffs } from './push/notification-handoff.js';
import { createPushNotifications } from './push/push-notifications.js';
import { reportVisibility } from './push/visibility-reporter.js';
import { websocketTransport } from './signaling/websocket.js';
import { loadClientSchemas } from './load-client-schemas.js';

export type { CallMessageLog } from './call-messages.js';

export type {
  AcceptOptions,
  BackoffOptions,
  CallRatingInput,
  CallMessage,
  CallOptions,
  CallStatus,
  CallTimeouts,
  ConnectionStatus,
  CurrentCall,
  JsonValue,
  MissedCall,
  RejectOptions,
  RemoteMediaState,
  RingClient,
  RingClientEvents,
  RingClientOptions,
  RingClientSnapshot,
  ScreenShareStatus,
  WatchedPresence,
} from './client/types.js';

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
  // Checks and parsing need the client schemas (a chunk of their own in a page's build): start loading them now.
  loadClientSchemas().catch(() => undefined);
  const transport = options.transport ?? websocketTransport({ url: options.url ?? '', ...(options.user === undefined ? {} : { user: options.user }) });
  const devices = options.devices ?? getDefaultDeviceManager();
  const connection = createConnection({
    transport,
    token: options.token,
    backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    onStatus: (status) => root.deliver({ type: 'STATUS', status }),
    onWelcome: (welcome) => {
      root.deliver({ type: 'WELCOMED', welcome });
      push.welcomed(welcome);
      visibility.now();
    },
    onMessage: (message) => root.deliver({ type: 'SERVER_MESSAGE', message }),
    onError: (error) => root.deliver({ type: 'FAILED', error }),
  });
  const push = createPushNotifications({ request: (message) => connection.request(message) });
  const visibility = reportVisibility((state) => connection.request({ type: 'visibility', state }));
  const media = options.media ?? createLiveKitMediaFactory(options.effects);
  const chosenDevices = () => ({ ...devices.getSnapshot().selected, ...root.actor.getSnapshot().context.chosenDevices, ...options.capture?.deviceIds });
  // The root starts loading the call machine (a chunk of its own in a page's build), provided once for every call of this client.
  const root = createRootActor({
    input: {
      ...(options.livekitUrl === undefined ? {} : { livekitUrl: options.livekitUrl }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    },
    provide: ({ callMachine, callMediaActor, callRequestActor }) =>
      callMachine.provide({
        actors: {
          request: callRequestActor(connection.request),
          media: callMediaActor({
            factory: media,
            capture: (own) => ({ ...options.capture, ...own, deviceIds: { ...chosenDevices(), ...own.deviceIds } }),
          }),
        },
      }),
  });
  const view = createClientView(root.actor);

  const on: RingClient['on'] = (type, listener) => {
    const subscription = root.actor.on(type, (emitted) => listener(emitted.event as never));
    return () => subscription.unsubscribe();
  };
  const parts = {
    devices,
    effects: options.effects,
    getSnapshot: view.getSnapshot,
    subscribe: view.subscribe,
    on,
    ...createClientMethods({ root: root.actor, callsReady: root.callsReady, close: root.close, view, connection }),
    preCallCheck: async (checkOptions?: PreCallCheckOptions) => {
      const { runPreCallCheck } = await import('./precheck/run-pre-call-check.js').catch((error: unknown) => {
        throw toRingError(error, 'internal');
      });
      try {
        return await runPreCallCheck({ request: connection.request, media, chosenDevices, capture: options.capture }, checkOptions);
      } catch (error) {
        throw toRingError(error, 'invalid-argument');
      }
    },
  };
  const messages = createCallMessageLog(parts);
  const client: RingClient = { ...parts, sendMessage: messages.send, messages: messages.log, push };
  takeNotificationHandoffs(client);

  devices.onSelect((kind, deviceId) => {
    void client.switchDevice(kind, deviceId).catch((error: unknown) => root.actor.send({ type: 'FAILED', error: toRingError(error, 'media') }));
  });

  return client;
}
