/**
 * The shapes of a pre-call check: its options, the report it builds step by
 * step, and the typed error of a failed step.
 *
 * @packageDocumentation
 */
import type { RingErrorCode } from '../errors.js';
import type { MediaSessionErrorCode } from '../media/errors.js';
import type { MediaDeviceErrorCode } from '../media/types.js';

/**
 * The steps of a pre-call check, in the order they run.
 *
 * @example
 * ```ts
 * PRE_CALL_CHECK_STEPS.indexOf('signaling'); // 3
 * ```
 */
export const PRE_CALL_CHECK_STEPS = ['permissions', 'microphone', 'camera', 'signaling', 'media-server'] as const;

/**
 * One step of a pre-call check:
 *
 * - `permissions`: the browser lets this page use the microphone (and camera).
 * - `microphone`: the chosen microphone picks up sound (a level from an audio analyser).
 * - `camera`: frames arrive from the chosen camera.
 * - `signaling`: a round trip to the signaling server (`ping`).
 * - `media-server`: joining a private test room on the media server (LiveKit), publishing briefly, leaving.
 */
export type PreCallCheckStep = (typeof PRE_CALL_CHECK_STEPS)[number];

/** Where a step stands: `skipped` when it was not asked for or could not run (an earlier step failed). */
export type PreCallCheckStepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'cancelled';

/**
 * Why a step failed, for code: a device code (`permission-denied`, `not-found`, `in-use`,
 * `overconstrained`, `unsupported`, `unknown`), `no-signal` (a silent microphone, a camera
 * sending no frames), a media session code (`join-failed`, `load-failed`), or a client or
 * server code (`not-connected`, `timeout`, `unavailable`, `rate-limited`...).
 */
export type PreCallCheckErrorCode = MediaDeviceErrorCode | 'no-signal' | Exclude<MediaSessionErrorCode, 'device'> | RingErrorCode;

/** A failed step's error. */
export interface PreCallCheckError {
  /** What went wrong, for code. */
  code: PreCallCheckErrorCode;
  /** What went wrong, for people (English; components show their own words per code). */
  message: string;
  /** The device a device error concerns. */
  kind?: 'audioinput' | 'videoinput';
}

/** One step's result; measurements are set by the steps that take them. */
export interface PreCallCheckStepResult {
  step: PreCallCheckStep;
  status: PreCallCheckStepStatus;
  /** How long the step ran (ms), once it has finished. */
  durationMs?: number;
  /** Why it failed. */
  error?: PreCallCheckError;
  /** `microphone`: the loudest level heard so far (RMS, 0 to 1), updated while it listens. */
  level?: number;
  /** `camera`: frames counted, and their size. */
  frames?: number;
  resolution?: { width: number; height: number };
  /** `signaling`: the round trip to the signaling server (ms). `media-server`: the round trip to the media server, from WebRTC statistics (ms). */
  rttMs?: number;
  /** `media-server`: time to join the test room and publish (ms). */
  connectMs?: number;
  /** `media-server`: what was published in the test room. */
  published?: ReadonlyArray<'audio' | 'video'>;
}

/** The whole check: `running`, then `passed` (no step failed), `failed` or `cancelled`. */
export interface PreCallCheckReport {
  status: 'running' | 'passed' | 'failed' | 'cancelled';
  /** Every step, in {@link PRE_CALL_CHECK_STEPS} order. */
  steps: readonly PreCallCheckStepResult[];
  /** How long the whole check ran (ms), once it has finished. */
  durationMs?: number;
}

/** Measures what a microphone and a camera deliver (the browser's Web Audio and video frames by default). */
export interface PreCallMeters {
  /** Resolve with the loudest level heard (0 to 1) once it reaches `threshold`; report levels on the way. Reject on `signal`. */
  microphone(track: MediaStreamTrack, options: { threshold: number; signal: AbortSignal; onLevel(level: number): void }): Promise<number>;
  /** Resolve once `frames` frames arrived, with their size. Reject on `signal`. */
  camera(track: MediaStreamTrack, options: { frames: number; signal: AbortSignal }): Promise<{ frames: number; width: number; height: number }>;
}

/**
 * Options of `client.preCallCheck()`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const report = await client.preCallCheck({ video: true, signal: controller.signal, onUpdate: render });
 * ```
 */
export interface PreCallCheckOptions {
  /** Check the microphone (default true). */
  audio?: boolean;
  /** Check the camera (default true). */
  video?: boolean;
  /** Devices to check (default: the ones calls use, as chosen in `useMediaDevices` or `switchDevice`). */
  deviceIds?: { audioinput?: string; videoinput?: string };
  /** Stop the check: the running step ends `cancelled` and everything it opened is closed. */
  signal?: AbortSignal;
  /** Longest time per step (ms). Defaults: permissions 30 000 (the browser asks the user), microphone 6 000, camera 6 000, signaling 5 000, media-server 15 000. */
  timeouts?: Partial<Record<PreCallCheckStep, number>>;
  /** The microphone level (RMS, 0 to 1) that counts as sound (default 0.01, about -40 dBFS). */
  micThreshold?: number;
  /** Called with the report after every change (steps starting and finishing, microphone levels). */
  onUpdate?: (report: PreCallCheckReport) => void;
  /** Where to ask for the microphone and camera (default `navigator.mediaDevices`). */
  mediaDevices?: Pick<MediaDevices, 'getUserMedia'> | null;
  /** How to measure them (default: a Web Audio analyser and video frame callbacks). For tests without a browser. */
  meters?: PreCallMeters;
}
