/**
 * The client messages behind Web Push: `push-subscribe`, `push-unsubscribe`
 * and `visibility` (a user whose devices are all hidden is also rung by push).
 *
 * @packageDocumentation
 */
import type { ClientMessageOf } from '../../protocol/protocol.js';
import { fail, ok, type Actor } from '../rules/context.js';
import type { RingStore } from '../stores/store.js';
import type { PushNotifier } from './push-notifier.js';

/** What the push messages need from the call service. */
export interface PushMessageContext {
  store: RingStore;
  pusher: PushNotifier | undefined;
  log: (line: string) => void;
}

/**
 * Handle one push-related message from `actor` on the device of `session`.
 *
 * @example
 * ```ts
 * await pushMessage({ store, pusher, log }, actor, session, { type: 'visibility', id: 'r9', state: 'hidden' });
 * ```
 */
export async function pushMessage(
  context: PushMessageContext,
  actor: Actor,
  session: string,
  message: ClientMessageOf<'visibility' | 'push-subscribe' | 'push-unsubscribe'>,
): Promise<void> {
  const { store, pusher, log } = context;
  if (message.type === 'visibility') {
    const hidden = message.state === 'hidden';
    await store.updateDevice(session, (device) => (Boolean(device.hidden) === hidden ? { result: undefined } : { next: { ...device, hidden }, result: undefined }));
    return ok(actor, message.id);
  }
  if (!pusher) return fail(actor, message.id, 'unavailable', 'this server does not send Web Push (no VAPID keys configured)');
  if (message.type === 'push-unsubscribe') {
    await pusher.unsubscribe(actor.user, actor.device, message.endpoint);
    log(`push subscription of ${actor.user}#${actor.device} removed`);
    return ok(actor, message.id);
  }
  const refused = await pusher.subscribe(actor.user, actor.device, message.subscription);
  if (refused) return fail(actor, message.id, 'bad-message', refused);
  log(`push subscription of ${actor.user}#${actor.device} stored`);
  ok(actor, message.id);
}
