/**
 * {@link MediaSessionError}, in a file of its own: the page before any call checks
 * device choices with it without loading the device error helpers (bundlers put a
 * file shared with on-demand chunks, whole, where the page needs any of it).
 *
 * @packageDocumentation
 */
import type { MediaDeviceError } from './types.js';

/**
 * What went wrong in a media session:
 *
 * - `device`: a camera, microphone or speaker failed (see {@link MediaSessionError.device}).
 * - `invalid-argument`: a method got bad input.
 * - `not-joined`: the action needs a joined call.
 * - `join-failed`: the media server could not be reached or refused the join.
 * - `load-failed`: `livekit-client` could not be loaded.
 * - `closed`: the session was left; it cannot join again.
 * - `effect-failed`: a background effect could not start (unsupported browser, or its files did not load).
 */
export type MediaSessionErrorCode =
  | 'device'
  | 'invalid-argument'
  | 'not-joined'
  | 'join-failed'
  | 'load-failed'
  | 'closed'
  | 'effect-failed';

/**
 * A media session failure, with a code for programs and a message for people.
 *
 * @example
 * ```ts
 * media.join(grant, 'video').catch((error) => {
 *   if (error instanceof MediaSessionError && error.code === 'join-failed') endCall('media-failed');
 * });
 * ```
 */
export class MediaSessionError extends Error {
  /** What went wrong, for code. */
  readonly code: MediaSessionErrorCode;
  /** The device failure, when {@link MediaSessionError.code} is `device`. */
  readonly device: MediaDeviceError | undefined;

  constructor(code: MediaSessionErrorCode, message: string, options: { device?: MediaDeviceError; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MediaSessionError';
    this.code = code;
    this.device = options.device;
  }
}
