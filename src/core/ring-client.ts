/**
 * The ring client: connection, calls and store, without React.
 *
 * @packageDocumentation
 */
import { createActor, type ActorRefFrom, type Subscription } from 'xstate';
import { callMachine } from './call-machine.js';
import { DEFAULT_BACKOFF } from './client/backoff.js';
import { createCallMedia, type CallMedia } from './client/call-media.js';
import { isMissed, toCurrentCall } from './client/call-view.js';
import { createConnection, type OutgoingMessage, type Reply } from './client/connection.js';
import { createStore } from './client/store.js';
import type {
  AcceptOptions,
  CallOptions,
  JsonValue,
  RingClient,
  RingClientEvents,
  RingClientOptions,
  RingClientSnapshot,
  WatchedPresence,
} from './client/types.js';
import { RingError, toRingError } from './errors.js';
import type { CallMachineEvent, CallSignal } from './machine/types.js';
import { getDefaultDeviceManager } from './media/devices.js';
import type { CaptureOptions, DeviceKind, MediaFactory } from './media/types.js';
import {
  ERROR_CODES,
  ExtraSchema,
  IdSchema,
  MAX_CALLEES,
  MediaSchema,
  PayloadSchema,
  PresenceStatusSchema,
  PushSchema,
  type CallInfo,
  type ErrorCode,
  type HistoryEntry,
  type Media,
  type PresenceStatus,
  type ServerMessage,
  type ServerMessageOf,
} from './protocol.js';
import { websocketTransport } from './signaling/websocket.js';

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

/** One call this device takes part in (or that rings here). */
interface CallEntry {
  callId: string;
  actor: ActorRefFrom<typeof callMachine>;
  media: CallMedia;
  /** The server's view, for ringing calls. */
  info?: CallInfo;
  capture: CaptureOptions;
  /** The server's answer to the last message of each type about this call. */
  requests: Map<string, Promise<Reply>>;
  /** Why the server refused the invite or accept, when it did. */
  failure?: RingError;
}

const INITIAL_SNAPSHOT: RingClientSnapshot = {
  connection: 'idle',
  user: null,
  device: null,
  presence: 'available',
  watched: {},
  incoming: [],
  call: null,
  media: null,
  missed: [],
  history: [],
  error: null,
};

/** Call ids: 20 random base-36 characters (works outside secure contexts, unlike `randomUUID`). */
function newCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

/** The server error code closest to a client failure (for the machine's `SIGNAL_ERROR`). */
function errorCodeOf(error: RingError): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'unavailable';
}

/** Errors that only say a call is already over: nothing to show. */
function isStale(error: RingError): boolean {
  return error.code === 'call-ended' || error.code === 'not-found' || error.code === 'invalid-state';
}

function invalid(message: string): Promise<never> {
  return Promise.reject(new RingError('invalid-argument', message));
}

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
  const mediaFactory = options.media ?? defaultMediaFactory();
  const devices = options.devices ?? getDefaultDeviceManager();
  const store = createStore<RingClientSnapshot>(INITIAL_SNAPSHOT);
  const listeners = new Map<keyof RingClientEvents, Set<(event: never) => void>>();
  const calls = new Map<string, CallEntry>();
  const chosenDevices: Partial<Record<DeviceKind, string>> = {};
  let current: CallEntry | null = null;
  let livekitUrl = options.livekitUrl;

  function emit<K extends keyof RingClientEvents>(type: K, event: RingClientEvents[K]): void {
    for (const listener of [...(listeners.get(type) ?? [])]) (listener as (event: RingClientEvents[K]) => void)(event);
  }

  function fail(error: RingError): RingError {
    store.set({ error });
    emit('error', error);
    return error;
  }

  const connection = createConnection({
    transport,
    token: options.token,
    backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    onStatus: (status) => store.set({ connection: status }),
    onWelcome: welcomed,
    onMessage: route,
    onError: fail,
  });

  // ------------------------------------------------------------ calls

  function refreshIncoming(): void {
    const ringing = [...calls.values()]
      .filter((entry) => entry !== current && entry.info && entry.actor.getSnapshot().matches({ incoming: 'ringing' }))
      .map((entry) => entry.info as CallInfo)
      .sort((a, b) => a.createdAt - b.createdAt);
    const previous = store.get().incoming;
    const same = previous.length === ringing.length && previous.every((call, index) => call === ringing[index]);
    if (!same) store.set({ incoming: ringing });
  }

  function captureFor(entry: CallEntry): CaptureOptions {
    return {
      ...options.capture,
      ...entry.capture,
      deviceIds: { ...devices.getSnapshot().selected, ...chosenDevices, ...options.capture?.deviceIds, ...entry.capture.deviceIds },
    };
  }

  function signal(entry: CallEntry, message: CallSignal): void {
    const onSettled = (result: Reply | RingError) => {
      if (result instanceof RingError) {
        if (message.type === 'invite' || message.type === 'accept') {
          entry.failure = result;
          entry.actor.send({ type: 'SIGNAL_ERROR', code: errorCodeOf(result), message: result.message });
        } else if (!isStale(result) && message.type !== 'ack') {
          fail(result);
        }
        return;
      }
      if (message.type === 'invite' && result.type === 'invited') {
        rekey(entry, result.call.callId);
        if (result.livekit) livekitUrl = result.livekit.url;
        entry.actor.send({ type: 'INVITED', call: result.call, ...(result.livekit ? { livekit: result.livekit } : {}) });
      }
    };
    const request = connection.request(message as OutgoingMessage, { queue: true, onSettled });
    request.catch(() => undefined); // handled in onSettled
    entry.requests.set(message.type, request);
  }

  /** The server may answer an invite with another call (glare): follow it, and drop that call's ringing copy. */
  function rekey(entry: CallEntry, callId: string): void {
    if (entry.callId === callId) return;
    const ringing = calls.get(callId);
    if (ringing && ringing !== entry) {
      calls.delete(callId);
      ringing.media.leave();
      ringing.actor.stop();
    }
    calls.delete(entry.callId);
    entry.callId = callId;
    calls.set(callId, entry);
    refreshIncoming();
  }

  function createEntry(callId: string, capture: CaptureOptions, info?: CallInfo): CallEntry {
    const self = store.get().user ?? '';
    const media = createCallMedia({
      factory: mediaFactory,
      send: (event) => entry.actor.send(event),
      onSnapshot: (snapshot) => {
        if (entry === current) store.set({ media: snapshot });
      },
      onError: (error) => fail(new RingError(error.code, error.message, { callId: entry.callId, cause: error })),
    });
    const machine = callMachine.provide({
      actions: {
        signal: (_, message) => signal(entry, message),
        prepareMedia: () => media.prepare(livekitUrl),
        joinMedia: ({ context }, params) => {
          livekitUrl = params.grant.url;
          media.join(params.grant, params.media, captureFor(entry), { mic: context.mic, camera: context.camera });
        },
        leaveMedia: () => media.leave(),
        setMicrophone: (_, params) => void media.setMicrophone(params.enabled),
        setCamera: (_, params) => void media.setCamera(params.enabled),
      },
    });
    const actor = createActor(machine, { input: { self, ...(options.timeouts ? { timeouts: options.timeouts } : {}) } });
    const entry: CallEntry = { callId, actor, media, capture, requests: new Map(), ...(info ? { info } : {}) };
    calls.set(callId, entry);
    let seen: unknown;
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot === seen) return;
        seen = snapshot;
        if (entry === current) store.set({ call: toCurrentCall(snapshot) });
        if (snapshot.status === 'done') finished(entry);
        refreshIncoming();
      },
      error: (error) => fail(toRingError(error, 'internal', entry.callId)),
    });
    actor.start();
    return entry;
  }

  function finished(entry: CallEntry): void {
    if (calls.get(entry.callId) === entry) calls.delete(entry.callId);
    const { context } = entry.actor.getSnapshot();
    if (entry === current) {
      store.set({ media: null });
      const call = store.get().call;
      if (call) emit('ended', call);
      return;
    }
    if (context.direction === 'incoming' && entry.info && context.answeredAt === undefined && isMissed(context.endReason)) {
      const missed = { call: entry.info, reason: context.endReason ?? 'no-answer', at: context.endedAt ?? Date.now() };
      store.set({ missed: [missed, ...store.get().missed] });
      emit('missed', missed);
    }
    // A ring that ended here (declined, cancelled, answered elsewhere...) becomes the ended
    // current call when no other call is live, so the UI can say why it stopped.
    if (!live(current)) {
      current = entry;
      store.set({ call: toCurrentCall(entry.actor.getSnapshot()), media: null });
      const call = store.get().call;
      if (call) emit('ended', call);
    }
  }

  function makeCurrent(entry: CallEntry): void {
    current = entry;
    store.set({ call: toCurrentCall(entry.actor.getSnapshot()), media: entry.media.session()?.getSnapshot() ?? null, error: null });
  }

  function live(entry: CallEntry | null): entry is CallEntry {
    return entry !== null && entry.actor.getSnapshot().status === 'active';
  }

  /** Wait until a call's machine satisfies `done`, or reject if the call ends first. */
  function until(entry: CallEntry, done: () => boolean, words: string): Promise<void> {
    return new Promise((resolve, reject) => {
      let subscription: Subscription | undefined;
      const check = (): boolean => {
        const snapshot = entry.actor.getSnapshot();
        if (done()) resolve();
        else if (snapshot.status === 'done') {
          const reason = snapshot.context.endReason ?? 'failed';
          reject(entry.failure ?? new RingError('call-ended', `${words}: the call ended (${reason})`, { callId: entry.callId }));
        } else return false;
        subscription?.unsubscribe();
        return true;
      };
      if (!check()) subscription = entry.actor.subscribe(() => void check());
    });
  }

  async function endCurrent(): Promise<void> {
    if (!live(current)) return;
    const entry = current;
    send(entry, { type: 'HANGUP' });
    await entry.requests.get('hangup')?.catch(() => undefined);
    await entry.requests.get('cancel')?.catch(() => undefined);
  }

  function send(entry: CallEntry, event: CallMachineEvent): void {
    entry.actor.send(event);
  }

  /** The server's answer to the message an event made the machine send (or nothing if it sent none). */
  async function sendAndWait(entry: CallEntry, event: CallMachineEvent, type: CallSignal['type']): Promise<void> {
    const snapshot = entry.actor.getSnapshot();
    if (!snapshot.can(event)) {
      const status = toCurrentCall(snapshot)?.status ?? 'idle';
      throw new RingError('invalid-state', `${event.type.toLowerCase().replace('_', ' ')} is not possible while the call is ${status}`, {
        callId: entry.callId,
      });
    }
    const before = entry.requests.get(type);
    send(entry, event);
    const after = entry.requests.get(type);
    if (after && after !== before) await after;
  }

  // ------------------------------------------------------------ server messages

  function welcomed(welcome: ServerMessageOf<'welcome'>): void {
    store.set({ user: welcome.user, device: welcome.device, presence: welcome.presence, error: null });
    const stillThere = new Map(welcome.calls.map((call) => [call.callId, call]));
    for (const entry of [...calls.values()]) {
      const call = stillThere.get(entry.callId);
      if (call) send(entry, { type: 'UPDATED', call });
      else if (!welcome.resumed || entry === current) {
        if (entry.actor.getSnapshot().matches({ incoming: 'ringing' }) && !welcome.resumed) continue;
        send(entry, { type: 'ENDED', reason: 'connection-lost', by: null });
      }
    }
  }

  function route(message: ServerMessage): void {
    switch (message.type) {
      case 'incoming': {
        const known = calls.get(message.call.callId);
        if (known) {
          known.info = message.call;
          send(known, { type: 'UPDATED', call: message.call });
          return;
        }
        if (message.livekitUrl) livekitUrl = message.livekitUrl;
        const entry = createEntry(message.call.callId, {}, message.call);
        send(entry, { type: 'INCOMING', call: message.call });
        emit('incoming', message.call);
        return;
      }
      case 'ringing':
        return forward(message.callId, { type: 'RINGING', by: message.by });
      case 'accepted':
        if (message.livekit) livekitUrl = message.livekit.url;
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
        const entry = calls.get(message.call.callId);
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

  function forward(callId: string, event: CallMachineEvent): void {
    const entry = calls.get(callId);
    if (entry) send(entry, event);
  }

  // ------------------------------------------------------------ the client

  function requireCurrent(): CallEntry {
    if (!live(current)) throw new RingError('no-call', 'there is no call in progress');
    return current;
  }

  async function withCurrent(work: (entry: CallEntry) => Promise<void> | void): Promise<void> {
    await work(requireCurrent());
  }

  /** Every failed method: a typed rejection, also stored as `snapshot.error`. */
  function reported<A extends unknown[], R>(method: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      try {
        return await method(...args);
      } catch (error) {
        throw fail(toRingError(error, 'internal'));
      }
    };
  }

  const client: RingClient = {
    devices,
    getSnapshot: store.get,
    subscribe: store.subscribe,
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener as (event: never) => void);
      return () => {
        set.delete(listener as (event: never) => void);
      };
    },

    connect: reported(async () => {
      try {
        await connection.connect();
      } catch (error) {
        throw fail(toRingError(error, 'not-connected'));
      }
    }),

    disconnect: reported(async () => {
      await endCurrent().catch(() => undefined);
      for (const entry of [...calls.values()]) {
        calls.delete(entry.callId);
        entry.media.leave();
        entry.actor.stop();
      }
      connection.close();
      store.set({ incoming: [] });
    }),

    call: reported(async (to: string | readonly string[], callOptions: CallOptions = {}) => {
      const callees = typeof to === 'string' ? [to] : [...to];
      if (callees.length === 0 || callees.length > MAX_CALLEES || !callees.every((user) => IdSchema.safeParse(user).success)) {
        return invalid(`call needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      if (callOptions.extra !== undefined && !ExtraSchema.safeParse(callOptions.extra).success) {
        return invalid('extra must be a JSON object of at most 4 KiB');
      }
      if (callOptions.push !== undefined && !PushSchema.safeParse(callOptions.push).success) return invalid('push needs a title and a body');
      if (connection.status() !== 'connected') throw fail(new RingError('not-connected', 'connect before calling'));
      if (live(current)) {
        if (!callOptions.replace) throw new RingError('already-in-call', 'a call is already in progress; pass { replace: true } to end it first');
        await endCurrent();
      }
      const entry = createEntry(newCallId(), callOptions.capture ?? {});
      makeCurrent(entry);
      send(entry, {
        type: 'CALL',
        callId: entry.callId,
        to: callees,
        media: callOptions.video ? 'video' : 'audio',
        ...(callOptions.extra === undefined ? {} : { extra: callOptions.extra }),
        ...(callOptions.push === undefined ? {} : { push: callOptions.push }),
      });
      await until(entry, () => entry.actor.getSnapshot().context.invited, 'call failed');
      return entry.callId;
    }),

    accept: reported(async (callId?: string, acceptOptions: AcceptOptions = {}) => {
      const id = callId ?? store.get().incoming[0]?.callId;
      const entry = id === undefined ? undefined : calls.get(id);
      if (!entry || !entry.actor.getSnapshot().matches({ incoming: 'ringing' })) {
        throw new RingError('no-call', id === undefined ? 'no call is ringing' : `call ${id} is not ringing here`);
      }
      if (current !== entry) await endCurrent();
      entry.capture = acceptOptions.capture ?? {};
      makeCurrent(entry);
      refreshIncoming();
      const media = acceptOptions.video === undefined ? entry.actor.getSnapshot().context.media : acceptOptions.video ? 'video' : 'audio';
      send(entry, { type: 'ACCEPT', media });
      await until(entry, () => {
        const snapshot = entry.actor.getSnapshot();
        return snapshot.matches('connecting') || snapshot.matches('active');
      }, 'accept failed');
    }),

    reject: reported(async (callId?: string) => {
      const id = callId ?? store.get().incoming[0]?.callId;
      const entry = id === undefined ? undefined : calls.get(id);
      if (!entry || !entry.actor.getSnapshot().matches({ incoming: 'ringing' })) {
        throw new RingError('no-call', id === undefined ? 'no call is ringing' : `call ${id} is not ringing here`);
      }
      await sendAndWait(entry, { type: 'REJECT' }, 'reject');
    }),

    cancel: reported(() => withCurrent((entry) => sendAndWait(entry, { type: 'CANCEL' }, 'cancel'))),

    hangup: reported(() =>
      withCurrent(async (entry) => {
        const wasOutgoing = entry.actor.getSnapshot().matches('outgoing');
        await sendAndWait(entry, { type: 'HANGUP' }, wasOutgoing ? 'cancel' : 'hangup');
      }),
    ),

    leave: reported(() => withCurrent((entry) => sendAndWait(entry, { type: 'LEAVE' }, 'leave'))),

    add: reported((users: readonly string[]) => {
      if (users.length === 0 || users.length > MAX_CALLEES || !users.every((user) => IdSchema.safeParse(user).success)) {
        return invalid(`add needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      return withCurrent((entry) => sendAndWait(entry, { type: 'ADD', to: [...users] }, 'add'));
    }),

    switchMedia: reported((media: Media) => {
      if (!MediaSchema.safeParse(media).success) return invalid("media must be 'audio' or 'video'");
      return withCurrent((entry) =>
        entry.actor.getSnapshot().context.media === media ? undefined : sendAndWait(entry, { type: 'SWITCH_MEDIA', media }, 'media'),
      );
    }),

    setMicrophoneEnabled: reported((enabled: boolean) =>
      withCurrent((entry) => send(entry, { type: 'SET_MIC', enabled: Boolean(enabled) })),
    ),

    setCameraEnabled: reported((enabled: boolean) =>
      withCurrent((entry) => send(entry, { type: 'SET_CAMERA', enabled: Boolean(enabled) })),
    ),

    switchDevice: reported(async (kind: DeviceKind, deviceId: string) => {
      if (!['audioinput', 'videoinput', 'audiooutput'].includes(kind) || typeof deviceId !== 'string' || deviceId.length === 0) {
        return invalid('switchDevice needs a device kind and id');
      }
      chosenDevices[kind] = deviceId;
      if (live(current)) await current.media.switchDevice(kind, deviceId);
    }),

    sendMessage: reported((kind: string, data: JsonValue) => {
      if (typeof kind !== 'string' || kind.length === 0 || kind.length > 128) return invalid('kind must be 1 to 128 characters');
      if (!PayloadSchema.safeParse(data).success) return invalid('data must be JSON of at most 4 KiB');
      return withCurrent(async (entry) => {
        if (!entry.actor.getSnapshot().matches('active')) throw new RingError('invalid-state', 'messages need an active call');
        await connection.request({ type: 'message', callId: entry.callId, kind, data });
      });
    }),

    setPresence: reported(async (status: PresenceStatus) => {
      if (!PresenceStatusSchema.safeParse(status).success) return invalid("presence must be 'available' or 'do-not-disturb'");
      await connection.request({ type: 'presence', status });
      store.set({ presence: status });
    }),

    watch: reported(async (users: readonly string[]) => {
      if (users.length > 500 || !users.every((user) => IdSchema.safeParse(user).success)) return invalid('watch needs up to 500 valid user ids');
      const known = store.get().watched;
      const watched: Record<string, WatchedPresence> = {};
      for (const user of users) {
        const status = known[user];
        if (status !== undefined) watched[user] = status;
      }
      store.set({ watched });
      await connection.request({ type: 'watch', users: [...users] });
    }),

    history: reported(async (limit?: number) => {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) return invalid('limit must be 1 to 100');
      const reply = await connection.request({ type: 'history', ...(limit === undefined ? {} : { limit }) });
      const entries: HistoryEntry[] = reply.type === 'history' ? reply.entries : [];
      store.set({ history: entries });
      return entries;
    }),

    dismiss() {
      if (current && !live(current)) {
        current = null;
        store.set({ call: null, media: null });
      }
      store.set({ error: null });
    },

    getMediaSession: () => (live(current) ? current.media.session() : null),
  };

  devices.onSelect((kind, deviceId) => {
    void client.switchDevice(kind, deviceId).catch((error: unknown) => fail(toRingError(error, 'media')));
  });

  return client;
}
