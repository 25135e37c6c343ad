/**
 * A background effect on a preview's camera track (before any call): the same processor a call uses,
 * run on a plain `MediaStreamTrack`.
 *
 * @packageDocumentation
 */
import type { ProcessorOptions, Track } from 'livekit-client';
import { createBackgroundProcessor, effectFailure, type ActiveVideoEffect } from './background-processor.js';
import type { EffectsAssets } from './effects.js';

/** A processed preview track. */
export interface PreviewEffect {
  /** The processed camera track to show. */
  track: MediaStreamTrack;
  /** Stop processing (the camera track itself is stopped by its owner). */
  stop(): void;
}

/**
 * Run a background effect on a camera track; rejects with an `effect-failed` `MediaSessionError`.
 *
 * @example
 * ```ts
 * const effect = await startPreviewEffect(stream.getVideoTracks()[0], { type: 'blur' }, DEFAULT_EFFECTS_ASSETS);
 * video.srcObject = new MediaStream([effect.track]);
 * ```
 */
export async function startPreviewEffect(track: MediaStreamTrack, effect: ActiveVideoEffect, assets: EffectsAssets): Promise<PreviewEffect> {
  const processor = await createBackgroundProcessor(effect, assets);
  const element = document.createElement('video');
  element.muted = true;
  element.playsInline = true;
  element.srcObject = new MediaStream([track]);
  const stop = () => {
    void processor.destroy().catch(() => undefined);
    element.srcObject = null;
  };
  try {
    // The processor waits for the source element's frames: it must play.
    void element.play().catch(() => undefined);
    const options = { kind: 'video', track, element } as unknown as ProcessorOptions<Track.Kind>;
    await processor.init(options);
  } catch (cause) {
    stop();
    throw effectFailure(cause);
  }
  const processed = processor.processedTrack;
  if (!processed) {
    stop();
    throw effectFailure(new Error('the processor made no track'));
  }
  return { track: processed, stop };
}
