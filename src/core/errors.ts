/**
 * Typed errors of the ring client: every failure a user can see is a
 * {@link RingError} with a closed {@link RingErrorCode}.
 *
 * @packageDocumentation
 */
import type { ErrorCode } from '../protocol/protocol.js';

/**
 * What went wrong: the server's {@link ErrorCode}s plus the client's own.
 *
 * - `already-in-call`: `call()` while a call is in progress (pass `{ replace: true }`).
 * - `not-connected`: the client has no connection to the signaling server.
 * - `no-call`: there is no call (or no ringing call with that id) to act on.
 * - `timeout`: the server did not answer in time.
 * - `media`: the camera, microphone or media server failed.
 * - `invalid-argument`: a method got bad input (checked against the protocol schemas).
 * - `disconnected`: the client was disconnected while the request was pending.
 * - `call-ended`: the call ended before the request could complete.
 *
 * @example
 * ```ts
 * if (client.getSnapshot().error?.code === 'not-connected') showOffline();
 * ```
 */
export type RingErrorCode =
  | ErrorCode
  | 'not-connected'
  | 'no-call'
  | 'timeout'
  | 'media'
  | 'invalid-argument'
  | 'disconnected';

/**
 * An error of the ring client, with a code for programs and a message for people.
 *
 * @example
 * ```ts
 * try {
 *   await client.call('bob');
 * } catch (error) {
 *   if (error instanceof RingError && error.code === 'already-in-call') showToast('Hang up first');
 * }
 * ```
 */
export class RingError extends Error {
  /** What went wrong, for code. */
  readonly code: RingErrorCode;
  /** The call the error is about, when there is one. */
  readonly callId: string | undefined;

  constructor(code: RingErrorCode, message: string, options: { callId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RingError';
    this.code = code;
    this.callId = options.callId;
  }
}

/**
 * Whether a value is a {@link RingError}, optionally of a given code.
 *
 * @example
 * ```ts
 * promise.catch((error) => { if (isRingError(error, 'timeout')) retry(); });
 * ```
 */
export function isRingError(value: unknown, code?: RingErrorCode): value is RingError {
  return value instanceof RingError && (code === undefined || value.code === code);
}

/**
 * Wrap any thrown value into a {@link RingError} (a `RingError` passes through).
 *
 * @example
 * ```ts
 * catch (error) { store.setError(toRingError(error, 'media')); }
 * ```
 */
export function toRingError(value: unknown, fallback: RingErrorCode, callId?: string): RingError {
  if (value instanceof RingError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new RingError(fallback, message, { callId, cause: value });
}
