/**
 * A local camera/microphone preview before a call, as a small
 * subscribe/getSnapshot store. Each `start` replaces the previous capture;
 * `stop` stops every track (also one whose `getUserMedia` was still pending).
 *
 * @packageDocumentation
 */
import { addListener } from '../listeners.js';
import { parseCaptureOptions } from './capture-options.js';
import { audioConstraints, videoConstraints } from './constraints.js';
import type { MediaEffects } from './effects-store.js';
import { guessFailedKind, MediaSessionError, toMediaDeviceError } from './errors.js';
import { startPreviewEffect, type PreviewEffect } from './preview-effect.js';
import type { CaptureOptions, DeviceKind, MediaDeviceError, TrackHandle } from './types.js';

/** What to capture for a preview. */
export interface LocalPreviewOptions {
  /** Capture the camera (default true). */
  video?: boolean;
  /** Capture the microphone (default false). */
  audio?: boolean;
  /** The camera to use (default: the browser's choice). */
  deviceId?: string;
  /** The microphone to use (default: the browser's choice). */
  audioDeviceId?: string;
  /** Resolution, frame rate and audio processing. */
  capture?: CaptureOptions;
  /** Show the camera with this store's background effect (its state is reported to the store). */
  effects?: MediaEffects;
}

/** The state of a preview. */
export interface LocalPreviewSnapshot {
  /** `idle` (nothing asked), `starting` (waiting for `getUserMedia`), `live`, or `error`. */
  status: 'idle' | 'starting' | 'live' | 'error';
  /** The captured stream while live. */
  stream?: MediaStream;
  /** The camera track while live. */
  videoTrack?: TrackHandle;
  /** The microphone track while live. */
  audioTrack?: TrackHandle;
  /** Why the capture failed. */
  error?: MediaDeviceError;
}

/** A local preview store. */
export interface LocalPreview {
  /** The current state; the same object until something changes. */
  getSnapshot(): LocalPreviewSnapshot;
  /** Listen for changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Start (or restart) capturing; resolves with the resulting state. */
  start(options?: LocalPreviewOptions): Promise<LocalPreviewSnapshot>;
  /** Stop capturing and stop every track. */
  stop(): void;
}

function requestKey(options: LocalPreviewOptions): string {
  const effect = options.effects?.getSnapshot().video ?? { type: 'none' };
  return JSON.stringify([options.video ?? true, options.audio ?? false, options.capture ?? {}, effect]);
}

const IDLE: LocalPreviewSnapshot = Object.freeze<LocalPreviewSnapshot>({ status: 'idle' });

/**
 * Create a local preview (`mediaDevices` defaults to `navigator.mediaDevices`, looked up on start).
 *
 * @example
 * ```ts
 * const preview = createLocalPreview();
 * const { stream } = await preview.start({ video: true, deviceId: cameraId });
 * video.srcObject = stream ?? null;
 * preview.stop();
 * ```
 */
export function createLocalPreview(mediaDevices?: Pick<MediaDevices, 'getUserMedia'> | null): LocalPreview {
  const listeners = new Set<() => void>();
  let snapshot = IDLE;
  let attempt = 0;
  /** What the live capture was asked for, with the devices it really got. */
  let live: { request: string; videoDeviceId?: string; audioDeviceId?: string } | undefined;
  /** Every track captured for the live preview, and the effect running on its camera. */
  let owned: { tracks: MediaStreamTrack[]; effect?: PreviewEffect } = { tracks: [] };

  /** Whether the live capture already is what `options` asks for (a missing device id matches any). */
  function alreadyLive(options: LocalPreviewOptions): boolean {
    return (
      snapshot.status === 'live' &&
      live !== undefined &&
      live.request === requestKey(options) &&
      (options.deviceId === undefined || options.deviceId === live.videoDeviceId) &&
      (options.audioDeviceId === undefined || options.audioDeviceId === live.audioDeviceId)
    );
  }

  function set(next: LocalPreviewSnapshot): LocalPreviewSnapshot {
    snapshot = next;
    for (const listener of [...listeners]) listener();
    return next;
  }

  function stopTracks(): void {
    owned.effect?.stop();
    for (const track of [...owned.tracks, ...(snapshot.stream?.getTracks() ?? [])]) track.stop();
    owned = { tracks: [] };
  }

  /** The camera with the store's background effect; the raw camera when there is none or it fails (reported to the store). */
  async function withEffect(camera: MediaStreamTrack | undefined, effects: MediaEffects | undefined): Promise<PreviewEffect | undefined> {
    const effect = effects?.getSnapshot().video;
    if (!camera || !effects || !effect || effect.type === 'none') return undefined;
    effects.reportVideo('loading');
    try {
      const running = await startPreviewEffect(camera, effect, effects.assets);
      effects.reportVideo('on');
      return running;
    } catch (cause) {
      effects.reportVideo('error', cause instanceof Error ? cause.message : String(cause));
      return undefined;
    }
  }

  async function start(options: LocalPreviewOptions = {}): Promise<LocalPreviewSnapshot> {
    if (alreadyLive(options)) return snapshot;
    stopTracks();
    live = undefined;
    const current = ++attempt;
    const video = options.video ?? true;
    const audio = options.audio ?? false;
    if (!video && !audio) return set(IDLE);
    const devices =
      mediaDevices === undefined ? (typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined) : mediaDevices;
    const kind: DeviceKind = video ? 'videoinput' : 'audioinput';
    if (!devices) return set({ status: 'error', error: toMediaDeviceError({ name: 'NotSupportedError' }, kind) });
    set({ status: 'starting' });
    try {
      const capture = parseCaptureOptions(options.capture);
      const stream = await devices.getUserMedia({
        video: video ? videoConstraints(capture, options.deviceId) : false,
        audio: audio ? audioConstraints(capture, options.audioDeviceId) : false,
      });
      if (current !== attempt) {
        for (const track of stream.getTracks()) track.stop();
        return snapshot;
      }
      const camera = stream.getVideoTracks()[0];
      const effect = await withEffect(camera, options.effects);
      if (current !== attempt) {
        effect?.stop();
        for (const track of stream.getTracks()) track.stop();
        return snapshot;
      }
      owned = { tracks: stream.getTracks(), ...(effect ? { effect } : {}) };
      const shown = effect ? new MediaStream([effect.track, ...stream.getAudioTracks()]) : stream;
      const next: LocalPreviewSnapshot = { status: 'live', stream: shown };
      const videoTrack = shown.getVideoTracks()[0];
      const audioTrack = shown.getAudioTracks()[0];
      if (videoTrack) next.videoTrack = { kind: 'video', mediaStreamTrack: videoTrack };
      if (audioTrack) next.audioTrack = { kind: 'audio', mediaStreamTrack: audioTrack };
      live = {
        request: requestKey(options),
        videoDeviceId: camera?.getSettings().deviceId,
        audioDeviceId: audioTrack?.getSettings().deviceId,
      };
      return set(next);
    } catch (cause) {
      if (current !== attempt) return snapshot;
      const error =
        cause instanceof MediaSessionError
          ? { code: 'overconstrained' as const, kind, message: cause.message }
          : toMediaDeviceError(cause, guessFailedKind(cause, { audio, video }));
      return set({ status: 'error', error });
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => addListener(listeners, listener),
    start,
    stop() {
      attempt += 1;
      stopTracks();
      live = undefined;
      if (snapshot !== IDLE) set(IDLE);
    },
  };
}
