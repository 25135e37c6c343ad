/**
 * Transitions more than one phase of the call machine takes: the call ended
 * elsewhere, the server refused this device, another member took the call,
 * this device ended it and tells the server, and the results of requests.
 *
 * @packageDocumentation
 */
import type { ErrorCode } from '../../protocol/protocol.js';
import { ERROR_CODES } from '../../protocol/wire.js';
import type { CallMachineContext, CallMachineEvent, CallSignal, RequestLedger, RequestResult } from './types.js';

/**
 * The machine event of one type.
 *
 * @example
 * ```ts
 * const params = ({ event }: { event: EventOf<'ENDED'> }) => ({ reason: event.reason, by: event.by });
 * ```
 */
export type EventOf<Type extends CallMachineEvent['type']> = Extract<CallMachineEvent, { type: Type }>;

/**
 * The call ended by another member or the server: their reason stands.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { ENDED: endedElsewhere() } });
 * ```
 */
export function endedElsewhere() {
  return {
    target: '#call.ended',
    actions: {
      type: 'end',
      params: ({ event }: { event: EventOf<'ENDED'> }) => ({
        reason: event.reason,
        by: event.by,
        ...(event.detail === undefined ? {} : { detail: event.detail }),
      }),
    },
  } as const;
}

/**
 * The server refused this device's invite or accept: the call failed with its error.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { SIGNAL_ERROR: failedBySignalError() } });
 * ```
 */
export function failedBySignalError() {
  return {
    target: '#call.ended',
    actions: [
      {
        type: 'recordError',
        params: ({ event }: { event: EventOf<'SIGNAL_ERROR'> }) => ({
          code: event.code,
          message: event.message,
          ...(event.failure ? { failure: event.failure } : {}),
        }),
      },
      { type: 'end', params: { reason: 'failed', by: null } },
    ],
  } as const;
}

/**
 * Another member (or this user's other device) took the call: mark them joined with their media.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { ACCEPTED: { actions: memberJoinedOnAccept() } } });
 * ```
 */
export function memberJoinedOnAccept() {
  return {
    type: 'memberJoined',
    params: ({ event }: { event: EventOf<'ACCEPTED'> }) => ({ user: event.by, media: event.media }),
  } as const;
}

/**
 * This device ends the call: tell the server with `type` (the answer settles `ended`), and record why.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { CANCEL: { target: '#call.ended', actions: endedHere('cancel', 'cancelled') } } });
 * ```
 */
export function endedHere(type: 'cancel' | 'reject' | 'hangup' | 'leave', reason: 'cancelled' | 'declined' | 'completed' | 'no-answer') {
  return [
    { type: 'farewell', params: ({ context }: { context: CallMachineContext }) => ({ type, callId: context.callId }) as CallSignal },
    {
      type: 'end',
      params: ({ context }: { context: CallMachineContext }) => ({ reason, by: reason === 'no-answer' ? null : context.self }),
    },
  ] as const;
}

/** The server error code closest to a client failure (a timeout or a lost connection is `unavailable`). */
function errorCodeOf(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'unavailable';
}

/**
 * The machine event of an invite's or accept's result: the reply as `type`
 * (`INVITED`, `ANSWERED`), or a refusal as `SIGNAL_ERROR`.
 *
 * @example
 * ```ts
 * invoke: { src: 'request', onDone: { actions: raise(({ event }) => resultEvent(event.output, 'invited', 'INVITED')) } }
 * ```
 */
export function resultEvent(result: RequestResult, expected: 'invited' | 'answered', type: 'INVITED' | 'ANSWERED'): CallMachineEvent {
  if (!result.ok) return { type: 'SIGNAL_ERROR', code: errorCodeOf(result.error.code), message: result.error.message, failure: result.error };
  const reply = result.reply;
  if (reply.type !== expected) return { type: 'SIGNAL_ERROR', code: 'bad-message', message: `the server answered ${reply.type} instead of ${expected}` };
  return { type, call: reply.call, ...(reply.livekit ? { livekit: reply.livekit } : {}) };
}

/**
 * The request ledger once the request `actorId` settled (unknown ids leave it as it is).
 *
 * @example
 * ```ts
 * assign({ requests: ({ context, event }) => settleRequest(context.requests, event.actorId, event.output) })
 * ```
 */
export function settleRequest(requests: RequestLedger, actorId: string, result: RequestResult): RequestLedger {
  if (!(actorId in requests.byId)) return requests;
  return { count: requests.count, byId: { ...requests.byId, [actorId]: result.ok ? { status: 'done' } : { status: 'failed', error: result.error } } };
}
