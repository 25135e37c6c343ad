/**
 * A background effect on the camera preview in Chromium (fake camera): the real processor of
 * `@livekit/track-processors`, its wasm and model served by the test page's own origin.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaEffects } from '../../src/core/media/effects-store.js';
import { createLocalPreview, type LocalPreview } from '../../src/core/media/preview.js';

let preview: LocalPreview | undefined;
afterEach(() => preview?.stop());

/** Frames a track presents within `ms`, counted on a playing video element. */
async function framesWithin(track: MediaStreamTrack, ms: number): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  await video.play();
  let frames = 0;
  const count = () => {
    frames += 1;
    video.requestVideoFrameCallback(count);
  };
  video.requestVideoFrameCallback(count);
  document.body.append(video);
  await new Promise((resolve) => setTimeout(resolve, ms));
  video.remove();
  return frames;
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
    expect(await framesWithin(shown as MediaStreamTrack, 3_000)).toBeGreaterThan(0);
    await expect.poll(() => loaded).toContain('/ringkit/effects/selfie_segmenter.tflite');
    observer.disconnect();

    preview.stop();
    expect(shown?.readyState).toBe('ended');
  });

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
