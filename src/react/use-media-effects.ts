'use client';
/**
 * `useMediaEffectsStore`: the effects store a hook should use.
 *
 * @packageDocumentation
 */
import { getDefaultMediaEffects, type MediaEffects } from '../core/media/effects-store.js';
import type { RingClient } from '../core/ring-client.js';
import { useMaybeRingClient } from './use-ring-client.js';

/** Where an effects hook finds its store. */
export interface MediaEffectsSource {
  /** A ring client whose `effects` store to use (default: the `<RingProvider>` one). */
  client?: RingClient | null;
  /** An effects store to use instead of the client's (tests, apps without a client). */
  effects?: MediaEffects;
}

/**
 * The effects store a hook should use: the one passed in, else the ring client's `effects`, else the
 * page's shared store (the one ring clients without an `effects` option apply to their calls).
 *
 * @example
 * ```tsx
 * const store = useMediaEffectsStore();
 * store.setVideoEffect({ type: 'blur' });
 * ```
 */
export function useMediaEffectsStore(source: MediaEffectsSource = {}): MediaEffects {
  const client = useMaybeRingClient(source.client ?? undefined);
  return source.effects ?? client?.effects ?? getDefaultMediaEffects();
}
