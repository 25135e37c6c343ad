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
  // Read from the state value (not `matches()`): this runs on every change of every call actor.
  const value = snapshot.value;
  if (typeof value === 'string') return value === 'idle' ? null : 'connecting';
  if ('outgoing' in value) return value.outgoing === 'calling' ? 'calling' : 'ringing';
  if ('incoming' in value) return value.incoming === 'ringing' ? 'incoming' : 'answering';
  if ('active' in value) return value.active.connection === 'reconnecting' ? 'reconnecting' : 'active';
  if ('held' in value) return 'held';
  return 'ended';
}
