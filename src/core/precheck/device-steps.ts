/**
 * @internal The permissions step of a pre-call check: ask for the microphone
 * and camera (one prompt; when both are asked for and that fails, each alone,
 * so one refused device does not hide the other).
 *
 * @packageDocumentation
 */
import { audioConstraints, videoConstraints } from '../media/constraints.js';
import { guessFailedKind, toMediaDeviceError } from '../media/errors.js';
import type { CaptureOptions, DeviceKind } from '../media/types.js';
import { StepFailure } from './step-runner.js';
import type { PreCallCheckError } from './types.js';

/** What the permissions step got: a track per kind it could open, and the first refusal. */
export interface Captured {
  audio?: MediaStreamTrack;
  video?: MediaStreamTrack;
  error?: PreCallCheckError;
}

type GetUserMedia = Pick<MediaDevices, 'getUserMedia'>;

/** Open the devices; a capture that arrives after the check stopped waiting is stopped at once. */
async function open(devices: GetUserMedia, constraints: MediaStreamConstraints, signal: AbortSignal): Promise<MediaStream> {
  const stream = await devices.getUserMedia(constraints);
  if (signal.aborted) {
    for (const track of stream.getTracks()) track.stop();
    throw signal.reason;
  }
  return stream;
}

function asFailure(error: PreCallCheckError): StepFailure {
  return new StepFailure(error.code, error.message, error.kind);
}

/**
 * @internal Ask for the microphone and/or camera; rejects when nothing could be opened.
 *
 * @example
 * ```ts
 * const captured = await captureDevices(navigator.mediaDevices, { audio: true, video: true }, capture, signal);
 * ```
 */
export async function captureDevices(
  devices: GetUserMedia | null | undefined,
  wanted: { audio: boolean; video: boolean },
  capture: CaptureOptions,
  signal: AbortSignal,
): Promise<Captured> {
  if (!devices) throw new StepFailure('unsupported', 'This browser cannot use a microphone or camera here (a secure context is required).');
  const constraints = (audio: boolean, video: boolean): MediaStreamConstraints => ({
    audio: audio ? audioConstraints(capture) : false,
    video: video ? videoConstraints(capture) : false,
  });
  const toCheckError = (error: unknown, kind: DeviceKind): PreCallCheckError => {
    const { code, message } = toMediaDeviceError(error, kind);
    return kind === 'audiooutput' ? { code, message } : { code, message, kind };
  };
  try {
    const stream = await open(devices, constraints(wanted.audio, wanted.video), signal);
    return { audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0] };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (!(wanted.audio && wanted.video)) throw asFailure(toCheckError(error, guessFailedKind(error, wanted)));
  }
  const captured: Captured = {};
  for (const kind of ['audio', 'video'] as const) {
    try {
      const stream = await open(devices, constraints(kind === 'audio', kind === 'video'), signal);
      captured[kind] = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    } catch (error) {
      if (signal.aborted) {
        captured.audio?.stop();
        throw signal.reason;
      }
      captured.error ??= toCheckError(error, kind === 'audio' ? 'audioinput' : 'videoinput');
    }
  }
  if (!captured.audio && !captured.video && captured.error) throw asFailure(captured.error);
  return captured;
}
