/**
 * The media sessions a client makes when it is given none: LiveKit, with
 * `livekit-client` loaded on first use.
 *
 * @packageDocumentation
 */
import type { MediaEffects } from './effects-store.js';
import type { MediaFactory } from './types.js';

/**
 * A media factory that makes LiveKit sessions; the session module (and `livekit-client`) load on its first call.
 * Sessions follow `effects` (default: the page's shared effects store).
 *
 * @example
 * ```ts
 * const factory = createLiveKitMediaFactory();
 * const session = await factory();
 * ```
 */
export function createLiveKitMediaFactory(effects?: MediaEffects): MediaFactory {
  return async () => (await import('./livekit.js')).createLiveKitMedia(effects ? { effects } : {});
}

