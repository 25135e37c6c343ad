/**
 * The protocol's constants and checks, free of any schema library, so the
 * server's schemas (zod) and the client's (zod/mini) share them, and code that
 * needs only a constant loads no schema code (frame parsing is `parse-frame.ts`).
 *
 * @packageDocumentation
 */
import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from './depth.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';

export {
  MAX_CALLEES,
  MAX_COMMENT_LENGTH,
  MAX_DETAIL_LENGTH,
  MAX_FRAME_BYTES,
  MAX_ID_LENGTH,
  MAX_PAYLOAD_BYTES,
  MAX_TOKEN_LENGTH,
  PROTOCOL_VERSION,
} from './limits.js';

/**
 * Why a call ended: one closed union, carried by every ended call.
 *
 * @example
 * ```ts
 * if (call.endReason === 'busy') showToast('Bob is on another call');
 * ```
 */
export const END_REASONS = [
  'completed',
  'cancelled',
  'declined',
  'busy',
  'no-answer',
  'offline',
  'do-not-disturb',
  'answered-elsewhere',
  'declined-elsewhere',
  'connection-lost',
  'media-failed',
  'failed',
] as const;

/** Why a call ended. See {@link END_REASONS}. */
export type EndReason = (typeof END_REASONS)[number];

/**
 * Error codes the server answers with.
 *
 * @example
 * ```ts
 * ERROR_CODES.includes('rate-limited'); // true
 * ```
 */
export const ERROR_CODES = [
  'bad-json',
  'bad-message',
  'too-large',
  'unsupported-version',
  'unauthorized',
  'not-authenticated',
  'forbidden',
  'not-found',
  'call-ended',
  'already-answered',
  'already-in-call',
  'invalid-state',
  'rate-limited',
  'unavailable',
  'internal',
] as const;

/**
 * The reasons a `reject` names (`busy` ends the caller's call as `busy`);
 * any other text is a custom reason: the call ends `declined` with it as `detail`.
 *
 * @example
 * ```ts
 * REJECT_REASONS.includes('busy'); // true
 * ```
 */
export const REJECT_REASONS = ['busy', 'declined'] as const;

/**
 * What a `reject`'s `reason` means, on both sides: the end reason (`busy`, else
 * `declined`) and, for a custom text, the `detail` that travels with it.
 *
 * @example
 * ```ts
 * declineOf('busy'); // { reason: 'busy' }
 * declineOf('In a meeting'); // { reason: 'declined', detail: 'In a meeting' }
 * ```
 */
export function declineOf(reason: string | undefined): { reason: 'busy' | 'declined'; detail?: string } {
  if (reason === 'busy' || reason === 'declined') return { reason };
  return reason === undefined ? { reason: 'declined' } : { reason: 'declined', detail: reason };
}

/**
 * What went wrong in a call, as a rating names it.
 *
 * @example
 * ```ts
 * await client.rateCall(callId, { score: 2, issues: ['echo', 'frozen-video'] });
 * ```
 */
export const CALL_ISSUES = [
  'echo',
  'noise',
  'choppy-audio',
  'no-audio',
  'no-video',
  'frozen-video',
  'blurry-video',
  'out-of-sync',
  'dropped',
  'other',
] as const;

/** One of {@link CALL_ISSUES}. */
export type CallIssue = (typeof CALL_ISSUES)[number];

/** Why a frame was refused. */
export interface ProtocolError {
  /** `bad-json`, `too-large` or `bad-message`. */
  code: 'bad-json' | 'too-large' | 'bad-message';
  /** What was wrong, for people. */
  message: string;
  /** The `id` of the request, when one could be read. */
  replyTo?: string;
}

/** Either a parsed message or the reason it was refused. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: ProtocolError };

/** @internal The refinement of an id: no whitespace or control characters. */
export const noSpaceOrControl = {
  test: (id: string): boolean => !/[\s\p{Cc}]/u.test(id),
  message: 'ids must not contain whitespace or control characters',
} as const;

/** @internal The refinement of a one-line text (a decline reason): no control characters. */
export const noControl = {
  test: (text: string): boolean => !/\p{Cc}/u.test(text),
  message: 'text must not contain control characters',
} as const;

/** @internal The refinement of a list that names each item once (a rating's issues). */
export const distinctItems = {
  test: (items: readonly unknown[]): boolean => new Set(items).size === items.length,
  message: 'items must not repeat',
} as const;

/** Byte length of a value's JSON, or `Infinity` when it cannot be serialised. */
function jsonBytes(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? Infinity : new TextEncoder().encode(text).length;
  } catch {
    return Infinity;
  }
}

/** @internal Whether an app payload nests objects and arrays at most {@link MAX_PAYLOAD_DEPTH} levels deep. */
export function shallowEnough(value: unknown): boolean {
  return !nestedDeeperThan(value, MAX_PAYLOAD_DEPTH);
}

/** @internal Whether an app payload's JSON is at most {@link MAX_PAYLOAD_BYTES} bytes. */
export function smallEnough(value: unknown): boolean {
  return jsonBytes(value) <= MAX_PAYLOAD_BYTES;
}

/** @internal The words of the payload checks. */
export const PAYLOAD_CHECK_MESSAGES = {
  depth: `payloads must nest objects and arrays at most ${MAX_PAYLOAD_DEPTH} levels deep`,
  payloadBytes: `payload must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`,
  extraBytes: `extra must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`,
} as const;
