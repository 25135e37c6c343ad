/**
 * The media layer's contract: what the ring client asks of a media session
 * (LiveKit for real calls, a fake one for Storybook and unit tests).
 *
 * @packageDocumentation
 */
import type { EndReason, LiveKitGrant, Media } from '../../protocol/protocol.js';
import type { AudioProcessing, VideoEffect } from './effects.js';
import type { MediaEffects } from './effects-store.js';

/** Kinds of media device a user can choose. */
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** Why a camera, microphone or speaker could not be used. */
export type MediaDeviceErrorCode =
  | 'permission-denied'
  | 'not-found'
  | 'in-use'
  | 'overconstrained'
  | 'unsupported'
  | 'unknown';

/** A camera/microphone/speaker failure the UI can show. */
export interface MediaDeviceError {
  /** What went wrong, for code. */
  code: MediaDeviceErrorCode;
  /** Which device kind failed. */
  kind: DeviceKind;
  /** What went wrong, for people. */
  message: string;
}

/** LiveKit-style connection quality of a participant. */
export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/**
 * A video or audio track a tile can show: a LiveKit track (`attach`/`detach`)
 * or a plain `MediaStreamTrack` (fake media).
 */
export interface TrackHandle {
  /** `'video'` or `'audio'`. */
  kind: 'video' | 'audio';
  /** The underlying browser track. */
  mediaStreamTrack: MediaStreamTrack;
  /** Attach to an element (LiveKit tracks only; otherwise set `srcObject`). */
  attach?(element: HTMLMediaElement): HTMLMediaElement;
  /** Detach from an element (LiveKit tracks only). */
  detach?(element: HTMLMediaElement): HTMLMediaElement;
}

/** One participant as the UI sees it. */
export interface ParticipantView {
  /** LiveKit identity, unique per device (for example `alice#k3f9`). */
  identity: string;
  /** The ringkit user id. */
  user: string;
  /** Whether this is this device. */
  isLocal: boolean;
  /** Microphone published and unmuted. */
  micEnabled: boolean;
  /** Camera published and unmuted. */
  cameraEnabled: boolean;
  /** Currently speaking. */
  speaking: boolean;
  /** Connection quality as LiveKit reports it. */
  quality: ConnectionQuality;
  /** The camera track, when there is one. */
  videoTrack?: TrackHandle;
  /** The microphone track, when there is one. */
  audioTrack?: TrackHandle;
  /** Sharing a screen, window or tab now. */
  screenSharing?: boolean;
  /** The shared screen's track, once there is one to show. */
  screenShareTrack?: TrackHandle;
}

/** Call statistics sampled every few seconds. */
export interface CallStats {
  /** Round-trip time in ms. */
  rttMs?: number;
  /** Outgoing bitrate in bits/s. */
  sendBitrate?: number;
  /** Incoming bitrate in bits/s. */
  receiveBitrate?: number;
  /** Fraction (0..1) of incoming packets lost. */
  packetLoss?: number;
  /** Resolution of the first remote video. */
  resolution?: { width: number; height: number };
  /** When this sample was taken (ms since epoch). */
  at: number;
}

/** Media connection state. */
export type MediaConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Everything the UI reads from a media session. */
export interface MediaSnapshot {
  /** Connection to the media server. */
  connection: MediaConnectionState;
  /** This device, once joined. */
  local?: ParticipantView;
  /** The other participants. */
  remotes: ParticipantView[];
  /** Latest statistics sample. */
  stats?: CallStats;
  /** Last device error, if any. */
  deviceError?: MediaDeviceError;
  /** The devices in use per kind, once chosen or known. */
  devices?: Partial<Record<DeviceKind, string>>;
  /** Whether this session can share a screen here (absent: the browser decides, see `isScreenShareSupported`). */
  screenShareSupported?: boolean;
  /** The effects on the local tracks, for a session that follows an effects store. */
  effects?: { video: VideoEffect; audio: AudioProcessing };
}

/** What a media session tells the ring client (and through it, the call machine). */
export type MediaEvent =
  | { type: 'connected' }
  | { type: 'reconnecting' }
  | { type: 'reconnected' }
  | { type: 'disconnected'; reason: Extract<EndReason, 'connection-lost' | 'media-failed' | 'completed'> }
  | { type: 'device-error'; error: MediaDeviceError }
  | { type: 'remote-changed' }
  /** This device's screen share stopped without being asked to (the browser's "Stop sharing", the shared tab closed). */
  | { type: 'screen-share-ended' };

/** Why a screen share could not start: the person cancelled or was not allowed, the browser cannot, or it failed. */
export type ScreenShareErrorCode = 'permission-denied' | 'unsupported' | 'failed';

/** A screen share failure the UI can show. */
export interface ScreenShareError {
  /** What went wrong, for code. */
  code: ScreenShareErrorCode;
  /** What went wrong, for people. */
  message: string;
}

/** Capture settings for a call. */
export interface CaptureOptions {
  /** Camera resolution preset. */
  resolution?: '360p' | '480p' | '720p' | '1080p';
  /** Maximum camera frame rate. */
  maxFrameRate?: number;
  /** Echo cancellation (default on). */
  echoCancellation?: boolean;
  /** Noise suppression (default on). */
  noiseSuppression?: boolean;
  /** Automatic gain control (default on). */
  autoGainControl?: boolean;
  /** Preferred devices by kind. */
  deviceIds?: Partial<Record<DeviceKind, string>>;
}

/** One call's media: join a room, publish, mute, switch devices, report state. */
export interface MediaSession {
  /** Warm up the connection to the media server while the call rings. */
  prepare(grant: Pick<LiveKitGrant, 'url'> & Partial<LiveKitGrant>): Promise<void>;
  /**
   * Optional: open the microphone (and camera for `video`) before joining, at the accept click, so
   * capture runs alongside the accept's round trip and the room connect; `join` publishes those tracks.
   */
  capture?(media: Media, capture?: CaptureOptions): Promise<void>;
  /** Join the call's room and publish the given media. */
  join(grant: LiveKitGrant, media: Media, capture?: CaptureOptions): Promise<void>;
  /** Leave the room and stop every local track. Safe to call twice. */
  leave(): Promise<void>;
  /** Mute or unmute the microphone. */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /** Turn the camera on or off (publishing it if needed). */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /**
   * Optional: share a screen, window or tab (the browser asks which), or stop sharing. Rejects when the
   * person cancels the browser's picker or the browser cannot share. Sessions without it cannot share.
   */
  setScreenShareEnabled?(enabled: boolean): Promise<void>;
  /** Use another device of a kind mid-call. */
  switchDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /**
   * Optional: on hold (call waiting), stop receiving the others' tracks (unsubscribe) until
   * `setHeld(false)`. The ring client mutes microphone and camera itself around it, so the
   * others see this device's tracks paused, not ended.
   */
  setHeld?(held: boolean): Promise<void>;
  /** The current state. Stable between changes (safe for `useSyncExternalStore`). */
  getSnapshot(): MediaSnapshot;
  /** Listen for state changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Listen for media events; returns the unsubscribe function. */
  onEvent(listener: (event: MediaEvent) => void): () => void;
  /**
   * Optional: apply an effects store's choices (background effect, audio processing) to this call's
   * tracks, before they publish and whenever they change, until the session is left.
   */
  followEffects?(effects: MediaEffects): void;
}

/** Creates the media session of one call. */
export type MediaFactory = () => MediaSession | Promise<MediaSession>;
