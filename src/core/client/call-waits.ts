/**
 * The waits the client's methods resolve with: on a call actor, until a
 * condition holds, the call settles, or one of its requests is answered.
 *
 * @packageDocumentation
 */
import { waitFor } from 'xstate';
import type { CallMachineSnapshot } from '../call-machine.js';
import { RingError } from '../errors.js';
import { isSettledCall } from './call-view.js';
import type { CallActorRef } from './root-setup.js';

/** The error of a call that ended (or stopped) before what a method waited for. */
function endedBefore(snapshot: CallMachineSnapshot, words: string): RingError {
  const { context } = snapshot;
  return context.end.failure ?? new RingError('call-ended', `${words}: the call ended (${context.end.reason ?? 'failed'})`, { callId: context.callId });
}

/**
 * Wait until a call actor satisfies `done`; reject if the call ends first.
 *
 * @example
 * ```ts
 * const snapshot = await untilCall(call, (s) => s.context.invited, 'call failed');
 * ```
 */
export async function untilCall(call: CallActorRef, done: (snapshot: CallMachineSnapshot) => boolean, words: string): Promise<CallMachineSnapshot> {
  let snapshot: CallMachineSnapshot;
  try {
    snapshot = await waitFor(call, (next) => done(next) || next.matches('ended'));
  } catch {
    throw endedBefore(call.getSnapshot(), words);
  }
  if (!done(snapshot)) throw endedBefore(snapshot, words);
  return snapshot;
}

/**
 * Wait until a call is over and the server answered this device's farewell (or there was none).
 *
 * @example
 * ```ts
 * call.send({ type: 'HANGUP' });
 * const { context } = await untilSettled(call);
 * ```
 */
export async function untilSettled(call: CallActorRef): Promise<CallMachineSnapshot> {
  try {
    return await waitFor(call, isSettledCall);
  } catch {
    return call.getSnapshot();
  }
}

/**
 * Wait until the request `id` of a call is answered; reject with its error if it failed or the call ended first.
 *
 * @example
 * ```ts
 * await requestDone(call, 'request.add.3');
 * ```
 */
export async function requestDone(call: CallActorRef, id: string): Promise<void> {
  const snapshot = await untilCall(call, (next) => next.context.requests.byId[id]?.status !== 'pending', 'request failed');
  const settled = snapshot.context.requests.byId[id];
  if (settled?.status === 'failed') throw settled.error;
}
