/**
 * The media sessions a client makes when it is given none: LiveKit, with
 * `livekit-client` loaded on first use.
 *
 * @packageDocumentation
 */
import type { MediaFactory } from './types.js';

/**
 * A media factory that makes LiveKit sessions; the session module (and `livekit-client`) load on its first call.
 *
 * @example
 * ```ts
 * const factory = createLiveKitMediaFactory();
 * const session = await factory();
 * ```
 */
export function createLiveKitMediaFactory(): MediaFactory {
  return async () => (await import('./livekit.js')).createLiveKitMedia();
}
