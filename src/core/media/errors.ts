/**
 * Typed media errors: browser `getUserMedia` failures become a
 * {@link MediaDeviceError} the UI can show, and media session failures a
 * {@link MediaSessionError} with a closed code.
 *
 * @packageDocumentation
 */
import { MediaSessionError } from './session-error.js';
import type { DeviceKind, MediaDeviceError, MediaDeviceErrorCode } from './types.js';

export { MediaSessionError, type MediaSessionErrorCode } from './session-error.js';

const DEVICE_NAMES: Record<DeviceKind, string> = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

/** Browser `DOMException` names and the device error code each one means. */
const CODE_BY_NAME: Record<string, MediaDeviceErrorCode> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotFoundError: 'not-found',
  DevicesNotFoundError: 'not-found',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use',
  AbortError: 'in-use',
  OverconstrainedError: 'overconstrained',
  ConstraintNotSatisfiedError: 'overconstrained',
  TypeError: 'unsupported',
  NotSupportedError: 'unsupported',
  DeviceUnsupportedError: 'unsupported',
};

/**
 * A message for people, per device kind and error code.
 *
 * @example
 * ```ts
 * describeDeviceError('videoinput', 'permission-denied'); // 'Camera access was denied...'
 * ```
 */
export function describeDeviceError(kind: DeviceKind, code: MediaDeviceErrorCode): string {
  const device = DEVICE_NAMES[kind];
  const Device = device.charAt(0).toUpperCase() + device.slice(1);
  switch (code) {
    case 'permission-denied':
      return `${Device} access was denied. Allow it in the browser's site settings.`;
    case 'not-found':
      return `No ${device} was found. Connect one and try again.`;
    case 'in-use':
      return `The ${device} is in use by another application or could not be started.`;
    case 'overconstrained':
      return `The chosen ${device} cannot provide the requested settings.`;
    case 'unsupported':
      return `This browser cannot use a ${device} here (a secure context is required).`;
    case 'unknown':
      return `The ${device} failed for an unknown reason.`;
  }
}

/**
 * Whether a value has the shape of a {@link MediaDeviceError}.
 *
 * @example
 * ```ts
 * if (isMediaDeviceError(value)) showBanner(value.message);
 * ```
 */
export function isMediaDeviceError(value: unknown): value is MediaDeviceError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.message === 'string' &&
    candidate.kind in DEVICE_NAMES
  );
}

/**
 * Map anything `getUserMedia` (or LiveKit's capture) threw onto a typed
 * {@link MediaDeviceError}: `NotAllowedError` becomes `permission-denied`,
 * `NotFoundError` `not-found`, `NotReadableError` `in-use`,
 * `OverconstrainedError` `overconstrained`, a missing API `unsupported`.
 *
 * @example
 * ```ts
 * try {
 *   await navigator.mediaDevices.getUserMedia({ video: true });
 * } catch (error) {
 *   const deviceError = toMediaDeviceError(error, 'videoinput'); // { code: 'permission-denied', ... }
 * }
 * ```
 */
export function toMediaDeviceError(error: unknown, kind: DeviceKind): MediaDeviceError {
  if (isMediaDeviceError(error)) return error;
  if (error instanceof MediaSessionError && error.device) return error.device;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const code = CODE_BY_NAME[name] ?? 'unknown';
  return { code, kind, message: describeDeviceError(kind, code) };
}

/**
 * Which device kind a `getUserMedia` failure most likely concerns, from the
 * constraint an `OverconstrainedError` names or what was requested.
 *
 * @example
 * ```ts
 * guessFailedKind(error, { audio: true, video: true }); // 'videoinput'
 * ```
 */
export function guessFailedKind(error: unknown, requested: { audio: boolean; video: boolean }): DeviceKind {
  const message = error instanceof Error ? `${error.message} ${String((error as { constraint?: unknown }).constraint ?? '')}` : '';
  if (/video|camera|width|height|frameRate|facingMode/i.test(message)) return 'videoinput';
  if (/audio|microphone|echo|noise|gain/i.test(message)) return 'audioinput';
  return requested.video && !requested.audio ? 'videoinput' : 'audioinput';
}

/**
 * Wrap a device failure into a rejected-promise-friendly {@link MediaSessionError}.
 *
 * @example
 * ```ts
 * throw deviceFailure(toMediaDeviceError(error, 'audioinput'), error);
 * ```
 */
export function deviceFailure(device: MediaDeviceError, cause?: unknown): MediaSessionError {
  return new MediaSessionError('device', device.message, { device, cause });
}
