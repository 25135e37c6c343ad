/**
 * The page's shared device manager before and after its implementation loads:
 * remembered choices and new ones at once, the manager loaded by the first
 * subscription or refresh, choices handed over, listeners moved to it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeferredDeviceManager } from '../../src/core/media/default-devices.js';
import { deviceStorageKey } from '../../src/core/media/device-choices.js';
import * as devicesModule from '../../src/core/media/devices.js';
import { MediaSessionError } from '../../src/core/media/errors.js';
import { moduleLoader } from '../../src/core/load-module.js';
import { FakeMediaDevices, MemoryStorage } from '../helpers/fake-media-devices.js';

/** A loader that hands the devices module over only when the test says so. */
function heldLoader() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const load = vi.fn(async () => {
    await released;
    return devicesModule;
  });
  return { loader: moduleLoader(load), load, release };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createDeferredDeviceManager', () => {
  it('reports remembered choices and takes new ones before the manager loads', () => {
    const storage = new MemoryStorage();
    storage.setItem(deviceStorageKey('videoinput'), 'cam-2');
    vi.stubGlobal('localStorage', storage);
    const { loader, load } = heldLoader();
    const devices = createDeferredDeviceManager(loader);
    const first = devices.getSnapshot();
    expect(first).toMatchObject({ supported: false, ready: false, cameras: [], selected: { videoinput: 'cam-2' } });
    expect(first.permission).toEqual({ audioinput: 'unknown', videoinput: 'unknown', audiooutput: 'unknown' });
    expect(devices.getSnapshot()).toBe(first);
    const chosen = vi.fn();
    devices.onSelect(chosen);
    expect(devices.select('audioinput', 'mic-2')).toBe(true);
    expect(chosen).toHaveBeenCalledWith('audioinput', 'mic-2');
    expect(devices.getSnapshot().selected).toEqual({ videoinput: 'cam-2', audioinput: 'mic-2' });
    expect(storage.getItem(deviceStorageKey('audioinput'))).toBe('mic-2');
    expect(() => devices.select('audioinput', '')).toThrow(MediaSessionError);
    expect(load).not.toHaveBeenCalled();
  });

  it('loads on the first subscription, hands the choices over and moves its listeners to the manager', async () => {
    vi.stubGlobal('navigator', {
      mediaDevices: new FakeMediaDevices(
        [
          { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in' },
          { deviceId: 'mic-2', kind: 'audioinput', label: 'Headset' },
        ],
        true,
      ),
    });
    const { loader, load, release } = heldLoader();
    const devices = createDeferredDeviceManager(loader);
    devices.select('audioinput', 'mic-2');
    const listener = vi.fn();
    const unsubscribe = devices.subscribe(listener);
    const chosen = vi.fn();
    devices.onSelect(chosen);
    expect(load).toHaveBeenCalledTimes(1);
    expect(devices.getSnapshot().ready).toBe(false);
    release();
    await vi.waitFor(() => expect(devices.getSnapshot().ready).toBe(true), { timeout: 2_000 });
    expect(listener).toHaveBeenCalled();
    expect(devices.getSnapshot().microphones.map((device) => device.deviceId)).toEqual(['mic-1', 'mic-2']);
    expect(devices.getSnapshot().selected.audioinput).toBe('mic-2');
    expect(chosen).not.toHaveBeenCalled();
    expect(devices.select('audioinput', 'mic-1')).toBe(true);
    expect(chosen).toHaveBeenCalledWith('audioinput', 'mic-1');
    expect(devices.select('audioinput', 'unplugged')).toBe(false);
    unsubscribe();
    const calls = listener.mock.calls.length;
    devices.select('audioinput', 'mic-2');
    expect(listener).toHaveBeenCalledTimes(calls);
  });

  it('tries a failed load again on the next use', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk failed')).mockResolvedValue(devicesModule);
    const devices = createDeferredDeviceManager(moduleLoader(load));
    await expect(devices.refresh()).rejects.toThrow('chunk failed');
    await expect(devices.refresh()).resolves.toMatchObject({ ready: true, supported: false });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
