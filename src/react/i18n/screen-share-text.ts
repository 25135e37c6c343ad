/**
 * A screen share failure in the chosen words.
 *
 * @packageDocumentation
 */
import type { ScreenShareError } from '../../core/media/types.js';
import type { RingMessages } from './messages.js';

/**
 * What to tell people when screen sharing failed.
 *
 * @example
 * ```ts
 * describeScreenShareErrorIn(resolveMessages('en'), { code: 'unsupported', message: '' }); // 'This browser cannot share a screen.'
 * ```
 */
export function describeScreenShareErrorIn(messages: RingMessages, error: Pick<ScreenShareError, 'code'>): string {
  switch (error.code) {
    case 'permission-denied':
      return messages.screenShareDenied;
    case 'unsupported':
      return messages.screenShareUnsupported;
    case 'failed':
      return messages.screenShareFailed;
  }
}
