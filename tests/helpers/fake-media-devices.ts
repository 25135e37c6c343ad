/** A scriptable `navigator.mediaDevices` (and `localStorage`, `navigator.permissions`) for device tests. */
import type { MediaDevicesLike, PermissionsLike, StorageLike } from '../../src/core/media/devices.js';

/** One fake device. */
export interface FakeDevice {
  deviceId: string;
  kind: 'audioinput' | 'videoinput' | 'audiooutput';
  label: string;
  groupId?: string;
}

/** A fake `mediaDevices` whose list, permission and failures the test controls. */
export class FakeMediaDevices extends EventTarget implements MediaDevicesLike {
  devices: FakeDevice[];
  /** Labels are hidden (and ids empty) until access is granted, as in browsers. */
  granted = false;
  /** The error `getUserMedia` throws next (by DOMException name), if any. */
  failWith: string | undefined;
  readonly requests: MediaStreamConstraints[] = [];
  readonly stopped: string[] = [];

  constructor(devices: FakeDevice[], granted = false) {
    super();
    this.devices = devices;
    this.granted = granted;
  }

  async enumerateDevices() {
    return this.devices.map((device) => ({
      deviceId: this.granted ? device.deviceId : '',
      groupId: device.groupId ?? 'group',
      kind: device.kind,
      label: this.granted ? device.label : '',
    }));
  }

  async getUserMedia(constraints: MediaStreamConstraints) {
    this.requests.push(constraints);
    if (this.failWith) {
      const error = new Error(`${this.failWith} (fake)`);
      error.name = this.failWith;
      throw error;
    }
    this.granted = true;
    const kinds = [constraints.audio ? 'audio' : undefined, constraints.video ? 'video' : undefined].filter(Boolean);
    return { getTracks: () => kinds.map((kind) => ({ stop: () => this.stopped.push(String(kind)) })) };
  }

  /** Replace the device list and fire `devicechange`. */
  plug(devices: FakeDevice[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }
}

/** An in-memory `localStorage`. */
export class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** A fake `navigator.permissions` whose states the test flips. */
export class FakePermissions implements PermissionsLike {
  readonly statuses = new Map<string, EventTarget & { state: string }>();
  constructor(states: { camera: string; microphone: string }) {
    for (const [name, state] of Object.entries(states)) this.statuses.set(name, Object.assign(new EventTarget(), { state }));
  }
  async query(descriptor: { name: 'camera' | 'microphone' }) {
    const status = this.statuses.get(descriptor.name);
    if (!status) throw new TypeError('unsupported permission');
    return status;
  }
  set(name: 'camera' | 'microphone', state: string): void {
    const status = this.statuses.get(name);
    if (!status) return;
    status.state = state;
    status.dispatchEvent(new Event('change'));
  }
}

/** Chromium's fake devices, as `--use-fake-device-for-media-stream` lists them. */
export const CHROMIUM_LIKE_DEVICES: FakeDevice[] = [
  { deviceId: 'default', kind: 'audioinput', label: 'Default - Fake Default Audio Input' },
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Fake Audio Input 1' },
  { deviceId: 'mic-2', kind: 'audioinput', label: 'Fake Audio Input 2' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'fake_device_0' },
  { deviceId: 'default', kind: 'audiooutput', label: 'Default - Fake Audio Output' },
  { deviceId: 'out-1', kind: 'audiooutput', label: 'Fake Audio Output 1' },
];
