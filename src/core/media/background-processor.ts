/**
 * Background blur and replacement with `@livekit/track-processors`, loaded with a dynamic `import()`
 * the first time an effect is used, so pages that never use one do not download it. The segmentation
 * model and wasm come from the configured {@link EffectsAssets} paths (the app's own origin).
 *
 * @packageDocumentation
 */
import type * as TrackProcessors from '@livekit/track-processors';
import type { BackgroundProcessorWrapper, SwitchBackgroundProcessorOptions } from '@livekit/track-processors';
import { MediaSessionError } from './errors.js';
import { DEFAULT_BLUR_RADIUS, type EffectsAssets, type VideoEffect } from './effects.js';

/** A running background processor (a LiveKit `TrackProcessor` for video). */
export type BackgroundProcessor = BackgroundProcessorWrapper;

/** An effect that changes the picture. */
export type ActiveVideoEffect = Exclude<VideoEffect, { type: 'none' }>;

let supported: boolean | undefined;

/**
 * Whether this browser can run background effects (WebGL2, `VideoFrame`, `OffscreenCanvas`, and a way to
 * make a track from frames). Checked once, without loading the effects library.
 *
 * @example
 * ```ts
 * if (!videoEffectsSupported()) hideBackgroundMenu();
 * ```
 */
export function videoEffectsSupported(): boolean {
  if (supported !== undefined) return supported;
  if (
    typeof document === 'undefined' ||
    typeof OffscreenCanvas === 'undefined' ||
    typeof VideoFrame === 'undefined' ||
    typeof createImageBitmap === 'undefined'
  ) {
    return (supported = false);
  }
  const makesTracks = 'MediaStreamTrackProcessor' in globalThis || 'captureStream' in HTMLCanvasElement.prototype;
  try {
    supported = makesTracks && document.createElement('canvas').getContext('webgl2') !== null;
  } catch {
    supported = false;
  }
  return supported;
}

/**
 * The processor's mode for an effect.
 *
 * @example
 * ```ts
 * processorMode({ type: 'blur' }); // { mode: 'background-blur', blurRadius: 10 }
 * ```
 */
export function processorMode(effect: VideoEffect): SwitchBackgroundProcessorOptions {
  switch (effect.type) {
    case 'none':
      return { mode: 'disabled' };
    case 'blur':
      return { mode: 'background-blur', blurRadius: effect.radius ?? DEFAULT_BLUR_RADIUS };
    case 'image':
      return { mode: 'virtual-background', imagePath: effect.url };
  }
}

/**
 * Load `@livekit/track-processors` and make a background processor for an effect. Rejects with an
 * `effect-failed` `MediaSessionError` when the browser cannot run it or the library does not load.
 * The model and wasm load when the processor starts on a track.
 *
 * @example
 * ```ts
 * const processor = await createBackgroundProcessor({ type: 'blur' }, DEFAULT_EFFECTS_ASSETS);
 * await cameraTrack.setProcessor(processor);
 * ```
 */
export async function createBackgroundProcessor(effect: ActiveVideoEffect, assets: EffectsAssets): Promise<BackgroundProcessor> {
  if (!videoEffectsSupported()) throw new MediaSessionError('effect-failed', 'This browser cannot run background effects.');
  let library: typeof TrackProcessors;
  try {
    library = await import('@livekit/track-processors');
  } catch (cause) {
    throw new MediaSessionError('effect-failed', 'Could not load the background effects library.', { cause });
  }
  const mode = processorMode(effect) as Exclude<SwitchBackgroundProcessorOptions, { mode: 'disabled' }>;
  return library.BackgroundProcessor({
    ...mode,
    assetPaths: { tasksVisionFileSet: assets.wasmPath, modelAssetPath: assets.modelPath },
  });
}

/**
 * A failure while starting a processor, as an `effect-failed` error (the model or wasm did not load, WebGL failed).
 *
 * @example
 * ```ts
 * await track.setProcessor(processor).catch((cause) => { throw effectFailure(cause); });
 * ```
 */
export function effectFailure(cause: unknown): MediaSessionError {
  if (cause instanceof MediaSessionError) return cause;
  const detail = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
  return new MediaSessionError('effect-failed', `The background effect could not start${detail ? `: ${detail.split('\n')[0]}` : '.'}`, { cause });
}
