/**
 * The ring client's store snapshot and the current call as the UI sees it.
 *
 * @packageDocumentation
 */
import type { RingError } from '../errors.js';
import type { ConnectionQuality, MediaDeviceError, MediaSnapshot, ScreenShareError } from '../media/types.js';
import type { CallInfo, EndReason, Extra, HistoryEntry, Media, Member, PresenceStatus } from '../../protocol/protocol.js';

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
 * (`reconnecting` while media recovers; `held` while on hold, see `heldBy`) -> `ended`.
 *
 * @example
 * ```ts
 * const ringing = client.getSnapshot().call?.status === 'ringing';
 * ```
 */
export type CallStatus = 'calling' | 'ringing' | 'incoming' | 'answering' | 'connecting' | 'active' | 'reconnecting' | 'held' | 'ended';

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
  /** Sharing a screen now. */
  screenSharing?: boolean;
}

/**
 * This device's screen share: `starting` while the browser's picker is open, `on` while shared.
 *
 * @example
 * ```ts
 * const presenting = client.getSnapshot().call?.screenShare === 'on';
 * ```
 */
export type ScreenShareStatus = 'off' | 'starting' | 'on' | 'stopping';

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
  /** The decliner's own words, when they declined with a custom reason (`endReason` is then `declined`). */
  endDetail?: string;
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
  /** This device's screen share (others' is `remote[user].screenSharing`). */
  screenShare: ScreenShareStatus;
  /** Why this device's last screen share start or stop failed. */
  screenShareError?: ScreenShareError;
  /**
   * Who holds the call (call waiting), empty while nobody does. `status` is `held` while this user
   * holds it (their media in it is paused) or everyone they talk to does.
   */
  heldBy: string[];
  /** Whether it rang here while this user was in another call (answer it with `accept(id, { active })`). */
  waiting: boolean;
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
  /** Calls ignored on this device (`ignore()`): silent here, still ringing elsewhere, until they end. */
  ignored: readonly CallInfo[];
  /** The current call (kept after it ends until the next call or `dismiss()`). */
  call: CurrentCall | null;
  /** Every live call of this device, oldest first: the current one, calls on hold, calls ringing here (call waiting). */
  calls: readonly CurrentCall[];
  /** The current call's media state. */
  media: MediaSnapshot | null;
  /** Calls missed since the client started, newest first. */
  missed: readonly MissedCall[];
  /** The last history fetched with `history()`, newest first. */
  history: readonly HistoryEntry[];
  /** The last error, if any. */
  error: RingError | null;
}
