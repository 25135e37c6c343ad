/**
 * Server messages about one call, as that call actor's events.
 *
 * @packageDocumentation
 */
import type { CallMachineEvent } from '../machine/types.js';
import type { CallInfo, ServerMessage } from '../../protocol/protocol.js';

/**
 * The call a server message is about and the call machine event it stands for,
 * or `null` for messages about the client (welcome, presence, replies...).
 *
 * @example
 * ```ts
 * callEventOf({ type: 'ringing', callId: 'c1', by: 'bob' }); // { callId: 'c1', event: { type: 'RINGING', by: 'bob' } }
 * ```
 */
export function callEventOf(message: ServerMessage): { callId: string; event: CallMachineEvent } | null {
  switch (message.type) {
    case 'ringing':
      return { callId: message.callId, event: { type: 'RINGING', by: message.by } };
    case 'accepted':
      return { callId: message.callId, event: { type: 'ACCEPTED', by: message.by, media: message.media } };
    case 'joined':
      return { callId: message.callId, event: { type: 'MEMBER_JOINED', user: message.user } };
    case 'left':
      return {
        callId: message.callId,
        event: { type: 'MEMBER_LEFT', user: message.user, reason: message.reason, ...(message.detail === undefined ? {} : { detail: message.detail }) },
      };
    case 'ended':
      return {
        callId: message.callId,
        event: { type: 'ENDED', reason: message.reason, by: message.by, ...(message.detail === undefined ? {} : { detail: message.detail }) },
      };
    case 'held':
      return { callId: message.callId, event: { type: 'HELD', by: message.by, ...(message.heldBy ? { heldBy: message.heldBy } : {}) } };
    case 'resumed':
      return { callId: message.callId, event: { type: 'RESUMED', by: message.by, ...(message.heldBy ? { heldBy: message.heldBy } : {}) } };
    case 'updated':
      return { callId: message.call.callId, event: { type: 'UPDATED', call: message.call } };
    default:
      return null;
  }
}

/**
 * Whether an `incoming` should ring on this device: this user still has to answer it
 * (an `incoming` for a call this user already joined, as after glare, does not ring).
 *
 * @example
 * ```ts
 * if (shouldRing(message.call, 'bob')) ...
 * ```
 */
export function shouldRing(call: CallInfo, self: string | null): boolean {
  const me = call.members.find((member) => member.user === self);
  return call.status !== 'ended' && (me === undefined || me.state === 'invited' || me.state === 'ringing');
}
