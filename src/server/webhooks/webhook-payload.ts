/**
 * Call events as webhook bodies: the event id, type and time, and the
 * call's public facts (never its `extra` payload or any token).
 *
 * @packageDocumentation
 */
import type { CallEvent, CallRatedEvent } from '../events/call-event.js';
import type { WebhookEvent } from './webhook-signature.js';

/**
 * The webhook body of one call event.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(toWebhookEvent(event, 'evt_x1', Date.now()));
 * ```
 */
export function toWebhookEvent(event: CallEvent, id: string, at: number): WebhookEvent {
  if (event.type === 'call.rated') return { id, type: event.type, time: new Date(at).toISOString(), data: ratedData(event) };
  const call = event.call;
  const common = {
    callId: call.callId,
    from: call.from,
    media: call.media,
    members: call.members.map(({ user, state }) => ({ user, state })),
    createdAt: new Date(call.createdAt).toISOString(),
  };
  const data = (() => {
    switch (event.type) {
      case 'call.invited':
        return { ...common, by: event.by, invitees: [...event.invitees], ringing: [...event.ringing] };
      case 'call.ringing':
      case 'call.held':
      case 'call.resumed':
        return { ...common, user: event.user };
      case 'call.answered':
        return { ...common, user: event.user, device: event.device, answerMedia: event.media };
      case 'call.missed':
        return { ...common, user: event.user, reason: event.reason };
      case 'call.ended':
        return {
          ...common,
          reason: event.reason,
          ...(call.detail === undefined ? {} : { detail: call.detail }),
          by: event.by,
          durationMs: event.durationMs,
          ...(call.answeredAt === undefined ? {} : { answeredAt: new Date(call.answeredAt).toISOString() }),
        };
    }
  })();
  return { id, type: event.type, time: new Date(at).toISOString(), data };
}

/** The data of a `call.rated` webhook: the rating and the rater's view of the call (their history entry). */
function ratedData(event: CallRatedEvent): WebhookEvent['data'] {
  const { entry, rating } = event;
  return {
    callId: event.callId,
    user: event.user,
    device: event.device,
    score: rating.score,
    issues: rating.issues ?? [],
    ...(rating.comment === undefined ? {} : { comment: rating.comment }),
    ratedAt: new Date(rating.ratedAt).toISOString(),
    direction: entry.direction,
    peers: entry.peers,
    media: entry.media,
    reason: entry.reason,
    durationMs: entry.durationMs,
  };
}
