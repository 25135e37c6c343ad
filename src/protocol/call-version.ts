/**
 * Which call a server message is about, and at which version of that call.
 *
 * @packageDocumentation
 */
import type { ServerMessage } from './protocol.js';

/** The call a server message is about and the call's version it was decided at. */
export interface CallStamp {
  callId: string;
  version: number;
}

/**
 * The call and version a server message carries, or `undefined` for messages
 * that are not about the state of a call (welcome, presence, custom messages, replies without a call).
 *
 * @example
 * ```ts
 * callStampOf({ type: 'ended', callId: 'c1', version: 4, reason: 'completed', by: 'bob' }); // { callId: 'c1', version: 4 }
 * ```
 */
export function callStampOf(message: ServerMessage): CallStamp | undefined {
  switch (message.type) {
    case 'invited':
    case 'answered':
    case 'incoming':
    case 'updated':
      return { callId: message.call.callId, version: message.call.version };
    case 'ringing':
    case 'accepted':
    case 'joined':
    case 'left':
    case 'held':
    case 'resumed':
    case 'ended':
      return { callId: message.callId, version: message.version };
    default:
      return undefined;
  }
}
