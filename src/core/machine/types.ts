/**
 * Types of the call machine: its context, input, events and effects.
 *
 * @packageDocumentation
 */
import type { CallTimeouts, RemoteMediaState } from '../client/types.js';
import type { ConnectionQuality, MediaDeviceError } from '../media/types.js';
import type {
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
 * actor.on('signal', ({ message }) => transport.send({ ...message, id: nextId() }));
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
  | Omit<ClientMessageOf<'media'>, 'id'>;

/**
 * What the machine remembers about its call.
 *
 * @example
 * ```ts
 * const { callId, endReason, endedBy, mic } = actor.getSnapshot().context;
 * ```
 */
export interface CallMachineContext {
  /** The call id ('' while idle). */
  callId: string;
  /** Placed or received. */
  direction: 'outgoing' | 'incoming';
  /** This user. */
  self: string;
  /** The other users of the call. */
  peers: string[];
  /** Every member as last reported. */
  members: Member[];
  /** The media this device sends (the call's, or what it answered or switched to). */
  media: Media;
  /** App data of the invite. */
  extra?: Extra;
  /** When the call was created (ms since epoch). */
  createdAt: number;
  /** When it was answered. */
  answeredAt?: number;
  /** When it ended. */
  endedAt?: number;
  /** Why it ended. */
  endReason?: EndReason;
  /** Who ended it (`null`: the server or the network). */
  endedBy?: string | null;
  /** The server error that failed the call, if any. */
  error?: { code: ErrorCode; message: string };
  /** Whether the server took the invite (caller). */
  invited: boolean;
  /** This device's media credentials, once known. */
  grant?: LiveKitGrant;
  /** Whether the media session reported `connected` (the caller joins while it rings). */
  mediaConnected: boolean;
  /** Microphone wanted on. */
  mic: boolean;
  /** Camera wanted on. */
  camera: boolean;
  /** Other members' media state, by user id. */
  remote: Record<string, RemoteMediaState>;
  /** This device's media connection quality. */
  quality: ConnectionQuality;
  /** The last camera/microphone error. */
  deviceError?: MediaDeviceError;
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
  | { type: 'CALL'; callId: string; to: string[]; media: Media; extra?: Extra; push?: Push }
  | { type: 'ACCEPT'; media: Media }
  | { type: 'REJECT' }
  | { type: 'CANCEL' }
  | { type: 'HANGUP' }
  | { type: 'LEAVE' }
  | { type: 'ADD'; to: string[] }
  | { type: 'TOGGLE_MIC' }
  | { type: 'TOGGLE_CAMERA' }
  | { type: 'SET_MIC'; enabled: boolean }
  | { type: 'SET_CAMERA'; enabled: boolean }
  | { type: 'SWITCH_MEDIA'; media: Media };

/**
 * Events mapped from server messages about this call.
 *
 * @example
 * ```ts
 * actor.send({ type: 'ENDED', reason: 'declined', by: 'bob' });
 * ```
 */
export type CallSignalingEvent =
  | { type: 'INCOMING'; call: CallInfo }
  | { type: 'INVITED'; call: CallInfo; livekit?: LiveKitGrant }
  | { type: 'RINGING'; by: string }
  | { type: 'ACCEPTED'; by: string; media: Media; livekit?: LiveKitGrant }
  | { type: 'MEMBER_JOINED'; user: string }
  | { type: 'MEMBER_LEFT'; user: string; reason: EndReason }
  | { type: 'UPDATED'; call: CallInfo }
  | { type: 'ENDED'; reason: EndReason; by: string | null }
  | { type: 'SIGNAL_ERROR'; code: ErrorCode; message: string };

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
  | { type: 'QUALITY_CHANGED'; quality: ConnectionQuality };

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
 * Effects the machine asks for. By default they are emitted (listen with
 * `actor.on(type, ...)`); a client replaces them with `callMachine.provide({ actions })`.
 *
 * @example
 * ```ts
 * actor.on('joinMedia', ({ grant, media }) => session.join(grant, media));
 * ```
 */
export type CallEffect =
  | { type: 'signal'; message: CallSignal }
  | { type: 'prepareMedia' }
  | { type: 'joinMedia'; grant: LiveKitGrant; media: Media; mic: boolean; camera: boolean }
  | { type: 'leaveMedia' }
  | { type: 'setMicrophone'; enabled: boolean }
  | { type: 'setCamera'; enabled: boolean };
