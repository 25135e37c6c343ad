/**
 * The device manager: cameras, microphones and speakers, the chosen one of
 * each (remembered in `localStorage`), permission state, hot-plug through
 * `devicechange`, as a small subscribe/getSnapshot store. React-free and
 * SSR-safe: nothing touches `navigator` or `localStorage` until it is used.
 *
 * @packageDocumentation
 */
import { addListener } from '../listeners.js';
import { audioConstraints } from './constraints.js';
import {
  browserMediaDevices,
  browserStorage,
  checkDeviceChoice,
  DEVICE_KINDS as KINDS,
  isDeviceKind,
  readDeviceChoices,
  rememberDeviceChoice,
  SERVER_DEVICE_SNAPSHOT,
} from './device-choices.js';
import { guessFailedKind, toMediaDeviceError } from './errors.js';
import type { DeviceKind, MediaDeviceError } from './types.js';

/** One camera, microphone or speaker. */
export interface DeviceInfo {
  /** The browser's id (stable per origin once permission is granted). */
  deviceId: string;
  /** Devices of one physical unit share a group id. */
  groupId: string;
  /** Which kind of device. */
  kind: DeviceKind;
  /** A name people recognise (empty until permission is granted in most browsers). */
  label: string;
}

/** Whether the page may use a kind of device. */
export type DevicePermission = 'prompt' | 'granted' | 'denied' | 'unknown';

/** Everything the UI reads from a device manager. */
export interface DeviceSnapshot {
  /** The browser has `navigator.mediaDevices` (a secure context). */
  supported: boolean;
  /** The devices have been listed at least once. */
  ready: boolean;
  /** Video inputs. */
  cameras: readonly DeviceInfo[];
  /** Audio inputs. */
  microphones: readonly DeviceInfo[];
  /** Audio outputs (listed by Chromium-based browsers and Firefox). */
  speakers: readonly DeviceInfo[];
  /** The device in use per kind: the remembered choice when it is plugged in, else the first one. */
  selected: Readonly<Partial<Record<DeviceKind, string>>>;
  /** Permission per kind (speakers follow the microphone). */
  permission: Readonly<Record<DeviceKind, DevicePermission>>;
  /** The last device failure, cleared by the next success. */
  error?: MediaDeviceError;
}

/** The part of `navigator.mediaDevices` the manager uses (a fake one in tests). */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<ArrayLike<{ deviceId: string; groupId: string; kind: string; label: string }>>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<{ getTracks(): ReadonlyArray<{ stop(): void }> }>;
  addEventListener?(type: 'devicechange', listener: () => void): void;
  removeEventListener?(type: 'devicechange', listener: () => void): void;
}

/** The part of `localStorage` the manager uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** One permission status of the Permissions API. */
export interface PermissionStatusLike {
  readonly state: string;
  addEventListener?(type: 'change', listener: () => void): void;
  removeEventListener?(type: 'change', listener: () => void): void;
}

/** The part of `navigator.permissions` the manager uses. */
export interface PermissionsLike {
  query(descriptor: { name: 'camera' | 'microphone' }): Promise<PermissionStatusLike>;
}

/** Options of {@link createDeviceManager}; each defaults to the browser's own, looked up on first use. */
export interface DeviceManagerOptions {
  /** Defaults to `navigator.mediaDevices`; `null` means unsupported. */
  mediaDevices?: MediaDevicesLike | null;
  /** Defaults to `localStorage`; `null` remembers nothing. */
  storage?: StorageLike | null;
  /** Defaults to `navigator.permissions`; `null` infers permission from device labels. */
  permissions?: PermissionsLike | null;
}

/** Lists, selection and permission of media devices, as a subscribe/getSnapshot store. */
export interface DeviceManager {
  /** The current state; the same object until something changes. */
  getSnapshot(): DeviceSnapshot;
  /** The state to render on the server (nothing listed, nothing known). */
  getServerSnapshot(): DeviceSnapshot;
  /** Listen for changes; the first listener starts watching `devicechange`, the last one stops it. */
  subscribe(listener: () => void): () => void;
  /** List the devices again. */
  refresh(): Promise<DeviceSnapshot>;
  /** Ask for camera and/or microphone access (tracks are stopped at once); resolves with the permission state. */
  requestPermission(kinds?: readonly DeviceKind[]): Promise<DeviceSnapshot['permission']>;
  /** Choose a device of a kind; remembered under `ringkit:device:<kind>`. Returns false (with `error` set) for an unplugged device. */
  select(kind: DeviceKind, deviceId: string): boolean;
  /** Listen for choices (the ring client applies them mid-call); returns the unsubscribe function. */
  onSelect(listener: (kind: DeviceKind, deviceId: string) => void): () => void;
}

export { browserStorage, deviceStorageKey } from './device-choices.js';

const LIST_OF: Record<DeviceKind, 'microphones' | 'cameras' | 'speakers'> = {
  audioinput: 'microphones',
  videoinput: 'cameras',
  audiooutput: 'speakers',
};
const PERMISSION_NAME = { audioinput: 'microphone', videoinput: 'camera' } as const;

function sameDevices(a: readonly DeviceInfo[], b: readonly DeviceInfo[]): boolean {
  return a.length === b.length && a.every((d, i) => d.deviceId === b[i]?.deviceId && d.label === b[i]?.label);
}

function sameRecord<T>(a: Readonly<Partial<Record<DeviceKind, T>>>, b: Readonly<Partial<Record<DeviceKind, T>>>): boolean {
  return KINDS.every((kind) => a[kind] === b[kind]);
}

function toPermission(state: string): DevicePermission {
  return state === 'granted' || state === 'denied' || state === 'prompt' ? state : 'unknown';
}

function browserPermissions(): PermissionsLike | null {
  return typeof navigator !== 'undefined' && navigator.permissions ? navigator.permissions : null;
}

/**
 * Create a device manager. Use one per page (the ring client holds one as
 * `client.devices`; {@link getDefaultDeviceManager} serves pages without a client).
 *
 * @example
 * ```ts
 * const devices = createDeviceManager();
 * devices.subscribe(() => console.log(devices.getSnapshot().microphones));
 * await devices.requestPermission(['audioinput']);
 * devices.select('audioinput', devices.getSnapshot().microphones[1]!.deviceId);
 * ```
 */
export function createDeviceManager(options: DeviceManagerOptions = {}): DeviceManager {
  let resolved: { media: MediaDevicesLike | null; storage: StorageLike | null; permissions: PermissionsLike | null } | undefined;
  const env = () =>
    (resolved ??= {
      media: options.mediaDevices === undefined ? browserMediaDevices() : options.mediaDevices,
      storage: options.storage === undefined ? browserStorage() : options.storage,
      permissions: options.permissions === undefined ? browserPermissions() : options.permissions,
    });

  const listeners = new Set<() => void>();
  const selectListeners = new Set<(kind: DeviceKind, deviceId: string) => void>();
  const preferred: Partial<Record<DeviceKind, string>> = {};
  const queried: Partial<Record<DeviceKind, DevicePermission>> = {};
  const denied = new Set<DeviceKind>();
  let lists: Pick<DeviceSnapshot, 'cameras' | 'microphones' | 'speakers'> = { cameras: [], microphones: [], speakers: [] };
  let ready = false;
  let error: MediaDeviceError | undefined;
  let snapshot: DeviceSnapshot | undefined;
  let refreshSeq = 0;
  let stopWatching: (() => void) | undefined;

  function readPreferences(): void {
    readDeviceChoices(env().storage, preferred);
  }

  function permissionOf(kind: DeviceKind): DevicePermission {
    const inputKind = kind === 'audiooutput' ? 'audioinput' : kind;
    if (denied.has(inputKind)) return 'denied';
    const fromApi = queried[inputKind];
    if (fromApi && fromApi !== 'unknown') return fromApi;
    const list = lists[LIST_OF[inputKind]];
    if (list.some((device) => device.label !== '')) return 'granted';
    return ready ? 'prompt' : 'unknown';
  }

  function selectedOf(kind: DeviceKind): string | undefined {
    const list = lists[LIST_OF[kind]];
    const choice = preferred[kind];
    if (!ready) return choice;
    if (choice && list.some((device) => device.deviceId === choice)) return choice;
    return list.find((device) => device.deviceId !== '')?.deviceId;
  }

  function build(): DeviceSnapshot {
    const selected: Partial<Record<DeviceKind, string>> = {};
    for (const kind of KINDS) {
      const id = selectedOf(kind);
      if (id !== undefined) selected[kind] = id;
    }
    const permission = {
      audioinput: permissionOf('audioinput'),
      videoinput: permissionOf('videoinput'),
      audiooutput: permissionOf('audiooutput'),
    };
    const next: DeviceSnapshot = { supported: env().media !== null, ready, ...lists, selected, permission };
    if (error) next.error = error;
    return next;
  }

  /** Recompute the snapshot; keep the old object (and stay quiet) when nothing changed. */
  function update(): void {
    const next = build();
    const prev = snapshot;
    if (
      prev &&
      prev.supported === next.supported &&
      prev.ready === next.ready &&
      prev.error === next.error &&
      sameDevices(prev.cameras, next.cameras) &&
      sameDevices(prev.microphones, next.microphones) &&
      sameDevices(prev.speakers, next.speakers) &&
      sameRecord(prev.selected, next.selected) &&
      sameRecord(prev.permission, next.permission)
    ) {
      return;
    }
    snapshot = next;
    for (const listener of [...listeners]) listener();
  }

  function setError(next: MediaDeviceError | undefined): void {
    error = next;
    update();
  }

  async function refresh(): Promise<DeviceSnapshot> {
    const media = env().media;
    if (!media) {
      ready = true;
      setError({ code: 'unsupported', kind: 'audioinput', message: 'Media devices are not available here (a secure context is required).' });
      return getSnapshot();
    }
    const seq = ++refreshSeq;
    try {
      const infos = Array.from(await media.enumerateDevices());
      if (seq !== refreshSeq) return getSnapshot();
      const next: Record<'cameras' | 'microphones' | 'speakers', DeviceInfo[]> = { cameras: [], microphones: [], speakers: [] };
      for (const info of infos) {
        if (!isDeviceKind(info.kind)) continue;
        next[LIST_OF[info.kind]].push({ deviceId: info.deviceId, groupId: info.groupId, kind: info.kind, label: info.label });
      }
      lists = next;
      ready = true;
      update();
    } catch (cause) {
      ready = true;
      setError(toMediaDeviceError(cause, 'audioinput'));
    }
    return getSnapshot();
  }

  async function watchPermission(kind: 'audioinput' | 'videoinput', onChange: () => void): Promise<() => void> {
    const permissions = env().permissions;
    if (!permissions) return () => {};
    try {
      const status = await permissions.query({ name: PERMISSION_NAME[kind] });
      const apply = () => {
        queried[kind] = toPermission(status.state);
        if (queried[kind] === 'granted') denied.delete(kind);
      };
      apply();
      const listener = () => {
        apply();
        onChange();
      };
      status.addEventListener?.('change', listener);
      return () => status.removeEventListener?.('change', listener);
    } catch {
      return () => {}; // this browser cannot query that permission: labels tell
    }
  }

  function start(): void {
    readPreferences();
    const media = env().media;
    const onDeviceChange = () => void refresh();
    media?.addEventListener?.('devicechange', onDeviceChange);
    let active = true;
    const unwatch: Array<() => void> = [];
    for (const kind of ['audioinput', 'videoinput'] as const) {
      void watchPermission(kind, () => void refresh()).then((stop) => {
        if (active) {
          unwatch.push(stop);
          update();
        } else stop();
      });
    }
    void refresh();
    stopWatching = () => {
      active = false;
      media?.removeEventListener?.('devicechange', onDeviceChange);
      for (const stop of unwatch.splice(0)) stop();
    };
  }

  function getSnapshot(): DeviceSnapshot {
    if (!snapshot) {
      readPreferences();
      snapshot = build();
    }
    return snapshot;
  }

  async function tryCapture(kinds: readonly ('audioinput' | 'videoinput')[]): Promise<MediaDeviceError | undefined> {
    const media = env().media;
    const requested = { audio: kinds.includes('audioinput'), video: kinds.includes('videoinput') };
    if (!media) return { code: 'unsupported', kind: kinds[0] ?? 'audioinput', message: 'Media devices are not available here.' };
    try {
      const stream = await media.getUserMedia({
        audio: requested.audio ? audioConstraints() : false,
        video: requested.video,
      });
      for (const track of stream.getTracks()) track.stop();
      for (const kind of kinds) denied.delete(kind);
      return undefined;
    } catch (cause) {
      const failed = toMediaDeviceError(cause, kinds.length === 1 ? (kinds[0] ?? 'audioinput') : guessFailedKind(cause, requested));
      if (failed.code === 'permission-denied') for (const kind of kinds) denied.add(kind);
      return failed;
    }
  }

  async function requestPermission(kinds: readonly DeviceKind[] = ['audioinput', 'videoinput']): Promise<DeviceSnapshot['permission']> {
    const inputs = [...new Set(kinds.filter(isDeviceKind).map((kind) => (kind === 'audiooutput' ? 'audioinput' : kind)))];
    if (inputs.length === 0) return getSnapshot().permission;
    let failure = await tryCapture(inputs);
    if (failure && failure.code !== 'permission-denied' && inputs.length > 1) {
      // One missing or busy device must not hide the other: ask for each alone.
      const each = await Promise.all(inputs.map((kind) => tryCapture([kind])));
      failure = each.find((result) => result !== undefined);
    }
    error = failure;
    await refresh();
    return getSnapshot().permission;
  }

  function select(kind: DeviceKind, deviceId: string): boolean {
    checkDeviceChoice(kind, deviceId);
    getSnapshot();
    const list = lists[LIST_OF[kind]];
    if (ready && !list.some((device) => device.deviceId === deviceId)) {
      setError({ code: 'not-found', kind, message: `That ${LIST_OF[kind].slice(0, -1)} is not connected.` });
      return false;
    }
    preferred[kind] = deviceId;
    rememberDeviceChoice(env().storage, kind, deviceId);
    if (error?.kind === kind) error = undefined;
    update();
    for (const listener of [...selectListeners]) listener(kind, deviceId);
    return true;
  }

  return {
    getSnapshot,
    getServerSnapshot: () => SERVER_DEVICE_SNAPSHOT,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && !stopWatching) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stopWatching) {
          stopWatching();
          stopWatching = undefined;
        }
      };
    },
    refresh,
    requestPermission,
    select,
    onSelect: (listener) => addListener(selectListeners, listener),
  };
}
