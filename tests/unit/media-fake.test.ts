import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaSessionError } from '../../src/core/media/errors.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing/fake-media.js';
import type { MediaEvent } from '../../src/core/media/types.js';

const grant = (identity: string, room = 'call-1') => ({ url: 'fake://media', token: 'token', room, identity });

function record(media: { onEvent(listener: (event: MediaEvent) => void): () => void }): MediaEvent[] {
  const events: MediaEvent[] = [];
  media.onEvent((event) => events.push(event));
  return events;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createFakeMedia', () => {
  it('joins, shows simulated peers, and works without real tracks in Node', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub(), peers: ['bob'] });
    const events = record(media);
    expect(media.getSnapshot()).toEqual({ connection: 'idle', remotes: [] });
    await media.join(grant('alice#a1'), 'video');
    const snapshot = media.getSnapshot();
    expect(snapshot.connection).toBe('connected');
    expect(snapshot.local).toMatchObject({ identity: 'alice#a1', user: 'alice', isLocal: true, micEnabled: true, cameraEnabled: true });
    expect(snapshot.local?.videoTrack).toBeUndefined();
    expect(snapshot.remotes).toHaveLength(1);
    expect(snapshot.remotes[0]).toMatchObject({ user: 'bob', isLocal: false, micEnabled: true, cameraEnabled: true });
    expect(events).toEqual([{ type: 'connected' }, { type: 'remote-changed' }]);
    expect(media.getSnapshot()).toBe(snapshot);
    await media.leave();
  });

  it('mutes the microphone and turns the camera on and off, switching an audio call to video', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub() });
    await media.join(grant('alice#a1'), 'audio');
    expect(media.getSnapshot().local).toMatchObject({ micEnabled: true, cameraEnabled: false });
    const listener = vi.fn();
    media.subscribe(listener);
    await media.setMicrophoneEnabled(false);
    expect(media.getSnapshot().local?.micEnabled).toBe(false);
    await media.setCameraEnabled(true);
    expect(media.getSnapshot().local?.cameraEnabled).toBe(true);
    await media.setCameraEnabled(false);
    await media.setMicrophoneEnabled(true);
    expect(media.getSnapshot().local).toMatchObject({ micEnabled: true, cameraEnabled: false });
    expect(listener).toHaveBeenCalledTimes(4);
    await media.switchDevice('audioinput', 'mic-2');
    expect(media.getSnapshot().devices).toEqual({ audioinput: 'mic-2' });
    await media.leave();
  });

  it('keeps a video call going audio-only when the camera is denied', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub(), failWith: { code: 'permission-denied', kind: 'videoinput' } });
    const events = record(media);
    await media.join(grant('alice#a1'), 'video');
    const snapshot = media.getSnapshot();
    expect(snapshot.connection).toBe('connected');
    expect(snapshot.local).toMatchObject({ micEnabled: true, cameraEnabled: false });
    expect(snapshot.deviceError).toMatchObject({ code: 'permission-denied', kind: 'videoinput' });
    expect(events[0]).toEqual({ type: 'device-error', error: snapshot.deviceError });
    await expect(media.setCameraEnabled(true)).rejects.toMatchObject({ code: 'device', device: { code: 'permission-denied' } });
    await media.leave();
  });

  it('fails every device with a bare failure code, and rejects a failed join', async () => {
    const denied = createFakeMedia({ hub: createFakeMediaHub(), failWith: 'not-found' });
    const events = record(denied);
    await denied.join(grant('alice#a1'), 'video');
    expect(denied.getSnapshot().local).toMatchObject({ micEnabled: false, cameraEnabled: false });
    expect(events.filter((event) => event.type === 'device-error')).toHaveLength(2);

    const failing = createFakeMedia({ hub: createFakeMediaHub(), failJoin: true });
    await expect(failing.join(grant('alice#a1'), 'audio')).rejects.toMatchObject({ code: 'join-failed' });
    expect(failing.getSnapshot().connection).toBe('disconnected');
  });

  it('simulates reconnecting, remote mute, removal and disconnect', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub(), peers: ['bob'] });
    await media.join(grant('alice#a1'), 'audio');
    const events = record(media);
    media.simulateReconnecting();
    expect(media.getSnapshot().connection).toBe('reconnecting');
    media.simulateReconnected();
    media.simulateRemote('bob', { micEnabled: false, speaking: true });
    expect(media.getSnapshot().remotes[0]).toMatchObject({ user: 'bob', micEnabled: false, speaking: true });
    media.simulateRemote('carol', { cameraEnabled: true });
    expect(media.getSnapshot().remotes.map((view) => view.user)).toEqual(['bob', 'carol']);
    media.removePeer('carol');
    media.simulateDeviceError({ code: 'in-use', kind: 'audioinput' });
    expect(media.getSnapshot().local?.micEnabled).toBe(false);
    media.simulateDisconnect('connection-lost');
    expect(media.getSnapshot()).toMatchObject({ connection: 'disconnected', remotes: [] });
    expect(events.map((event) => event.type)).toEqual([
      'reconnecting',
      'reconnected',
      'remote-changed',
      'remote-changed',
      'remote-changed',
      'device-error',
      'disconnected',
    ]);
    expect(events.at(-1)).toEqual({ type: 'disconnected', reason: 'connection-lost' });
    await expect(media.setMicrophoneEnabled(true)).rejects.toMatchObject({ code: 'closed' });
  });

  it('lets two sessions in one hub see each other and each other’s mute state', async () => {
    const hub = createFakeMediaHub();
    const alice = createFakeMedia({ hub });
    const bob = createFakeMedia({ hub });
    const bobEvents = record(bob);
    await alice.join(grant('alice#a1'), 'video');
    await bob.join(grant('bob#b1'), 'video');
    expect(hub.identities('call-1')).toEqual(['alice#a1', 'bob#b1']);
    expect(alice.getSnapshot().remotes.map((view) => view.identity)).toEqual(['bob#b1']);
    expect(bob.getSnapshot().remotes[0]).toMatchObject({ identity: 'alice#a1', isLocal: false, micEnabled: true });
    await alice.setMicrophoneEnabled(false);
    expect(bob.getSnapshot().remotes[0]?.micEnabled).toBe(false);
    expect(bobEvents.at(-1)).toEqual({ type: 'remote-changed' });
    await alice.leave();
    expect(bob.getSnapshot().remotes).toEqual([]);
    await alice.leave();
    await bob.leave();
    expect(hub.identities('call-1')).toEqual([]);
  });

  it('samples statistics on its interval', async () => {
    vi.useFakeTimers();
    const media = createFakeMedia({ hub: createFakeMediaHub(), peers: ['bob'], statsIntervalMs: 1000, network: { rttMs: 80 } });
    await media.join(grant('alice#a1'), 'video');
    expect(media.getSnapshot().stats).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(media.getSnapshot().stats).toMatchObject({ rttMs: 80, packetLoss: 0, resolution: { width: 640, height: 360 } });
    expect(media.getSnapshot().stats?.sendBitrate).toBeGreaterThan(0);
    await media.leave();
  });

  it('refuses bad input and actions out of order with typed errors', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub() });
    await expect(media.setMicrophoneEnabled(false)).rejects.toMatchObject({ code: 'not-joined' });
    await expect(media.join({ url: '', token: '', room: '', identity: '' }, 'audio')).rejects.toBeInstanceOf(MediaSessionError);
    await expect(media.join(grant('a#1'), 'hologram' as never)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(media.join(grant('a#1'), 'audio', { resolution: '8k' } as never)).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(media.switchDevice('screen' as never, 'x')).rejects.toMatchObject({ code: 'invalid-argument' });
    await media.join(grant('a#1'), 'audio');
    await expect(media.join(grant('a#1'), 'audio')).rejects.toMatchObject({ code: 'invalid-argument' });
    await media.leave();
    await expect(media.prepare({ url: 'fake://' })).rejects.toMatchObject({ code: 'closed' });
  });
});
