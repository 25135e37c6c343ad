'use client';
/**
 * `useMediaDevices`: cameras, microphones and speakers, the chosen one of
 * each, permission state and errors, before and during calls.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import { getDefaultDeviceManager } from '../core/media/default-devices.js';
import type { DeviceManager, DeviceSnapshot } from '../core/media/devices.js';
import type { DeviceKind } from '../core/media/types.js';
import type { RingClient } from '../core/ring-client.js';
import { useMaybeRingClient } from './use-ring-client.js';
import { useStoreSelector } from './use-store-selector.js';

/** Where a device hook finds its device manager. */
export interface DeviceManagerSource {
  /** A ring client whose `devices` manager to use (default: the `<RingProvider>` one). */
  client?: RingClient | null;
  /** A device manager to use instead of the client's (tests, apps without a client). */
  manager?: DeviceManager;
}

/** What {@link useMediaDevices} returns: the device snapshot plus its actions. */
export interface MediaDevicesState extends DeviceSnapshot {
  /** Choose a device (remembered; applied to the current call by the ring client). False if it is unplugged. */
  select(kind: DeviceKind, deviceId: string): boolean;
  /** Ask for camera and/or microphone access; resolves with the permission state. */
  requestPermission(kinds?: readonly DeviceKind[]): Promise<DeviceSnapshot['permission']>;
  /** List the devices again. */
  refresh(): Promise<DeviceSnapshot>;
}

/** `useMediaDevices` returns every field of the device snapshot. */
const wholeDevices = (snapshot: DeviceSnapshot) => snapshot;

function isDeviceManager(value: unknown): value is DeviceManager {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof DeviceManager, unknown>>;
  return typeof candidate.getSnapshot === 'function' && typeof candidate.subscribe === 'function' && typeof candidate.select === 'function';
}

/**
 * The device manager a hook should use: the one passed in, else the ring
 * client's `devices`, else the page's shared default manager.
 *
 * @example
 * ```tsx
 * const manager = useDeviceManager();
 * manager.select('audiooutput', speakerId);
 * ```
 */
export function useDeviceManager(source: DeviceManagerSource = {}): DeviceManager {
  const client = useMaybeRingClient(source.client ?? undefined);
  if (source.manager) return source.manager;
  if (client && 'devices' in client && isDeviceManager(client.devices)) return client.devices;
  return getDefaultDeviceManager();
}

/**
 * Cameras, microphones and speakers; the selected one of each (`select`
 * remembers it in `localStorage` and a ring client applies it mid-call);
 * permission state; hot-plug through `devicechange`; the last device error.
 * Works before any call (for a preview) and renders nothing media-related
 * on the server.
 *
 * @example
 * ```tsx
 * function MicrophoneSelect() {
 *   const { microphones, selected, select, permission, requestPermission, error } = useMediaDevices();
 *   if (permission.audioinput !== 'granted') return <button onClick={() => requestPermission(['audioinput'])}>Allow microphone</button>;
 *   return (
 *     <>
 *       <select value={selected.audioinput} onChange={(e) => select('audioinput', e.target.value)}>
 *         {microphones.map((d) => <option key={d.deviceId} value={d.deviceId}>{d.label}</option>)}
 *       </select>
 *       {error && <p role="alert">{error.message}</p>}
 *     </>
 *   );
 * }
 * ```
 */
export function useMediaDevices(options: DeviceManagerSource = {}): MediaDevicesState {
  const manager = useDeviceManager(options);
  const snapshot = useStoreSelector(manager, wholeDevices);
  return useMemo(
    () => ({
      ...snapshot,
      select: manager.select,
      requestPermission: manager.requestPermission,
      refresh: manager.refresh,
    }),
    [manager, snapshot],
  );
}
