/**
 * Media sessions in Chromium: the LiveKit session loads `livekit-client`
 * only on prepare/join; the fake session publishes a moving test pattern.
 */
import { describe, expect, it } from 'vitest';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing/fake-media.js';
import { createLiveKitMedia } from '../../src/core/media/livekit.js';

function livekitLoaded(): boolean {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes('livekit-client'));
}

/** Pixels of the current frame of a playing video. */
function grab(video: HTMLVideoElement): Uint8ClampedArray {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(video, 0, 0);
  return context.getImageData(0, 0, canvas.width, canvas.height).data;
}

function nextFrame(video: HTMLVideoElement, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no video frame in time')), timeoutMs);
    video.requestVideoFrameCallback((_now, metadata) => {
      clearTimeout(timer);
      resolve(metadata.presentedFrames);
    });
  });
}

describe('createLiveKitMedia in Chromium', () => {
  it('does not load livekit-client until prepare is called', async () => {
    const media = createLiveKitMedia();
    expect(media.getSnapshot().connection).toBe('idle');
    await media.switchDevice('audioinput', 'default');
    expect(livekitLoaded()).toBe(false);
    await media.prepare({ url: 'ws://127.0.0.1:1' });
    expect(livekitLoaded()).toBe(true);
    await media.leave();
  });
});

describe('createFakeMedia in Chromium', () => {
  it('publishes a test pattern whose frames advance, and a remote tile for a peer', async () => {
    const media = createFakeMedia({ hub: createFakeMediaHub(), peers: ['bob'] });
    await media.join({ url: 'fake://', token: 't', room: 'call-1', identity: 'alice#a1' }, 'video');
    const { local, remotes } = media.getSnapshot();
    const track = local?.videoTrack?.mediaStreamTrack;
    expect(track?.readyState).toBe('live');
    expect(local?.audioTrack?.mediaStreamTrack.kind).toBe('audio');
    expect(remotes[0]?.videoTrack?.mediaStreamTrack.readyState).toBe('live');

    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = new MediaStream(track ? [track] : []);
    document.body.append(video);
    try {
      await video.play();
      const firstFrame = await nextFrame(video, 5000);
      const first = grab(video);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const laterFrame = await nextFrame(video, 5000);
      const later = grab(video);
      expect(laterFrame).toBeGreaterThan(firstFrame);
      expect(later.some((value, index) => value !== first[index])).toBe(true);
    } finally {
      video.remove();
      await media.leave();
    }
    expect(track?.readyState).toBe('ended');
  });
});
