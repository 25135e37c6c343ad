/**
 * The ring client's `setScreenShareEnabled`: share this device's screen in the current call, or stop.
 *
 * @packageDocumentation
 */
import type { CallMachineSnapshot } from '../call-machine.js';
import { RingError } from '../errors.js';
import { untilCall } from './call-waits.js';
import type { CallActorRef } from './root-setup.js';

const settled = (snapshot: CallMachineSnapshot) => snapshot.context.local.screenShare === 'on' || snapshot.context.local.screenShare === 'off';

/**
 * Share the screen in `call` (or stop) and wait for the outcome: after a start or stop still on its way,
 * nothing is sent when the share is already as asked. Rejects with `invalid-state` outside an active call,
 * with `media` when the browser refused (the {@link ScreenShareError} is its `cause` and the call's
 * `screenShareError`), with `call-ended` when the call ended first.
 *
 * @example
 * ```ts
 * await setScreenShare(current, true); // resolves once the screen is published
 * ```
 *
 * @internal
 */
export async function setScreenShare(call: CallActorRef, enabled: boolean): Promise<void> {
  const before = await untilCall(call, settled, 'screen share failed');
  if (before.context.local.screenShare === (enabled ? 'on' : 'off')) return;
  const event = { type: 'SET_SCREEN_SHARE', enabled } as const;
  if (!before.can(event)) {
    throw new RingError('invalid-state', 'screen sharing needs an active call', { callId: before.context.callId });
  }
  call.send(event);
  const after = await untilCall(call, settled, 'screen share failed');
  const error = after.context.local.screenShareError;
  if (error) throw new RingError('media', error.message, { callId: after.context.callId, cause: error });
}
