/**
 * The media actor's screen share step, loaded with `import()` on the first share so that a page
 * that never shares a screen does not carry it.
 *
 * @packageDocumentation
 */
import { screenShareError, toScreenShareError } from '../media/screen-share.js';
import type { MediaSession } from '../media/types.js';
import type { CallMediaEvent } from './types.js';

/**
 * Share the screen or stop; the outcome (and why it failed) as the call machine's `SCREEN_SHARE` event.
 *
 * @example
 * ```ts
 * send(await shareScreen(session, true)); // { type: 'SCREEN_SHARE', sharing: true }
 * ```
 *
 * @internal
 */
export async function shareScreen(session: MediaSession, enabled: boolean): Promise<CallMediaEvent> {
  if (!session.setScreenShareEnabled) return { type: 'SCREEN_SHARE', sharing: false, error: screenShareError('unsupported') };
  try {
    await session.setScreenShareEnabled(enabled);
    return { type: 'SCREEN_SHARE', sharing: enabled };
  } catch (error) {
    return { type: 'SCREEN_SHARE', sharing: session.getSnapshot().local?.screenSharing === true, error: toScreenShareError(error) };
  }
}
