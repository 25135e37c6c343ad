/**
 * One call this device takes part in (or that rings here), and the waits on
 * it that the client's methods resolve with.
 *
 * @packageDocumentation
 */
import type { ActorRefFrom, Subscription } from 'xstate';
import type { callMachine } from '../call-machine.js';
import { RingError } from '../errors.js';
import type { CallMachineEvent, CallSignal } from '../machine/types.js';
import type { CaptureOptions } from '../media/types.js';
import type { CallInfo } from '../../protocol/protocol.js';
import type { CallMedia } from './call-media.js';
import { toCurrentCall } from './call-view.js';
import type { Reply } from './connection.js';

/**
 * One call of this device: its machine actor, its media, and the server's answers about it.
 *
 * @example
 * ```ts
 * const entry = calls.open(callId, {});
 * entry.actor.send({ type: 'ACCEPT', media: 'audio' });
 * ```
 */
export interface CallEntry {
  callId: string;
  actor: ActorRefFrom<typeof callMachine>;
  media: CallMedia;
  /** The server's view, for ringing calls. */
  info?: CallInfo;
  capture: CaptureOptions;
  /** The server's answer to the last message of each type about this call. */
  requests: Map<string, Promise<Reply>>;
  /** Why the server refused the invite or accept, when it did. */
  failure?: RingError;
}

/**
 * Whether there is a call and it has not ended.
 *
 * @example
 * ```ts
 * if (isLive(calls.current)) await calls.current.media.switchDevice('audioinput', micId);
 * ```
 */
export function isLive(entry: CallEntry | null): entry is CallEntry {
  return entry !== null && entry.actor.getSnapshot().status === 'active';
}

/**
 * Wait until a call's machine satisfies `done`, or reject if the call ends first.
 *
 * @example
 * ```ts
 * await untilCall(entry, () => entry.actor.getSnapshot().context.invited, 'call failed');
 * ```
 */
export function untilCall(entry: CallEntry, done: () => boolean, words: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let subscription: Subscription | undefined;
    const check = (): boolean => {
      const snapshot = entry.actor.getSnapshot();
      if (done()) resolve();
      else if (snapshot.status === 'done') {
        const reason = snapshot.context.endReason ?? 'failed';
        reject(entry.failure ?? new RingError('call-ended', `${words}: the call ended (${reason})`, { callId: entry.callId }));
      } else return false;
      subscription?.unsubscribe();
      return true;
    };
    if (!check()) subscription = entry.actor.subscribe(() => void check());
  });
}

/**
 * Send an event to a call's machine and wait for the server's answer to the
 * message it made the machine send (or nothing if it sent none). Fails with
 * `invalid-state` when the machine cannot take the event now.
 *
 * @example
 * ```ts
 * await sendAndWait(entry, { type: 'REJECT' }, 'reject');
 * ```
 */
export async function sendAndWait(entry: CallEntry, event: CallMachineEvent, type: CallSignal['type']): Promise<void> {
  const snapshot = entry.actor.getSnapshot();
  if (!snapshot.can(event)) {
    const status = toCurrentCall(snapshot)?.status ?? 'idle';
    throw new RingError('invalid-state', `${event.type.toLowerCase().replace('_', ' ')} is not possible while the call is ${status}`, {
      callId: entry.callId,
    });
  }
  const before = entry.requests.get(type);
  entry.actor.send(event);
  const after = entry.requests.get(type);
  if (after && after !== before) await after;
}
