/**
 * Transitions more than one phase of the call machine takes: the call ended
 * elsewhere, the server refused this device, another member took the call.
 *
 * @packageDocumentation
 */
import type { CallMachineEvent } from './types.js';

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
    actions: { type: 'end', params: ({ event }: { event: EventOf<'ENDED'> }) => ({ reason: event.reason, by: event.by }) },
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
        params: ({ event }: { event: EventOf<'SIGNAL_ERROR'> }) => ({ code: event.code, message: event.message }),
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
