/**
 * What the device manager and its on-demand facade share: device kinds, the
 * remembered choice of each kind (`localStorage`), argument checks and the
 * server snapshot. Small, so the page before any call holds it without the manager.
 *
 * @packageDocumentation
 */
import type { DeviceSnapshot, MediaDevicesLike, StorageLike } from './devices.js';
import { MediaSessionError } from './session-error.js';
import type { DeviceKind } from './types.js';

/** @internal */
export const DEVICE_KINDS: readonly DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];

/**
 * The state to render on the server (nothing listed, nothing known).
 *
 * @internal
 */
export const SERVER_DEVICE_SNAPSHOT: DeviceSnapshot = Object.freeze<DeviceSnapshot>({
  supported: false,
  ready: false,
  cameras: [],
  microphones: [],
  speakers: [],
  selected: {},
  permission: { audioinput: 'unknown', videoinput: 'unknown', audiooutput: 'unknown' },
});

/**
 * The `localStorage` key a device choice is stored under.
 *
 * @example
 * ```ts
 * localStorage.getItem(deviceStorageKey('videoinput')); // the remembered camera id
 * ```
 */
export function deviceStorageKey(kind: DeviceKind): string {
  return `ringkit:device:${kind}`;
}

/**
 * Whether a value names a device kind.
 *
 * @internal
 * @example
 * ```ts
 * isDeviceKind('audioinput'); // true
 * ```
 */
export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}

/**
 * Throw the manager's `invalid-argument` error unless `select(kind, deviceId)` got a kind and a device id.
 *
 * @internal
 * @example
 * ```ts
 * checkDeviceChoice('videoinput', cameraId);
 * ```
 */
export function checkDeviceChoice(kind: unknown, deviceId: unknown): asserts kind is DeviceKind {
  if (!isDeviceKind(kind) || typeof deviceId !== 'string' || deviceId.length === 0 || deviceId.length > 512) {
    throw new MediaSessionError('invalid-argument', `select(kind, deviceId) needs a device kind and a device id, got ${String(kind)}`);
  }
}

/**
 * The browser's `navigator.mediaDevices`, or `null` outside a secure context or a browser.
 *
 * @internal
 * @example
 * ```ts
 * const supported = browserMediaDevices() !== null;
 * ```
 */
export function browserMediaDevices(): MediaDevicesLike | null {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null;
}

/**
 * The page's `localStorage`, or `null` where there is none or it is blocked.
 *
 * @internal
 * @example
 * ```ts
 * browserStorage()?.getItem('ringkit:device:audioinput');
 * ```
 */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access denied (sandboxed iframe, blocked cookies)
  }
}

/**
 * Add the remembered choice of each kind to `choices` (a choice already there wins).
 *
 * @internal
 * @example
 * ```ts
 * readDeviceChoices(browserStorage(), preferred);
 * ```
 */
export function readDeviceChoices(storage: StorageLike | null, choices: Partial<Record<DeviceKind, string>>): void {
  for (const kind of DEVICE_KINDS) {
    try {
      const stored = storage?.getItem(deviceStorageKey(kind));
      if (stored) choices[kind] ??= stored;
    } catch {
      // storage unavailable: nothing remembered
    }
  }
}

/**
 * Remember a choice; a full or blocked storage keeps it for this page only.
 *
 * @internal
 * @example
 * ```ts
 * rememberDeviceChoice(browserStorage(), 'videoinput', cameraId);
 * ```
 */
export function rememberDeviceChoice(storage: StorageLike | null, kind: DeviceKind, deviceId: string): void {
  try {
    storage?.setItem(deviceStorageKey(kind), deviceId);
  } catch {
    // storage full or blocked: the choice holds for this page only
  }
}
