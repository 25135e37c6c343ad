'use client';
/**
 * `useVideoEffects`: the camera's background effect (none, blur, or an image), before and during calls.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { VideoEffect } from '../core/media/effects.js';
import type { MediaEffectsSnapshot, VideoEffectStatus } from '../core/media/effects-store.js';
import { shallowEqual } from './shallow-equal.js';
import { type MediaEffectsSource, useMediaEffectsStore } from './use-media-effects.js';
import { useStoreSelector } from './use-store-selector.js';

/** What {@link useVideoEffects} returns. */
export interface VideoEffectsState {
  /** The chosen effect. */
  effect: VideoEffect;
  /** Whether this browser can run background effects (false on the server). */
  supported: boolean;
  /** `off`, `chosen` (not running yet), `loading`, `on`, or `error`. */
  status: VideoEffectStatus;
  /** Why the effect failed, with `status: 'error'`. */
  error: string | undefined;
  /** Choose an effect: remembered, shown in the preview and applied to the current and later calls. */
  setEffect(effect: VideoEffect): void;
}

const selectVideo = ({ video, videoSupported, videoStatus, videoError }: MediaEffectsSnapshot) => ({
  effect: video,
  supported: videoSupported,
  status: videoStatus,
  error: videoError,
});

/**
 * The camera's background effect: blur or an image behind the person, with `@livekit/track-processors`
 * (loaded only once an effect is used). The choice is remembered like device choices and applies to
 * `useLocalPreview` and to calls (also mid-call). The segmentation model and wasm load from the store's
 * asset paths on the app's own origin.
 *
 * @example
 * ```tsx
 * function BackgroundPicker() {
 *   const { effect, setEffect, supported, status, error } = useVideoEffects();
 *   if (!supported) return null;
 *   return (
 *     <>
 *       <button aria-pressed={effect.type === 'blur'} onClick={() => setEffect({ type: 'blur' })}>Blur</button>
 *       <button aria-pressed={effect.type === 'none'} onClick={() => setEffect({ type: 'none' })}>No effect</button>
 *       {status === 'error' && <p role="alert">{error}</p>}
 *     </>
 *   );
 * }
 * ```
 */
export function useVideoEffects(options: MediaEffectsSource = {}): VideoEffectsState {
  const store = useMediaEffectsStore(options);
  const state = useStoreSelector(store, selectVideo, shallowEqual);
  return useMemo(() => ({ ...state, setEffect: (effect: VideoEffect) => store.setVideoEffect(effect) }), [state, store]);
}
