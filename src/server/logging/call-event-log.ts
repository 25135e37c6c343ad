/**
 * Call events as log entries: the event name, the call, who, and sizes
 * (never the `extra` payload itself).
 *
 * @packageDocumentation
 */
import type { CallEvent } from '../events/call-event.js';
import type { LogFields } from './server-log.js';

/** Bytes of a JSON value as sent on the wire. */
function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * The line and fields that log one call event.
 *
 * @example
 * ```ts
 * const { line, fields } = callEventEntry(event);
 * log(line, fields);
 * ```
 */
export function callEventEntry(event: CallEvent): { line: string; fields: LogFields } {
  if (event.type === 'call.rated') {
    // The comment is the user's words: it goes to onFeedback and webhooks, not to logs.
    const { callId, user, rating } = event;
    return {
      line: `call ${callId} rated ${rating.score} by ${user}`,
      fields: { event: event.type, callId, user, score: rating.score, issues: rating.issues ?? [], commentChars: rating.comment?.length ?? 0 },
    };
  }
  const call = event.call;
  const base = { event: event.type, callId: call.callId };
  switch (event.type) {
    case 'call.invited':
      return {
        line: `call ${call.callId} invite ${event.by} -> ${event.invitees.join(',')} (${call.media})`,
        fields: { ...base, user: event.by, invitees: event.invitees, ringing: event.ringing, media: call.media, extraBytes: jsonBytes(call.extra) },
      };
    case 'call.ringing':
      return { line: `call ${call.callId} ringing on ${event.user}`, fields: { ...base, user: event.user } };
    case 'call.answered':
      return {
        line: `call ${call.callId} accepted by ${event.user} (${event.media})`,
        fields: { ...base, user: event.user, device: event.device, media: event.media },
      };
    case 'call.held':
    case 'call.resumed':
      return { line: `call ${call.callId} ${event.type === 'call.held' ? 'held' : 'resumed'} by ${event.user}`, fields: { ...base, user: event.user } };
    case 'call.missed':
      return { line: `call ${call.callId} missed by ${event.user} (${event.reason})`, fields: { ...base, user: event.user, reason: event.reason } };
    case 'call.ended':
      return {
        line: `call ${call.callId} ended ${event.reason} by ${event.by ?? 'server'}`,
        fields: { ...base, reason: event.reason, by: event.by, durationMs: event.durationMs },
      };
  }
}
