/**
 * The server's reply to this device's invite (`INVITED`): the stored call and
 * this device's grant. With glare the reply is the other side's call, already
 * `active`: the machine follows that call id and connects at once. The reply
 * may also come after the callee's `accepted` (the server sends the ring first).
 *
 * @packageDocumentation
 */
import type { EventOf } from './shared-transitions.js';
import type { CallMachineContext } from './types.js';

/** Tell the client when the reply names another call than the one this device placed (glare). */
const rekeyed = {
  type: 'reportRekeyed',
  params: ({ context, event }: { context: CallMachineContext; event: EventOf<'INVITED'> }) => ({ from: context.callId, to: event.call.callId }),
} as const;

/**
 * `INVITED` while calling: the call as the server stored it, joining media with the grant;
 * a call that is already `active` (glare) goes straight to `connecting`.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { INVITED: invitedTransitions() } });
 * ```
 */
export function invitedTransitions() {
  return [
    {
      guard: ({ event }: { event: EventOf<'INVITED'> }) => event.call.status === 'active',
      target: '#call.connecting',
      actions: [rekeyed, 'recordInvited', 'joinGranted'],
    },
    { actions: [rekeyed, 'recordInvited', 'joinGranted'] },
  ] as const;
}

/**
 * `INVITED` after the call was answered: take the grant and join.
 *
 * @example
 * ```ts
 * callMachineSetup.createStateConfig({ on: { INVITED: lateInvited() } });
 * ```
 */
export function lateInvited() {
  return { guard: 'notInvited', actions: [rekeyed, 'recordLateInvite', 'joinGranted'] } as const;
}
