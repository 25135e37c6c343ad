import { describe, expect, it, vi } from 'vitest';
import { createLiveKitMedia, type LiveKitModule } from '../../src/core/media/livekit.js';
import { liveMediaIntervals } from '../../src/core/media/live-intervals.js';

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

/**
 * A LiveKit room whose connect and publish steps finish when the test says so (a left room loses its engine, as LiveKit's does);
 * `connectFails`: its connect step rejects. Captured tracks are `tracks`; `published` lists the kinds handed to `publishTrack`.
 */
function scriptedLiveKit({ connectFails = false } = {}) {
  const steps: Array<() => void> = [];
  const step = () => new Promise<void>((resolve) => steps.push(resolve));
  const tracks = [{ kind: 'audio', stop: vi.fn() }];
  const published: string[] = [];
  class Room {
    engine: { pcManager?: object } | undefined = { pcManager: { publisher: { getStats: async () => new Map() } } };
    remoteParticipants = new Map();
    localParticipant = {
      identity: 'alice#a1',
      name: 'alice',
      attributes: {},
      isLocal: true,
      isSpeaking: false,
      connectionQuality: 'good',
      getTrackPublication: () => undefined,
      setMicrophoneEnabled: step,
      setCameraEnabled: step,
      createTracks: async () => tracks,
      publishTrack: async (track: { kind: string }) => void published.push(track.kind),
    };
    on() {
      return this;
    }
    connect = () => step().then(() => (connectFails ? Promise.reject(new Error('no route to the media server')) : undefined));
    prepareConnection = async () => undefined;
    async disconnect() {
      this.engine = undefined;
    }
  }
  const module = {
    Room,
    RoomEvent: new Proxy({}, { get: (_, name) => String(name) }),
    Track: { Source: { Camera: 'camera', Microphone: 'microphone' } },
    DisconnectReason: {},
    supportsAudioOutputSelection: () => true,
  } as unknown as LiveKitModule;
  /** Let the oldest pending step finish (after it started). */
  async function finishStep(): Promise<void> {
    for (let tries = 0; tries < 100 && steps.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 1));
    steps.shift()?.();
  }
  return { module, finishStep, tracks, published };
}

describe('tracks captured at the accept click', () => {
  it('publish while the room connects', async () => {
    const livekit = scriptedLiveKit();
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 10 });
    await media.capture?.('audio');
    const joining = media.join(grant, 'audio');
    await vi.waitFor(() => expect(livekit.published).toEqual(['audio']));
    expect(media.getSnapshot().connection).toBe('connecting');
    await livekit.finishStep(); // connected
    await joining;
    expect(livekit.published).toEqual(['audio']);
    expect(livekit.tracks[0]?.stop).not.toHaveBeenCalled();
    await media.leave();
  });

  it('stop when the join fails', async () => {
    const livekit = scriptedLiveKit({ connectFails: true });
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 10 });
    await media.capture?.('audio');
    const joining = media.join(grant, 'audio');
    await livekit.finishStep();
    await expect(joining).rejects.toMatchObject({ code: 'join-failed' });
    await vi.waitFor(() => expect(livekit.tracks[0]?.stop).toHaveBeenCalled());
  });

  it('stop when the session is left while it connects', async () => {
    const livekit = scriptedLiveKit();
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 10 });
    await media.capture?.('audio');
    const joining = media.join(grant, 'audio');
    await vi.waitFor(() => expect(livekit.published).toEqual(['audio']));
    await media.leave();
    await livekit.finishStep(); // the connect completes after all
    await expect(joining).rejects.toMatchObject({ code: 'closed' });
    await vi.waitFor(() => expect(livekit.tracks[0]?.stop).toHaveBeenCalled());
    expect(liveMediaIntervals()).toBe(0);
  });
});

describe('leaving while a join is still on its way', () => {
  it('starts no statistics timer once left, and the join rejects with closed', async () => {
    const livekit = scriptedLiveKit();
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 10 });
    const joining = media.join(grant, 'audio');
    await livekit.finishStep(); // connected
    await vi.waitFor(() => expect(media.getSnapshot().connection).toBe('connected'));
    await media.leave(); // the callee declined while the microphone was being published
    await livekit.finishStep(); // the microphone is published after all
    await expect(joining).rejects.toMatchObject({ code: 'closed' });
    expect(liveMediaIntervals()).toBe(0);
  });

  it('a joined session runs one statistics timer until it is left', async () => {
    const livekit = scriptedLiveKit();
    const media = createLiveKitMedia({ loadLiveKit: async () => livekit.module, statsIntervalMs: 10 });
    const joining = media.join(grant, 'audio');
    await livekit.finishStep();
    await livekit.finishStep();
    await joining;
    expect(liveMediaIntervals()).toBe(1);
    await media.leave();
    expect(liveMediaIntervals()).toBe(0);
  });
});
