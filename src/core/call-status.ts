/**
 * The UI status of a call machine snapshot. It reads only the snapshot, so the
 * page can show calls without loading the call machine itself.
 *
 * @packageDocumentation
 */
import type { CallMachineSnapshot } from './call-machine.js';
import type { CallStatus } from './client/types.js';

/**
 * The UI status of a call machine snapshot (`null` while idle).
 *
 * @example
 * ```ts
 * callStatusOf(actor.getSnapshot()); // 'ringing'
 * ```
 */
export function callStatusOf(snapshot: CallMachineSnapshot): CallStatus | null {
  if (snapshot.matches('idle')) return null;
  if (snapshot.matches({ outgoing: 'calling' })) return 'calling';
  if (snapshot.matches({ outgoing: 'ringing' })) return 'ringing';
  if (snapshot.matches({ incoming: 'ringing' })) return 'incoming';
  if (snapshot.matches({ incoming: 'answering' })) return 'answering';
  if (snapshot.matches('connecting')) return 'connecting';
  if (snapshot.matches({ active: { connection: 'reconnecting' } })) return 'reconnecting';
  if (snapshot.matches('active')) return 'active';
  if (snapshot.matches('held')) return 'held';
  return 'ended';
}
