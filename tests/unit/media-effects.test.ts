import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { hasTfliteMetadata, withSegmenterMetadata } from '../../scripts/effects-assets/segmenter-model.js';
import { processorMode as processorModeOf } from '../../src/core/media/background-processor.js';
import { DEFAULT_EFFECTS_ASSETS, sameVideoEffect } from '../../src/core/media/effects.js';
import { createMediaEffects, effectsStorageKey, type MediaEffectsChange } from '../../src/core/media/effects-store.js';
import { MediaSessionError } from '../../src/core/media/errors.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing/fake-media.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('the effects store', () => {
  it('starts with no effect and every audio switch on, and remembers choices like device choices', () => {
    const storage = memoryStorage();
    const effects = createMediaEffects({ storage, videoSupported: true });
    expect(effects.getSnapshot()).toMatchObject({ video: { type: 'none' }, videoStatus: 'off', videoSupported: true });
    expect(effects.getSnapshot().audio).toEqual({ noiseSuppression: true, echoCancellation: true, autoGainControl: true });
    expect(effects.assets).toEqual(DEFAULT_EFFECTS_ASSETS);

    effects.setVideoEffect({ type: 'blur', radius: 12 });
    effects.setAudioProcessing({ noiseSuppression: false });
    expect(JSON.parse(storage.items.get(effectsStorageKey('video')) ?? '')).toEqual({ type: 'blur', radius: 12 });
    expect(JSON.parse(storage.items.get(effectsStorageKey('audio')) ?? '')).toEqual({ noiseSuppression: false });

    const again = createMediaEffects({ storage, videoSupported: true });
    expect(again.getSnapshot()).toMatchObject({ video: { type: 'blur', radius: 12 }, videoStatus: 'chosen' });
    expect(again.getSnapshot().audio.noiseSuppression).toBe(false);
    expect(again.chosenAudio()).toEqual({ noiseSuppression: false });
  });

  it('ignores stored choices that are not valid and refuses bad input with a typed error', () => {
    const storage = memoryStorage({ [effectsStorageKey('video')]: '{"type":"laser"}', [effectsStorageKey('audio')]: 'not json' });
    const effects = createMediaEffects({ storage });
    expect(effects.getSnapshot().video).toEqual({ type: 'none' });
    expect(effects.getSnapshot().audio.echoCancellation).toBe(true);
    expect(() => effects.setVideoEffect({ type: 'image' } as never)).toThrow(MediaSessionError);
    expect(() => effects.setVideoEffect({ type: 'blur', radius: -1 })).toThrow(/Invalid video effect/);
    expect(() => effects.setAudioProcessing({ noiseSuppression: 'yes' } as never)).toThrow(/Invalid audio processing/);
    expect(() => createMediaEffects({ assets: { modelPath: '' } })).toThrow(MediaSessionError);
  });

  it('tells listeners what changed, once per real change, and tracks where the effect stands', () => {
    const effects = createMediaEffects({ storage: null, videoSupported: true });
    const changes: MediaEffectsChange[] = [];
    effects.onChange((change) => changes.push(change));
    effects.setVideoEffect({ type: 'blur' });
    effects.setVideoEffect({ type: 'blur', radius: 10 }); // the default radius: the same effect
    effects.setAudioProcessing({ autoGainControl: true }); // already on
    effects.setAudioProcessing({ autoGainControl: false });
    expect(changes).toEqual(['video', 'audio']);

    effects.reportVideo('loading');
    expect(effects.getSnapshot().videoStatus).toBe('loading');
    effects.reportVideo('error', 'model not found');
    expect(effects.getSnapshot()).toMatchObject({ videoStatus: 'error', videoError: 'model not found' });
    effects.setVideoEffect({ type: 'image', url: '/backgrounds/office.svg' });
    expect(effects.getSnapshot().videoStatus).toBe('chosen');
    expect(effects.getSnapshot().videoError).toBeUndefined();
    effects.setVideoEffect({ type: 'none' });
    effects.reportVideo('on'); // nothing to report for no effect
    expect(effects.getSnapshot().videoStatus).toBe('off');
    expect(effects.getServerSnapshot()).toMatchObject({ video: { type: 'none' }, videoSupported: false });
  });

  it('maps effects onto the processor modes of @livekit/track-processors', () => {
    expect(processorModeOf({ type: 'none' })).toEqual({ mode: 'disabled' });
    expect(processorModeOf({ type: 'blur' })).toEqual({ mode: 'background-blur', blurRadius: 10 });
    expect(processorModeOf({ type: 'image', url: '/a.jpg' })).toEqual({ mode: 'virtual-background', imagePath: '/a.jpg' });
    expect(sameVideoEffect({ type: 'image', url: '/a.jpg' }, { type: 'image', url: '/b.jpg' })).toBe(false);
  });
});

describe('a fake media session following an effects store', () => {
  it('shows the chosen effects on its camera and reports the effect running, also when changed mid-call', async () => {
    const effects = createMediaEffects({ storage: null, videoSupported: true });
    effects.setAudioProcessing({ echoCancellation: false });
    const media = createFakeMedia({ hub: createFakeMediaHub(), tracks: false, statsIntervalMs: 0, effects });
    await media.join({ url: 'fake://', token: 't', room: 'call-1', identity: 'alice#1' }, 'video');
    expect(media.getSnapshot().effects).toEqual({ video: { type: 'none' }, audio: { noiseSuppression: true, echoCancellation: false, autoGainControl: true } });

    effects.setVideoEffect({ type: 'blur' });
    expect(media.getSnapshot().effects?.video).toEqual({ type: 'blur' });
    expect(effects.getSnapshot().videoStatus).toBe('on');
    await media.setCameraEnabled(false);
    expect(media.getSnapshot().effects?.video).toEqual({ type: 'none' });
    await media.leave();
    effects.setVideoEffect({ type: 'none' }); // a left session no longer follows
    expect(media.getSnapshot().effects).toBeUndefined();
  });
});

describe('the segmentation model served to the processor', () => {
  const require = createRequire(import.meta.url);
  const shipped = readFileSync(require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation.tflite'));

  it('adds the input normalization metadata MediaPipe Tasks needs, keeping the original bytes', () => {
    expect(hasTfliteMetadata(shipped)).toBe(false);
    const model = withSegmenterMetadata(shipped);
    expect(hasTfliteMetadata(model)).toBe(true);
    expect(Buffer.from(model).includes(shipped.subarray(8))).toBe(true);
    expect(new TextDecoder().decode(model.subarray(4, 8))).toBe('TFL3');
    expect(withSegmenterMetadata(model)).toBe(model);
  });

  it('refuses a file that is not a TFLite model', () => {
    expect(() => withSegmenterMetadata(new TextEncoder().encode('<html>not found</html>'))).toThrow('not a TFLite model');
  });
});
