/**
 * What the call rules report after each decided change of a call: one event
 * per change, emitted only by the process whose atomic store update decided
 * it (so in a Redis cluster every event is reported exactly once). Metrics,
 * structured logs and webhooks are built on these events.
 *
 * @packageDocumentation
 */
import type { CallRating, EndReason, HistoryEntry, Media } from '../../protocol/protocol.js';
import type { CallRecord } from '../call-record.js';

/** The names of the call events. */
export const CALL_EVENT_TYPES = ['call.invited', 'call.ringing', 'call.answered', 'call.ended', 'call.missed', 'call.rated', 'call.held', 'call.resumed'] as const;

/** One of {@link CALL_EVENT_TYPES}. */
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

/**
 * A decided change of a call, with the call as stored right after it.
 *
 * @example
 * ```ts
 * const onEvent = (event: CallEvent) => {
 *   if (event.type === 'call.ended') console.log(event.call.callId, event.reason, event.durationMs);
 * };
 * ```
 */
export type CallEvent =
  | {
      type: 'call.invited';
      call: CallRecord;
      /** Who invited (the caller, or a member adding people). */
      by: string;
      /** Who was invited by this step (an invite, or an `add` to a call under way). */
      invitees: readonly string[];
      /** True for the invite that created the call, false for an `add`. */
      newCall: boolean;
      /** Callees whose devices got `incoming` (the others left at once: busy, offline, do-not-disturb). */
      ringing: readonly string[];
      /** Seconds from the invite's arrival to its first `incoming` (absent when nobody rang). */
      ringLatency?: number;
    }
  | { type: 'call.ringing'; call: CallRecord; user: string }
  | {
      type: 'call.answered';
      call: CallRecord;
      user: string;
      device: string;
      media: Media;
      /** True for the answer that made the call active. */
      firstAnswer: boolean;
      /** Seconds from the accept's arrival until the winner's `accepted` (with its LiveKit grant) is ready. */
      answerLatency?: number;
    }
  | { type: 'call.missed'; call: CallRecord; user: string; reason: EndReason }
  /** `user` put the call on hold, or took it off hold (call waiting). */
  | { type: 'call.held' | 'call.resumed'; call: CallRecord; user: string }
  | {
      type: 'call.ended';
      call: CallRecord;
      reason: EndReason;
      /** Who ended it (`null`: the server). */
      by: string | null;
      /** Milliseconds from the first answer to the end (0 when nobody answered). */
      durationMs: number;
      /** Whether anybody had answered. */
      answered: boolean;
    }
  | CallRatedEvent;

/**
 * A member rated a call that ended for them (`rate`). It carries their
 * history entry, since the call record itself may be gone by then.
 *
 * @example
 * ```ts
 * const onFeedback = ({ callId, user, rating }: CallRatedEvent) => saveFeedback(callId, user, rating.score, rating.issues);
 * ```
 */
export interface CallRatedEvent {
  type: 'call.rated';
  callId: string;
  /** Who rated. */
  user: string;
  /** The device they rated from. */
  device: string;
  rating: CallRating;
  /** The rater's history entry of the call, with the rating. */
  entry: HistoryEntry;
}

/**
 * The call an event is about.
 *
 * @example
 * ```ts
 * queueFor(callIdOf(event)).push(event);
 * ```
 */
export function callIdOf(event: CallEvent): string {
  return event.type === 'call.rated' ? event.callId : event.call.callId;
}

/**
 * Seconds elapsed since a `performance.now()` reading.
 *
 * @example
 * ```ts
 * const ringLatency = secondsSince(actor.receivedAt);
 * ```
 */
export function secondsSince(start: number | undefined): number | undefined {
  return start === undefined ? undefined : Math.max(0, performance.now() - start) / 1000;
}
