/**
 * Events the ring client announces besides store changes, and their payloads.
 *
 * @packageDocumentation
 */
import type * as z from 'zod';
import type { RingError } from '../errors.js';
import type { CallInfo, PayloadSchema } from '../../protocol/protocol.js';
import type { CurrentCall, MissedCall } from './snapshot-types.js';

/**
 * Any JSON value (custom message payloads).
 *
 * @example
 * ```ts
 * const data: JsonValue = { emoji: '👍', at: Date.now() };
 * ```
 */
export type JsonValue = z.infer<typeof PayloadSchema>;

/**
 * A custom in-call message from another member.
 *
 * @example
 * ```ts
 * client.on('message', ({ from, kind, data }) => { if (kind === 'chat') append(from, data); });
 * ```
 */
export interface CallMessage {
  /** The call it belongs to. */
  callId: string;
  /** Who sent it. */
  from: string;
  /** The app's message type. */
  kind: string;
  /** The app's payload. */
  data: JsonValue;
}

/**
 * Events a client announces besides store changes.
 *
 * @example
 * ```ts
 * client.on('ended', (call) => console.log('call ended:', call.endReason));
 * ```
 */
export interface RingClientEvents {
  /** A custom in-call message arrived. */
  message: CallMessage;
  /** A call rang here and stopped without being answered. */
  missed: MissedCall;
  /** A call started ringing here. */
  incoming: CallInfo;
  /** The current call ended. */
  ended: CurrentCall;
  /** Something failed (also stored as `snapshot.error`). */
  error: RingError;
}
