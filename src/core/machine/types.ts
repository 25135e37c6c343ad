/**
 * Types of the call machine: its context, input, events and effects.
 *
 * @packageDocumentation
 */
import type { Reply } from '../client/connection.js';
import type { CallTimeouts, RemoteMediaState, ScreenShareStatus } from '../client/types.js';
import type { RingError } from '../errors.js';
import type { CaptureOptions, ConnectionQuality, MediaDeviceError, MediaSession, MediaSnapshot, ScreenShareError } from '../media/types.js';
import type { AnyActorRef } from 'xstate';
import type {
  ActiveCallChoice,
  CallInfo,
  ClientMessageOf,
  EndReason,
  ErrorCode,
  Extra,
  LiveKitGrant,
  Media,
  Member,
  Push,
} from '../../protocol/protocol.js';

/**
 * A message about one call the machine asks to send (the sender adds the request `id`).
 *
 * @example
 * ```ts
 * const message: CallSignal = { type: 'hangup', callId: 'c1' }; // a request actor sends it with an `id`
 * ```
 */
export type CallSignal =
  | Omit<ClientMessageOf<'invite'>, 'id'>
  | Omit<ClientMessageOf<'ack'>, 'id'>
  | Omit<ClientMessageOf<'accept'>, 'id'>
  | Omit<ClientMessageOf<'reject'>, 'id'>
  | Omit<ClientMessageOf<'cancel'>, 'id'>
  | Omit<ClientMessageOf<'hangup'>, 'id'>
  | Omit<ClientMessageOf<'add'>, 'id'>
  | Omit<ClientMessageOf<'leave'>, 'id'>
  | Omit<ClientMessageOf<'media'>, 'id'>
  | Omit<ClientMessageOf<'hold'>, 'id'>
  | Omit<ClientMessageOf<'resume'>, 'id'>;

/**
 * The call as this device knows it: who is in it, its app data, its times, who holds it.
 *
 * @example
 * ```ts
 * const { peers, members, createdAt } = actor.getSnapshot().context.call;
 * ```
 */
export interface CallFacts {
  /** The other users of the call. */
  peers: string[];
  /** Every member as last reported. */
  members: Member[];
  /** App data of the invite. */
  extra?: Extra;
  /** The push notification text of this device's invite. */
  push?: Push;
  /** When the call was created (ms since epoch). */
  createdAt: number;
  /** When it was answered. */
  answeredAt?: number;
  /** The users holding the call (call waiting); empty while nobody does. */
  heldBy: string[];
  /** The server's view of a call ringing here (`incoming`, then `updated`). */
  info?: CallInfo;
  /** Whether the call rang here while this user was in another call (the server's `incoming.waiting`). */
  waiting: boolean;
}

/**
 * This device's media in the call: the media child actor and its session, the wanted
 * microphone and camera, and what the session reported.
 *
 * @example
 * ```ts
 * const { mic, camera, quality } = actor.getSnapshot().context.local;
 * ```
 */
export interface LocalMedia {
  /** Whether the media child actor runs (from the first ring or the call until the end). */
  running: boolean;
  /** Whether the media session reported `connected` (the caller joins while it rings). */
  connected: boolean;
  /** This device's media credentials, once known. */
  grant?: LiveKitGrant;
  /** The media session, once the media actor made it. */
  session?: MediaSession;
  /** The media session's latest snapshot. */
  snapshot?: MediaSnapshot;
  /** Microphone wanted on. */
  mic: boolean;
  /** Camera wanted on. */
  camera: boolean;
  /** This device's media connection quality. */
  quality: ConnectionQuality;
  /** The last camera/microphone error. */
  deviceError?: MediaDeviceError;
  /** This device's screen share. */
  screenShare: ScreenShareStatus;
  /** Why the last screen share start or stop failed. */
  screenShareError?: ScreenShareError;
}

/**
 * How the call ended (empty while it goes on), and how this device told the server.
 *
 * @example
 * ```ts
 * const { reason, by } = actor.getSnapshot().context.end;
 * ```
 */
export interface CallEnd {
  /** Why it ended. */
  reason?: EndReason;
  /** Who ended it (`null`: the server or the network). */
  by?: string | null;
  /** The decliner's own words, when a `reject` with a custom reason ended it. */
  detail?: string;
  /** When it ended. */
  at?: number;
  /** The server error that failed the call, if any. */
  error?: { code: ErrorCode; message: string };
  /** The client error behind `error` (a refused invite or accept, a timeout), as the caller's method rejects with it. */
  failure?: RingError;
  /** How this device told the server it ended the call (`cancel`, `reject`, `hangup`, `leave`), if it did. */
  farewell?: CallSignal;
  /** Why the server refused that farewell, if it did. */
  farewellError?: RingError;
}

/**
 * How one request about the call stands: pending, or how it settled.
 *
 * @example
 * ```ts
 * const status: RequestStatus = { status: 'failed', error };
 * ```
 */
export type RequestStatus = { status: 'pending' | 'done' } | { status: 'failed'; error: RingError };

/**
 * Requests about the call other than invite, accept and the farewell.
 *
 * @example
 * ```ts
 * actor.getSnapshot().context.requests.byId['request.ack.0']; // { status: 'done' }
 * ```
 */
export interface RequestLedger {
  /** How many requests were made (names the next one). */
  count: number;
  /** Each request by child actor id. */
  byId: Record<string, RequestStatus>;
}

/**
 * What the machine remembers about its call. Kept to at most 16 top-level fields, with
 * related fields grouped in objects that are replaced, never mutated: XState copies the
 * context with `Object.assign({}, context, update)` on every `assign`, and V8 turns an
 * object that gets more properties that way into a slow dictionary-mode object.
 *
 * @example
 * ```ts
 * const { callId, end, local } = actor.getSnapshot().context;
 * end.reason; // 'completed'
 * local.mic; // true
 * ```
 */
export interface CallMachineContext {
  /** The call id ('' while idle). */
  callId: string;
  /** Placed or received. */
  direction: 'outgoing' | 'incoming';
  /** This user. */
  self: string;
  /** The newest version of the call this actor applied (0: none yet); call info of an older version is not applied. */
  version: number;
  /** The media this device sends (the call's, or what it answered or switched to). */
  media: Media;
  /** The call as this device knows it. */
  call: CallFacts;
  /** Capture settings of this call (`call()`/`accept()` options). */
  capture: CaptureOptions;
  /** What accepting this call does to this user's active call (`accept()`'s `active` option), if asked. */
  acceptActive: ActiveCallChoice | undefined;
  /** Whether the server took the invite (caller). */
  invited: boolean;
  /** This device stopped ringing for the call (`ignore`); it still rings elsewhere until it ends. */
  ignored: boolean;
  /** This device's media. */
  local: LocalMedia;
  /** Other members' media state, by user id. */
  remote: Record<string, RemoteMediaState>;
  /** How the call ended. */
  end: CallEnd;
  /** Requests about the call other than invite, accept and the farewell. */
  requests: RequestLedger;
  /** Timers, in ms. */
  timeouts: Required<CallTimeouts>;
}

/**
 * Input of the call machine.
 *
 * @example
 * ```ts
 * createActor(callMachine, { input: { self: 'alice', timeouts: { ringMs: 45_000 } } });
 * ```
 */
export interface CallMachineInput {
  /** This user's id. */
  self: string;
  /** Timer overrides. */
  timeouts?: CallTimeouts;
}

/**
 * Events the user (through the client) sends.
 *
 * @example
 * ```ts
 * actor.send({ type: 'ACCEPT', media: 'audio' });
 * ```
 */
export type CallUserEvent =
  | { type: 'CALL'; callId: string; to: string[]; media: Media; extra?: Extra; push?: Push; capture?: CaptureOptions }
  | { type: 'ACCEPT'; media: Media; capture?: CaptureOptions; active?: ActiveCallChoice }
  | { type: 'REJECT'; reason?: string }
  | { type: 'IGNORE' }
  | { type: 'CANCEL' }
  | { type: 'HANGUP' }
  | { type: 'LEAVE' }
  | { type: 'ADD'; to: string[] }
  | { type: 'TOGGLE_MIC' }
  | { type: 'TOGGLE_CAMERA' }
  | { type: 'SET_MIC'; enabled: boolean }
  | { type: 'SET_CAMERA'; enabled: boolean }
  | { type: 'SWITCH_MEDIA'; media: Media }
  | { type: 'SET_SCREEN_SHARE'; enabled: boolean }
  | { type: 'HOLD' }
  | { type: 'RESUME' };

/**
 * The version of the call a server message was decided at, carried by the event the client forwards it as
 * (the call actor keeps the newest it has seen, in the same step as the event).
 *
 * @example
 * ```ts
 * actor.send({ type: 'RINGING', by: 'bob', version: 2 });
 * ```
 */
export interface CallVersionStamp {
  version?: number;
}

/**
 * Events mapped from server messages about this call, and the results of
 * this call's requests (`INVITED`, `ANSWERED`, `SIGNAL_ERROR`).
 *
 * @example
 * ```ts
 * actor.send({ type: 'ENDED', reason: 'declined', by: 'bob' });
 * ```
 */
export type CallSignalingEvent =
  | { type: 'INCOMING'; call: CallInfo; livekitUrl?: string; waiting?: boolean }
  | { type: 'INVITED'; call: CallInfo; livekit?: LiveKitGrant }
  | { type: 'ANSWERED'; call: CallInfo; livekit?: LiveKitGrant }
  | ({ type: 'RINGING'; by: string } & CallVersionStamp)
  | ({ type: 'ACCEPTED'; by: string; media: Media } & CallVersionStamp)
  | ({ type: 'MEMBER_JOINED'; user: string } & CallVersionStamp)
  | ({ type: 'MEMBER_LEFT'; user: string; reason: EndReason; detail?: string } & CallVersionStamp)
  | { type: 'UPDATED'; call: CallInfo }
  | ({ type: 'ENDED'; reason: EndReason; by: string | null; detail?: string } & CallVersionStamp)
  /** `by` put the call on hold (the server's `held` with everyone holding it, or this device's own hold confirmed). */
  | ({ type: 'HELD'; by: string; heldBy?: string[] } & CallVersionStamp)
  /** `by` took the call off hold (`heldBy`: everyone still holding it, when the server says). */
  | ({ type: 'RESUMED'; by: string; heldBy?: string[] } & CallVersionStamp)
  | { type: 'SIGNAL_ERROR'; code: ErrorCode; message: string; failure?: RingError };

/**
 * Events mapped from the media session.
 *
 * @example
 * ```ts
 * actor.send({ type: 'MEDIA_RECONNECTING' });
 * ```
 */
export type CallMediaEvent =
  | { type: 'MEDIA_CONNECTED' }
  | { type: 'MEDIA_RECONNECTING' }
  | { type: 'MEDIA_RECONNECTED' }
  | { type: 'MEDIA_DISCONNECTED'; reason: EndReason }
  | { type: 'DEVICE_ERROR'; error: MediaDeviceError }
  | { type: 'REMOTE_CHANGED'; remote: Record<string, RemoteMediaState> }
  | { type: 'QUALITY_CHANGED'; quality: ConnectionQuality }
  /** The media session is made: the session and its first snapshot. */
  | { type: 'MEDIA_READY'; session: MediaSession; snapshot: MediaSnapshot }
  | { type: 'MEDIA_SNAPSHOT'; snapshot: MediaSnapshot }
  | { type: 'MEDIA_ERROR'; error: RingError }
  /** The screen share started or stopped (asked for, or the browser's "Stop sharing"), or failed to. */
  | { type: 'SCREEN_SHARE'; sharing: boolean; error?: ScreenShareError };

/**
 * Timer events the machine raises to itself after its delays (see
 * `CallTimeouts`); tests drive them with a simulated clock.
 *
 * @example
 * ```ts
 * createActor(callMachine, { input: { self: 'alice' }, clock: new SimulatedClock() }); // clock.increment(ms) fires timers
 * ```
 */
export type CallTimerEvent =
  | { type: 'SIGNAL_TIMEOUT' }
  | { type: 'RING_TIMEOUT' }
  | { type: 'CONNECT_TIMEOUT' }
  | { type: 'RECONNECT_TIMEOUT' };

/**
 * Every event of the call machine.
 *
 * @example
 * ```ts
 * const event: CallMachineEvent = { type: 'HANGUP' };
 * ```
 */
export type CallMachineEvent = CallUserEvent | CallSignalingEvent | CallMediaEvent | CallTimerEvent;

/**
 * Commands the call machine sends to its media child actor.
 *
 * @example
 * ```ts
 * sendTo('media', { type: 'SET_MIC', enabled: false });
 * ```
 */
export type MediaCommand =
  | { type: 'CAPTURE'; media: Media; capture: CaptureOptions }
  | { type: 'JOIN'; grant: LiveKitGrant; media: Media; capture: CaptureOptions; mic: boolean; camera: boolean }
  | { type: 'SET_MIC'; enabled: boolean }
  | { type: 'SET_CAMERA'; enabled: boolean }
  | { type: 'SET_SCREEN_SHARE'; enabled: boolean }
  /** This device put the call on hold: stop sending and receiving. */
  | { type: 'HOLD'; media: Media }
  /** Off hold: receive again, and send with the microphone and camera as wanted now. */
  | { type: 'RESUME'; media: Media; mic: boolean; camera: boolean };

/**
 * Input of the media child actor: the LiveKit url to warm up while the call rings, if known.
 *
 * @example
 * ```ts
 * spawnChild('media', { id: 'media', input: { prepare: true, url: 'wss://livekit.example.com' } });
 * ```
 */
export interface MediaActorInput {
  /** Warm up the media connection (a call ringing here). */
  prepare: boolean;
  /** The media server to warm up with. */
  url?: string;
}

/**
 * Input of a request actor: one message about this call (the connection adds the request `id`).
 *
 * @example
 * ```ts
 * const input: RequestInput = { message: { type: 'hangup', callId: 'c1' } };
 * ```
 */
export interface RequestInput {
  message: CallSignal;
}

/**
 * How a request settled (the request actor's output; it never fails): the server's reply, or a typed error.
 *
 * @example
 * ```ts
 * const result: RequestResult = { ok: false, error: new RingError('call-ended', 'the call has ended') };
 * ```
 */
export type RequestResult = { ok: true; reply: Reply } | { ok: false; error: RingError };

/**
 * What the call machine tells its parent (the client's root actor).
 *
 * @example
 * ```ts
 * root.on('*', ...); // the root receives { type: 'CALL_ENDED', call } when a call actor ends
 * ```
 */
export type CallReport =
  | { type: 'CALL_ENDED'; call: AnyActorRef }
  | { type: 'CALL_SETTLED'; call: AnyActorRef }
  | { type: 'CALL_REKEYED'; call: AnyActorRef; from: string; to: string }
  | { type: 'CALL_FAILED'; call: AnyActorRef; error: RingError };
