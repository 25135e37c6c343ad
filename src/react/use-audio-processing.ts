'use client';
/**
 * `useAudioProcessing`: the browser's noise suppression, echo cancellation and auto gain switches.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import type { AudioProcessing } from '../core/media/effects.js';
import type { MediaEffectsSnapshot } from '../core/media/effects-store.js';
import { type MediaEffectsSource, useMediaEffectsStore } from './use-media-effects.js';
import { useStoreSelector } from './use-store-selector.js';

/** What {@link useAudioProcessing} returns. */
export interface AudioProcessingState extends AudioProcessing {
  /** Turn switches on or off: remembered and applied to the live microphone and later calls. */
  set(change: Partial<AudioProcessing>): void;
}

const selectAudio = (snapshot: MediaEffectsSnapshot) => snapshot.audio;

/**
 * The microphone's audio processing switches (each on by default, as browsers do). A change is
 * remembered like device choices and applied to the live call's microphone (it is captured again with
 * the new constraints) and to later calls; it wins over the `capture` options of the client.
 *
 * @example
 * ```tsx
 * function NoiseSwitch() {
 *   const { noiseSuppression, set } = useAudioProcessing();
 *   return (
 *     <label>
 *       <input type="checkbox" checked={noiseSuppression} onChange={(e) => set({ noiseSuppression: e.target.checked })} />
 *       Noise suppression
 *     </label>
 *   );
 * }
 * ```
 */
export function useAudioProcessing(options: MediaEffectsSource = {}): AudioProcessingState {
  const store = useMediaEffectsStore(options);
  const audio = useStoreSelector(store, selectAudio);
  return useMemo(() => ({ ...audio, set: (change: Partial<AudioProcessing>) => store.setAudioProcessing(change) }), [audio, store]);
}
