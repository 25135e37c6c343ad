/**
 * Screen sharing helpers: whether the browser can share a screen, and
 * browser `getDisplayMedia` failures as a typed {@link ScreenShareError}.
 *
 * @packageDocumentation
 */
import type { ScreenShareError, ScreenShareErrorCode } from './types.js';

/** Browser `DOMException` names (and LiveKit's error names) and the screen share error each one means. */
const CODE_BY_NAME: Record<string, ScreenShareErrorCode> = {
  NotAllowedError: 'permission-denied',
  PermissionDeniedError: 'permission-denied',
  SecurityError: 'permission-denied',
  NotSupportedError: 'unsupported',
  DeviceUnsupportedError: 'unsupported',
};

const MESSAGES: Record<ScreenShareErrorCode, string> = {
  'permission-denied': 'Screen sharing was cancelled or is not allowed.',
  unsupported: 'This browser cannot share a screen here.',
  failed: 'Screen sharing failed.',
};

/**
 * Whether this browser can share a screen (`getDisplayMedia` exists: desktop browsers in a
 * secure context; not iOS Safari, not Android browsers).
 *
 * @example
 * ```ts
 * if (isScreenShareSupported()) showShareButton();
 * ```
 */
export function isScreenShareSupported(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/**
 * A typed {@link ScreenShareError} for a code, with its English message.
 *
 * @example
 * ```ts
 * screenShareError('unsupported').message; // 'This browser cannot share a screen here.'
 * ```
 */
export function screenShareError(code: ScreenShareErrorCode): ScreenShareError {
  return { code, message: MESSAGES[code] };
}

/**
 * Map anything `getDisplayMedia` (or LiveKit's screen capture) threw onto a {@link ScreenShareError}:
 * `NotAllowedError` (the picker was cancelled or sharing is blocked) becomes `permission-denied`,
 * `NotSupportedError` `unsupported`, anything else `failed`.
 *
 * @example
 * ```ts
 * try {
 *   await navigator.mediaDevices.getDisplayMedia({ video: true });
 * } catch (error) {
 *   toScreenShareError(error).code; // 'permission-denied' when the person cancelled
 * }
 * ```
 */
export function toScreenShareError(error: unknown): ScreenShareError {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code in MESSAGES) {
    return screenShareError(error.code as ScreenShareErrorCode);
  }
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return screenShareError(CODE_BY_NAME[name] ?? 'failed');
}
