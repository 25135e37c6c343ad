/**
 * Capture settings as `getUserMedia` constraints (used by the LiveKit session,
 * the local preview, the device manager and the fake media). Their validation is
 * `capture-options.ts`, apart, so what needs only constraints does not load a schema library.
 *
 * @packageDocumentation
 */
import type { CaptureOptions } from './types.js';

/**
 * Width, height and default frame rate of each resolution preset (16:9).
 *
 * @example
 * ```ts
 * RESOLUTION_PRESETS['720p']; // { width: 1280, height: 720, frameRate: 30 }
 * ```
 */
export const RESOLUTION_PRESETS = {
  '360p': { width: 640, height: 360, frameRate: 30 },
  '480p': { width: 854, height: 480, frameRate: 30 },
  '720p': { width: 1280, height: 720, frameRate: 30 },
  '1080p': { width: 1920, height: 1080, frameRate: 30 },
} as const;

/**
 * The preset used when none is given.
 *
 * @example
 * ```ts
 * videoResolution().height === RESOLUTION_PRESETS[DEFAULT_RESOLUTION].height; // true
 * ```
 */
export const DEFAULT_RESOLUTION = '720p';

/**
 * Microphone constraints: audio processing switches (on by default) and the preferred device.
 *
 * @example
 * ```ts
 * navigator.mediaDevices.getUserMedia({ audio: audioConstraints({ noiseSuppression: false }) });
 * ```
 */
export function audioConstraints(capture: CaptureOptions = {}, deviceId = capture.deviceIds?.audioinput): MediaTrackConstraints {
  return {
    echoCancellation: capture.echoCancellation ?? true,
    noiseSuppression: capture.noiseSuppression ?? true,
    autoGainControl: capture.autoGainControl ?? true,
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

/**
 * The resolution and frame rate a capture asks for.
 *
 * @example
 * ```ts
 * videoResolution({ resolution: '480p', maxFrameRate: 15 }); // { width: 854, height: 480, frameRate: 15 }
 * ```
 */
export function videoResolution(capture: CaptureOptions = {}): { width: number; height: number; frameRate: number } {
  const preset = RESOLUTION_PRESETS[capture.resolution ?? DEFAULT_RESOLUTION];
  const frameRate = Math.min(preset.frameRate, capture.maxFrameRate ?? preset.frameRate);
  return { width: preset.width, height: preset.height, frameRate };
}

/**
 * Camera constraints: ideal resolution of the preset, capped frame rate, preferred device.
 *
 * @example
 * ```ts
 * navigator.mediaDevices.getUserMedia({ video: videoConstraints({ resolution: '1080p' }) });
 * ```
 */
export function videoConstraints(capture: CaptureOptions = {}, deviceId = capture.deviceIds?.videoinput): MediaTrackConstraints {
  const { width, height, frameRate } = videoResolution(capture);
  return {
    width: { ideal: width },
    height: { ideal: height },
    frameRate: { ideal: frameRate, max: frameRate },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}
