/**
 * A background effect on the camera preview in Chromium (fake camera): the real processor of
 * `@livekit/track-processors`, its wasm and model served by the test page's own origin.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaEffects } from '../../src/core/media/effects-store.js';
import { createLocalPreview, type LocalPreview } from '../../src/core/media/preview.js';

let preview: LocalPreview | undefined;
afterEach(() => preview?.stop());

/** Resolves when `track` presents its first frame on a playing video element; fails after `timeoutMs`. */
async function firstFrame(track: MediaStreamTrack, timeoutMs: number): Promise<void> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  await video.play();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      video.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    video.remove();
  }
}

describe('the preview with a background effect', () => {
  it('shows the processed camera, reports the effect running, and stops the camera with it', async () => {
    const effects = createMediaEffects({ storage: null });
    expect(effects.getSnapshot().videoSupported).toBe(true);
    effects.setVideoEffect({ type: 'blur' });
    preview = createLocalPreview();
    const loaded: string[] = [];
    const observer = new PerformanceObserver((list) => loaded.push(...list.getEntries().map((entry) => new URL(entry.name).pathname)));
    observer.observe({ type: 'resource', buffered: true });

    const result = await preview.start({ video: true, effects });
    expect(result.status).toBe('live');
    expect(effects.getSnapshot()).toMatchObject({ videoStatus: 'on' });
    const shown = result.videoTrack?.mediaStreamTrack;
    expect(shown?.label).not.toMatch(/fake_device/); // not the camera's own track
    await firstFrame(shown as MediaStreamTrack, 30_000); // software WebGL on a loaded machine: about one frame a second
    await expect.poll(() => loaded).toContain('/ringkit/effects/selfie_segmenter.tflite');
    observer.disconnect();

    preview.stop();
    expect(shown?.readyState).toBe('ended');
  }, 60_000);

  it('reports a model that cannot be loaded and shows the raw camera instead', async () => {
    const effects = createMediaEffects({ storage: null, assets: { modelPath: '/ringkit/effects/missing.tflite' } });
    effects.setVideoEffect({ type: 'blur' });
    preview = createLocalPreview();
    const result = await preview.start({ video: true, effects });
    expect(result.status).toBe('live');
    expect(result.videoTrack?.mediaStreamTrack.label).toMatch(/fake_device/);
    expect(effects.getSnapshot().videoStatus).toBe('error');
    expect(effects.getSnapshot().videoError).toMatch(/background effect could not start/);
  });
});
