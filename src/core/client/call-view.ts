/**
 * The UI view of a call machine snapshot, and the ringing-call helpers.
 *
 * @packageDocumentation
 */
import type { CallMachineSnapshot } from '../call-machine.js';
import { callStatusOf } from '../call-status.js';
import type { EndReason } from '../../protocol/protocol.js';
import type { CurrentCall } from './types.js';

/**
 * The {@link CurrentCall} of a machine snapshot (`null` while idle).
 *
 * @example
 * ```ts
 * const call = toCurrentCall(actor.getSnapshot());
 * call?.status; // 'ringing'
 * ```
 */
export function toCurrentCall(snapshot: CallMachineSnapshot): CurrentCall | null {
  const status = callStatusOf(snapshot);
  if (status === null) return null;
  const { call, end, local, ...context } = snapshot.context;
  return {
    callId: context.callId,
    direction: context.direction,
    status,
    self: context.self,
    peers: call.peers,
    members: call.members,
    media: context.media,
    ...(call.extra === undefined ? {} : { extra: call.extra }),
    createdAt: call.createdAt,
    ...(call.answeredAt === undefined ? {} : { answeredAt: call.answeredAt }),
    ...(end.at === undefined ? {} : { endedAt: end.at }),
    ...(end.reason === undefined ? {} : { endReason: end.reason }),
    ...(end.by === undefined ? {} : { endedBy: end.by }),
    ...(end.detail === undefined ? {} : { endDetail: end.detail }),
    micEnabled: local.mic,
    cameraEnabled: local.camera,
    remote: context.remote,
    quality: local.quality,
    ...(local.deviceError === undefined ? {} : { deviceError: local.deviceError }),
    screenShare: status === 'ended' ? 'off' : local.screenShare,
    ...(local.screenShareError === undefined ? {} : { screenShareError: local.screenShareError }),
    heldBy: call.heldBy,
    waiting: call.waiting,
  };
}

/**
 * Why a call that rang here counts as missed, or `undefined` when it does not: it ended
 * unanswered (the caller gave up, or nobody answered in time), or this user declined it
 * without a reason while in another call (call waiting: the caller hears `busy`, and the
 * server's history records a missed call, so the client's list does too).
 *
 * @example
 * ```ts
 * missedReason(snapshot.context); // 'no-answer'
 * ```
 */
export function missedReason({ direction, call, end }: CallMachineSnapshot['context']): EndReason | undefined {
  if (direction !== 'incoming' || !call.info || call.answeredAt !== undefined) return undefined;
  if (end.reason === 'no-answer' || end.reason === 'cancelled') return end.reason;
  const declinedWhileBusy = end.farewell?.type === 'reject' && end.farewell.reason === undefined && call.waiting;
  return declinedWhileBusy ? 'busy' : undefined;
}

/**
 * Whether a call actor's call is still going on (placed or ringing, not ended).
 *
 * @example
 * ```ts
 * if (isLiveCall(call.getSnapshot())) await client.hangup();
 * ```
 */
export function isLiveCall(snapshot: CallMachineSnapshot): boolean {
  const { value } = snapshot;
  return snapshot.status === 'active' && value !== 'idle' && !(typeof value === 'object' && 'ended' in value);
}

/**
 * Whether a call is over and the server answered this device's farewell: its actor may be stopped.
 *
 * @example
 * ```ts
 * await waitFor(call, isSettledCall);
 * ```
 */
export function isSettledCall(snapshot: CallMachineSnapshot): boolean {
  const { value } = snapshot;
  return snapshot.status !== 'active' || (typeof value === 'object' && 'ended' in value && value.ended === 'settled');
}
