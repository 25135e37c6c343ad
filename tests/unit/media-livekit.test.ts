import { describe, expect, it, vi } from 'vitest';
import { createLiveKitMedia, type LiveKitModule } from '../../src/core/media/livekit.js';

const unreachable = 'ws://127.0.0.1:9';
const grant = { url: unreachable, token: 'token', room: 'call-1', identity: 'alice#a1' };

function countingLoader() {
  return vi.fn((): Promise<LiveKitModule> => import('livekit-client'));
}

describe('createLiveKitMedia', () => {
  it('loads livekit-client only when prepare runs, and only once', async () => {
    const load = countingLoader();
    const media = createLiveKitMedia({ loadLiveKit: load });
    expect(load).not.toHaveBeenCalled();
    expect(media.getSnapshot()).toEqual({ connection: 'idle', remotes: [] });
    await expect(media.setMicrophoneEnabled(true)).rejects.toMatchObject({ code: 'not-joined' });
    expect(load).not.toHaveBeenCalled();
    await media.prepare({ url: unreachable });
    await media.prepare({ url: unreachable });
    expect(load).toHaveBeenCalledTimes(1);
    await media.leave();
  });

  it('rejects a join it cannot complete with join-failed, without an event', async () => {
    const media = createLiveKitMedia({
      loadLiveKit: countingLoader(),
      connectOptions: { maxRetries: 0, websocketTimeout: 2000, peerConnectionTimeout: 2000 },
    });
    const events = vi.fn();
    media.onEvent(events);
    await expect(media.join(grant, 'audio')).rejects.toMatchObject({ name: 'MediaSessionError', code: 'join-failed' });
    expect(media.getSnapshot().connection).toBe('disconnected');
    expect(events).not.toHaveBeenCalled();
    await expect(media.join(grant, 'audio')).rejects.toMatchObject({ code: 'closed' });
  }, 15_000);

  it('reports a loader failure as load-failed and bad input as invalid-argument', async () => {
    const media = createLiveKitMedia({ loadLiveKit: () => Promise.reject(new Error('offline')) });
    await expect(media.prepare({ url: unreachable })).rejects.toMatchObject({ code: 'load-failed' });
    await expect(media.prepare({ url: '' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(media.join({ ...grant, identity: '' }, 'audio')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(media.switchDevice('audioinput', '')).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('remembers devices chosen before joining', async () => {
    const load = countingLoader();
    const media = createLiveKitMedia({ loadLiveKit: load });
    await media.switchDevice('videoinput', 'cam-2');
    expect(media.getSnapshot().devices).toEqual({ videoinput: 'cam-2' });
    expect(load).not.toHaveBeenCalled();
  });
});
