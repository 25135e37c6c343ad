/**
 * Server messages about one call, as that call actor's events.
 *
 * @packageDocumentation
 */
import type { CallMachineEvent } from '../machine/types.js';
import type { CallInfo, ServerMessage } from '../../protocol/protocol.js';

/**
 * The call a server message is about and the call machine event it stands for (with the
 * message's call version, which the call actor keeps in the same step),
 * or `null` for messages about the client (welcome, presence, replies...).
 *
 * @example
 * ```ts
 * callEventOf({ type: 'ringing', callId: 'c1', version: 2, by: 'bob' }); // { callId: 'c1', event: { type: 'RINGING', by: 'bob', version: 2 } }
 * ```
 */
export function callEventOf(message: ServerMessage): { callId: string; event: CallMachineEvent } | null {
  switch (message.type) {
    case 'ringing':
      return { callId: message.callId, event: { type: 'RINGING', by: message.by, version: message.version } };
    case 'accepted':
      return { callId: message.callId, event: { type: 'ACCEPTED', by: message.by, media: message.media, version: message.version } };
    case 'joined':
      return { callId: message.callId, event: { type: 'MEMBER_JOINED', user: message.user, version: message.version } };
    case 'left':
      return {
        callId: message.callId,
        event: {
          type: 'MEMBER_LEFT',
          user: message.user,
          reason: message.reason,
          version: message.version,
          ...(message.detail === undefined ? {} : { detail: message.detail }),
        },
      };
    case 'ended':
      return {
        callId: message.callId,
        event: {
          type: 'ENDED',
          reason: message.reason,
          by: message.by,
          version: message.version,
          ...(message.detail === undefined ? {} : { detail: message.detail }),
        },
      };
    case 'held':
      return { callId: message.callId, event: { type: 'HELD', by: message.by, version: message.version, ...(message.heldBy ? { heldBy: message.heldBy } : {}) } };
    case 'resumed':
      return { callId: message.callId, event: { type: 'RESUMED', by: message.by, version: message.version, ...(message.heldBy ? { heldBy: message.heldBy } : {}) } };
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
