import { describe, expect, it, vi } from 'vitest';
import { createDeviceManager, deviceStorageKey, type DeviceSnapshot } from '../../src/core/media/devices.js';
import { CHROMIUM_LIKE_DEVICES, FakeMediaDevices, FakePermissions, MemoryStorage } from '../helpers/fake-media-devices.js';

/** Wait (bounded) until the manager's snapshot satisfies a check. */
async function until(manager: { getSnapshot(): DeviceSnapshot }, check: (snapshot: DeviceSnapshot) => boolean): Promise<DeviceSnapshot> {
  await vi.waitFor(() => expect(check(manager.getSnapshot())).toBe(true), { timeout: 2000, interval: 5 });
  return manager.getSnapshot();
}

describe('createDeviceManager', () => {
  it('touches nothing until used, and is unsupported without mediaDevices', async () => {
    const manager = createDeviceManager({ mediaDevices: null, storage: null, permissions: null });
    expect(manager.getServerSnapshot()).toMatchObject({ supported: false, ready: false, cameras: [] });
    const snapshot = await manager.refresh();
    expect(snapshot).toMatchObject({ supported: false, ready: true, error: { code: 'unsupported' } });
  });

  it('lists devices once subscribed, with stable snapshots and the first device selected', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, true);
    const manager = createDeviceManager({ mediaDevices: media, storage: new MemoryStorage(), permissions: null });
    const listener = vi.fn();
    const unsubscribe = manager.subscribe(listener);
    const snapshot = await until(manager, (s) => s.ready);
    expect(snapshot.microphones.map((d) => d.label)).toEqual(['Default - Fake Default Audio Input', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    expect(snapshot.cameras).toHaveLength(1);
    expect(snapshot.speakers).toHaveLength(2);
    expect(snapshot.selected).toEqual({ audioinput: 'default', videoinput: 'cam-1', audiooutput: 'default' });
    expect(snapshot.permission).toEqual({ audioinput: 'granted', videoinput: 'granted', audiooutput: 'granted' });
    expect(manager.getSnapshot()).toBe(snapshot);
    const calls = listener.mock.calls.length;
    await manager.refresh();
    expect(manager.getSnapshot()).toBe(snapshot);
    expect(listener.mock.calls.length).toBe(calls);
    unsubscribe();
  });

  it('follows hot-plug through devicechange and stops listening after the last unsubscribe', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, true);
    const manager = createDeviceManager({ mediaDevices: media, storage: new MemoryStorage(), permissions: null });
    const unsubscribe = manager.subscribe(() => {});
    await until(manager, (s) => s.ready);
    manager.select('audioinput', 'mic-2');
    media.plug(CHROMIUM_LIKE_DEVICES.filter((device) => device.deviceId !== 'mic-2'));
    let snapshot = await until(manager, (s) => s.microphones.length === 2);
    expect(snapshot.selected.audioinput).toBe('default');
    media.plug(CHROMIUM_LIKE_DEVICES);
    snapshot = await until(manager, (s) => s.microphones.length === 3);
    expect(snapshot.selected.audioinput).toBe('mic-2');
    unsubscribe();
    media.plug([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(manager.getSnapshot().microphones).toHaveLength(3);
  });

  it('remembers a selection in storage and tells onSelect listeners', async () => {
    const storage = new MemoryStorage();
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, true);
    const manager = createDeviceManager({ mediaDevices: media, storage, permissions: null });
    const onSelect = vi.fn();
    manager.onSelect(onSelect);
    await manager.refresh();
    expect(manager.select('videoinput', 'cam-1')).toBe(true);
    expect(manager.select('audiooutput', 'out-1')).toBe(true);
    expect(storage.getItem(deviceStorageKey('audiooutput'))).toBe('out-1');
    expect(storage.getItem('ringkit:device:videoinput')).toBe('cam-1');
    expect(onSelect.mock.calls).toEqual([
      ['videoinput', 'cam-1'],
      ['audiooutput', 'out-1'],
    ]);
    expect(manager.select('audioinput', 'unplugged')).toBe(false);
    expect(manager.getSnapshot().error).toMatchObject({ code: 'not-found', kind: 'audioinput' });
    expect(() => manager.select('screen' as never, 'x')).toThrow(/device kind/);

    const again = createDeviceManager({ mediaDevices: media, storage, permissions: null });
    expect(again.getSnapshot().selected).toEqual({ videoinput: 'cam-1', audiooutput: 'out-1' });
    await again.refresh();
    expect(again.getSnapshot().selected.audiooutput).toBe('out-1');
  });

  it('asks for permission, then lists labelled devices', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, false);
    const manager = createDeviceManager({ mediaDevices: media, storage: null, permissions: null });
    let snapshot = await manager.refresh();
    expect(snapshot.permission.audioinput).toBe('prompt');
    expect(snapshot.selected.audioinput).toBeUndefined();
    const permission = await manager.requestPermission();
    expect(permission).toEqual({ audioinput: 'granted', videoinput: 'granted', audiooutput: 'granted' });
    expect(media.requests).toHaveLength(1);
    expect(media.stopped.sort()).toEqual(['audio', 'video']);
    snapshot = manager.getSnapshot();
    expect(snapshot.microphones[1]?.label).toBe('Fake Audio Input 1');
    expect(snapshot.error).toBeUndefined();
  });

  it('reports a denied permission as a typed error', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, false);
    media.failWith = 'NotAllowedError';
    const manager = createDeviceManager({ mediaDevices: media, storage: null, permissions: null });
    const permission = await manager.requestPermission(['videoinput']);
    expect(permission.videoinput).toBe('denied');
    expect(permission.audioinput).toBe('prompt');
    expect(manager.getSnapshot().error).toMatchObject({ code: 'permission-denied', kind: 'videoinput' });
  });

  it('asks for each device alone when one of them is missing', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, false);
    const getUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      if (constraints.video) {
        const error = new Error('no camera');
        error.name = 'NotFoundError';
        throw error;
      }
      return getUserMedia(constraints);
    };
    const manager = createDeviceManager({ mediaDevices: media, storage: null, permissions: null });
    const permission = await manager.requestPermission();
    expect(permission.audioinput).toBe('granted');
    expect(manager.getSnapshot().error).toMatchObject({ code: 'not-found', kind: 'videoinput' });
  });

  it('reads and follows the Permissions API', async () => {
    const media = new FakeMediaDevices(CHROMIUM_LIKE_DEVICES, false);
    const permissions = new FakePermissions({ camera: 'denied', microphone: 'prompt' });
    const manager = createDeviceManager({ mediaDevices: media, storage: null, permissions });
    const unsubscribe = manager.subscribe(() => {});
    let snapshot = await until(manager, (s) => s.ready && s.permission.videoinput === 'denied');
    expect(snapshot.permission.audioinput).toBe('prompt');
    media.granted = true;
    permissions.set('microphone', 'granted');
    snapshot = await until(manager, (s) => s.permission.audioinput === 'granted' && s.microphones[0]?.label !== '');
    expect(snapshot.permission.audiooutput).toBe('granted');
    unsubscribe();
  });
});
