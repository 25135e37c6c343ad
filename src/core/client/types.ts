/**
 * The ring client's public shapes: options, the store snapshot, the current
 * call as the UI sees it, and the {@link RingClient} interface.
 *
 * @packageDocumentation
 */
import type { RingError } from '../errors.js';
import type { CaptureOptions, ConnectionQuality, DeviceKind, MediaDeviceError, MediaFactory, MediaSession, MediaSnapshot } from '../media/types.js';
import type * as z from 'zod';
import type {
  CallInfo,
  EndReason,
  Extra,
  HistoryEntry,
  Media,
  Member,
  PayloadSchema,
  PresenceStatus,
  Push,
} from '../protocol.js';
import type { TransportFactory } from '../signaling/transport.js';
import type { DeviceManager } from '../media/devices.js';

/**
 * Any JSON value (custom message payloads).
 *
 * @example
 * ```ts
 * const data: JsonValue = { emoji: '👍', at: Date.now() };
 * ```
 */
export type JsonValue = z.infer<typeof PayloadSchema>;

/**
 * Connection to the signaling server.
 *
 * @example
 * ```ts
 * if (client.getSnapshot().connection === 'reconnecting') showBanner('Reconnecting…');
 * ```
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * A watched user's presence (`offline`: no device connected).
 *
 * @example
 * ```ts
 * const bob: WatchedPresence | undefined = client.getSnapshot().watched.bob;
 * ```
 */
export type WatchedPresence = PresenceStatus | 'offline';

/**
 * Where the current call stands, as the UI shows it.
 *
 * `calling` (invite sent) -> `ringing` (a callee device rings) for the caller;
 * `incoming` -> `answering` for the callee; then `connecting` -> `active`
 * (`reconnecting` while media recovers) -> `ended`.
 *
 * @example
 * ```ts
 * const ringing = client.getSnapshot().call?.status === 'ringing';
 * ```
 */
export type CallStatus = 'calling' | 'ringing' | 'incoming' | 'answering' | 'connecting' | 'active' | 'reconnecting' | 'ended';

/**
 * What this device knows of another member's media.
 *
 * @example
 * ```ts
 * const bobMuted = client.getSnapshot().call?.remote.bob?.micEnabled === false;
 * ```
 */
export interface RemoteMediaState {
  /** Microphone published and unmuted. */
  micEnabled: boolean;
  /** Camera published and on. */
  cameraEnabled: boolean;
  /** Connection quality as the media server reports it. */
  quality: ConnectionQuality;
}

/**
 * The current call, mirrored from the call machine.
 *
 * @example
 * ```ts
 * const call = client.getSnapshot().call;
 * if (call?.status === 'ended') console.log(call.endReason, call.endedBy);
 * ```
 */
export interface CurrentCall {
  /** The call id (also the media room). */
  callId: string;
  /** Whether this user placed or received the call. */
  direction: 'outgoing' | 'incoming';
  /** Where the call stands. */
  status: CallStatus;
  /** This user. */
  self: string;
  /** The other users of the call. */
  peers: string[];
  /** Every member as the server last reported them. */
  members: Member[];
  /** The media this device sends: the call's, or what it answered with or switched to (others' is in `members`). */
  media: Media;
  /** App data attached to the invite. */
  extra?: Extra;
  /** When the call was created (ms since epoch). */
  createdAt: number;
  /** When it was answered. */
  answeredAt?: number;
  /** When it ended. */
  endedAt?: number;
  /** Why it ended (set once `status` is `ended`). */
  endReason?: EndReason;
  /** Who ended it (`null`: the server or the network). */
  endedBy?: string | null;
  /** This device's microphone. */
  micEnabled: boolean;
  /** This device's camera. */
  cameraEnabled: boolean;
  /** Other members' media state, by user id. */
  remote: Record<string, RemoteMediaState>;
  /** This device's media connection quality. */
  quality: ConnectionQuality;
  /** The last camera/microphone error, if any. */
  deviceError?: MediaDeviceError;
}

/**
 * A call that rang here and was not answered.
 *
 * @example
 * ```ts
 * client.on('missed', ({ call, reason }) => notify(`Missed call from ${call.from} (${reason})`));
 * ```
 */
export interface MissedCall {
  /** The call as it rang. */
  call: CallInfo;
  /** `no-answer` or `cancelled`. */
  reason: EndReason;
  /** When it stopped ringing (ms since epoch). */
  at: number;
}

/**
 * Everything the ring client's store holds. Snapshots are immutable and stable between changes.
 *
 * @example
 * ```ts
 * const { connection, incoming, call, media, error } = client.getSnapshot();
 * ```
 */
export interface RingClientSnapshot {
  /** Connection to the signaling server. */
  connection: ConnectionStatus;
  /** The signed-in user, once welcomed. */
  user: string | null;
  /** This device's id, once welcomed. */
  device: string | null;
  /** This user's presence. */
  presence: PresenceStatus;
  /** Presence of the users passed to `watch()`. */
  watched: Readonly<Record<string, WatchedPresence>>;
  /** Incoming calls ringing on this device now, oldest first. */
  incoming: readonly CallInfo[];
  /** The current call (kept after it ends until the next call or `dismiss()`). */
  call: CurrentCall | null;
  /** The current call's media state. */
  media: MediaSnapshot | null;
  /** Calls missed since the client started, newest first. */
  missed: readonly MissedCall[];
  /** The last history fetched with `history()`, newest first. */
  history: readonly HistoryEntry[];
  /** The last error, if any. */
  error: RingError | null;
}

/**
 * Reconnection backoff: delay = min(maxMs, initialMs * factor^attempt) with jitter.
 *
 * @example
 * ```ts
 * createRingClient({ url, reconnect: { initialMs: 250, maxMs: 5_000, maxAttempts: 20 } });
 * ```
 */
export interface BackoffOptions {
  /** First delay (default 500 ms). */
  initialMs?: number;
  /** Largest delay (default 10 s). */
  maxMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  maxAttempts?: number;
}

/**
 * Machine timers of each call, in ms.
 *
 * @example
 * ```ts
 * createRingClient({ url, timeouts: { connectMs: 30_000 } });
 * ```
 */
export interface CallTimeouts {
  /** Invite or accept unanswered by the server (default 10 s) -> `failed`. */
  signalMs?: number;
  /** Ringing with no answer, a safety net behind the server's own ring timer (default 70 s) -> `no-answer`. */
  ringMs?: number;
  /** Joining the media room (default 20 s) -> `media-failed`. */
  connectMs?: number;
  /** Media reconnecting (default 20 s) -> `connection-lost`. */
  reconnectMs?: number;
}

/**
 * Options of {@link RingClient}.
 *
 * @example
 * ```ts
 * const client = createRingClient({
 *   url: 'wss://calls.example.com',
 *   token: () => fetch('/api/ring-token').then((r) => r.text()),
 *   capture: { resolution: '720p', noiseSuppression: true },
 * });
 * ```
 */
export interface RingClientOptions {
  /** The signaling server (`wss://...`); used when no `transport` is given. */
  url?: string;
  /** Credentials sent in `hello`: a token or a function returning one (called on every (re)connection). */
  token?: string | (() => string | Promise<string>);
  /** Development servers only: the user id to sign in as, without a token. */
  user?: string;
  /** A transport factory (for example the memory hub's); overrides `url`. */
  transport?: TransportFactory;
  /** Creates each call's media session (default: LiveKit, loaded on first use). */
  media?: MediaFactory;
  /** Camera and microphone settings for every call (change per call with `call`/`accept` options). */
  capture?: CaptureOptions;
  /** Camera/microphone/speaker choices to use and apply mid-call (default: the page's shared device manager). */
  devices?: DeviceManager;
  /** LiveKit url to prewarm while a call rings, before any grant was seen. */
  livekitUrl?: string;
  /** Reconnection backoff. */
  reconnect?: BackoffOptions;
  /** Call machine timers. */
  timeouts?: CallTimeouts;
  /** How long a request waits for the server (default 10 s). */
  requestTimeoutMs?: number;
}

/**
 * Options of `call()`.
 *
 * @example
 * ```ts
 * await client.call(['bob', 'carol'], { video: true, extra: { room: 'design' }, push: { title: 'Alice', body: 'is calling' } });
 * ```
 */
export interface CallOptions {
  /** Video call (default: audio). */
  video?: boolean;
  /** App data shown to the callee (JSON, at most 4 KiB). */
  extra?: Extra;
  /** Push notification text for callees that are offline. */
  push?: Push;
  /** Hang up the current call first instead of failing with `already-in-call`. */
  replace?: boolean;
  /** Capture settings for this call. */
  capture?: CaptureOptions;
}

/**
 * Options of `accept()`.
 *
 * @example
 * ```ts
 * await client.accept(callId, { video: false, capture: { echoCancellation: true } });
 * ```
 */
export interface AcceptOptions {
  /** Answer with video (default: the call's media). `false` answers a video call audio-only. */
  video?: boolean;
  /** Capture settings for this call. */
  capture?: CaptureOptions;
}

/**
 * A custom in-call message from another member.
 *
 * @example
 * ```ts
 * client.on('message', ({ from, kind, data }) => { if (kind === 'chat') append(from, data); });
 * ```
 */
export interface CallMessage {
  /** The call it belongs to. */
  callId: string;
  /** Who sent it. */
  from: string;
  /** The app's message type. */
  kind: string;
  /** The app's payload. */
  data: JsonValue;
}

/**
 * Events a client announces besides store changes.
 *
 * @example
 * ```ts
 * client.on('ended', (call) => console.log('call ended:', call.endReason));
 * ```
 */
export interface RingClientEvents {
  /** A custom in-call message arrived. */
  message: CallMessage;
  /** A call rang here and stopped without being answered. */
  missed: MissedCall;
  /** A call started ringing here. */
  incoming: CallInfo;
  /** The current call ended. */
  ended: CurrentCall;
  /** Something failed (also stored as `snapshot.error`). */
  error: RingError;
}

/**
 * A ring client: a connection to the signaling server, the calls of this
 * device, and a store UI code can subscribe to. Made by `createRingClient`.
 *
 * @example
 * ```ts
 * const client = createRingClient({ url: 'wss://calls.example.com', token: () => getToken() });
 * await client.connect();
 * client.on('incoming', (call) => console.log('ringing:', call.from));
 * ```
 */
export interface RingClient {
  /**
   * The current state (stable between changes, safe for `useSyncExternalStore`).
   *
   * @example
   * ```ts
   * const { connection, incoming, call } = client.getSnapshot();
   * ```
   */
  getSnapshot(): RingClientSnapshot;
  /**
   * Listen for any state change; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = client.subscribe(() => render(client.getSnapshot()));
   * ```
   */
  subscribe(listener: () => void): () => void;
  /**
   * Listen for one kind of client event; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * client.on('missed', ({ call }) => notify(`Missed call from ${call.from}`));
   * ```
   */
  on<K extends keyof RingClientEvents>(type: K, listener: (event: RingClientEvents[K]) => void): () => void;
  /**
   * Connect (idempotent); resolves once welcomed. If this attempt fails it rejects, and reconnection with backoff goes on.
   *
   * @example
   * ```ts
   * await client.connect();
   * ```
   */
  connect(): Promise<void>;
  /**
   * Close the connection and stop reconnecting; a current call is hung up first.
   *
   * @example
   * ```ts
   * window.addEventListener('pagehide', () => void client.disconnect());
   * ```
   */
  disconnect(): Promise<void>;
  /**
   * Place a call to one user or several (a group call); resolves with the call id once the server took it. Fails with `already-in-call` during a call unless `replace` is set.
   *
   * @example
   * ```ts
   * const callId = await client.call('bob', { video: true, extra: { topic: 'Standup' } });
   * ```
   */
  call(to: string | readonly string[], options?: CallOptions): Promise<string>;
  /**
   * Answer a ringing call (default: the oldest one); hangs up the current call first. Resolves once the media is connecting.
   *
   * @example
   * ```ts
   * await client.accept(undefined, { video: false }); // answer audio-only
   * ```
   */
  accept(callId?: string, options?: AcceptOptions): Promise<void>;
  /**
   * Decline a ringing call (default: the oldest one) on every device of this user.
   *
   * @example
   * ```ts
   * await client.reject(client.getSnapshot().incoming[0]?.callId);
   * ```
   */
  reject(callId?: string): Promise<void>;
  /**
   * Withdraw the current outgoing call before anyone answered.
   *
   * @example
   * ```ts
   * await client.cancel();
   * ```
   */
  cancel(): Promise<void>;
  /**
   * End the current call for everyone (or cancel it while it rings).
   *
   * @example
   * ```ts
   * await client.hangup();
   * ```
   */
  hangup(): Promise<void>;
  /**
   * Leave the current group call; it goes on for the others.
   *
   * @example
   * ```ts
   * await client.leave();
   * ```
   */
  leave(): Promise<void>;
  /**
   * Invite more people into the current call.
   *
   * @example
   * ```ts
   * await client.add(['carol']);
   * ```
   */
  add(users: readonly string[]): Promise<void>;
  /**
   * Switch this device's media in the current call between audio and video.
   *
   * @example
   * ```ts
   * await client.switchMedia('video');
   * ```
   */
  switchMedia(media: Media): Promise<void>;
  /**
   * Mute or unmute the microphone (also before the call connects).
   *
   * @example
   * ```ts
   * await client.setMicrophoneEnabled(false);
   * ```
   */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /**
   * Turn the camera on or off.
   *
   * @example
   * ```ts
   * await client.setCameraEnabled(true);
   * ```
   */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /**
   * Use another device of a kind: applied to the live call, remembered for the next ones.
   *
   * @example
   * ```ts
   * await client.switchDevice('audioinput', headsetId);
   * ```
   */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /**
   * Send a custom message (JSON, at most 4 KiB) to the other members of the active call.
   *
   * @example
   * ```ts
   * await client.sendMessage('reaction', { emoji: '👍' });
   * ```
   */
  sendMessage(kind: string, data: JsonValue): Promise<void>;
  /**
   * Set this user's presence (`do-not-disturb` turns callers away).
   *
   * @example
   * ```ts
   * await client.setPresence('do-not-disturb');
   * ```
   */
  setPresence(status: PresenceStatus): Promise<void>;
  /**
   * Follow these users' presence (replaces the previous list); see `snapshot.watched`.
   *
   * @example
   * ```ts
   * await client.watch(['bob', 'carol']);
   * ```
   */
  watch(users: readonly string[]): Promise<void>;
  /**
   * Fetch this user's call history, newest first (also stored as `snapshot.history`).
   *
   * @example
   * ```ts
   * const recent = await client.history(20);
   * ```
   */
  history(limit?: number): Promise<HistoryEntry[]>;
  /**
   * Forget an ended current call and the last error.
   *
   * @example
   * ```ts
   * client.dismiss();
   * ```
   */
  dismiss(): void;
  /**
   * The current call's media session, if any (for advanced media work).
   *
   * @example
   * ```ts
   * client.getMediaSession()?.switchDevice('audiooutput', speakerId);
   * ```
   */
  getMediaSession(): MediaSession | null;
  /**
   * The device manager whose choices this client applies mid-call (shared with `useMediaDevices`).
   *
   * @example
   * ```ts
   * client.devices?.select('videoinput', cameraId);
   * ```
   */
  readonly devices?: DeviceManager;
}
