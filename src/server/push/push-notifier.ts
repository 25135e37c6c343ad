/**
 * What the call rules ask of Web Push: store subscriptions, ring a callee's
 * subscriptions, withdraw that ring. {@link createWebPushNotifier} is the implementation.
 *
 * @packageDocumentation
 */
import type { PushSubscriptionJSON } from '../../protocol/push.js';
import type { CallRecord } from '../call-record.js';

/**
 * Web Push as the call service uses it. Nothing here waits on a push service:
 * `ring` only reads the store and sends in the background.
 *
 * @example
 * ```ts
 * const service = createCallService({ pusher: createWebPushNotifier({ vapid, store, declineUrl }) });
 * ```
 */
export interface PushNotifier {
  /** The VAPID public key (base64url) clients subscribe with. */
  readonly vapidPublicKey: string;
  /** Store (or refresh) a subscription of `user`, made on `device`; resolves with why it was refused, if it was. */
  subscribe(user: string, device: string, subscription: PushSubscriptionJSON): Promise<string | undefined>;
  /** Forget the subscription at `endpoint`, or (without it) those `device` stored. */
  unsubscribe(user: string, device: string, endpoint?: string): Promise<void>;
  /** Push the ring of `user` in `call` (until `ringUntil`, epoch ms) to each of their subscriptions; true when they have any. */
  ring(call: CallRecord, user: string, ringUntil: number): Promise<boolean>;
  /** The ring of `user` in `call` ended: withdraw its notification. */
  withdraw(call: CallRecord, user: string): void;
}
