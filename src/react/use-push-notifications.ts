'use client';
/**
 * Ring this browser while no page of the app is visible (Web Push).
 *
 * @packageDocumentation
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { RingClient } from '../core/ring-client.js';
import type { EnablePushOptions, PushSnapshot } from '../core/push/push-notifications.js';
import { useRingClient } from './use-ring-client.js';

/**
 * What {@link usePushNotifications} returns.
 *
 * @example
 * ```tsx
 * const { supported, permission, subscribed, enable, disable, error } = usePushNotifications();
 * ```
 */
export interface UsePushNotificationsResult extends Omit<PushSnapshot, 'error'> {
  /** Ask for permission, subscribe, tell the server. Call it from a click. */
  enable(options?: EnablePushOptions): Promise<void>;
  /** Stop ringing this browser by push. */
  disable(): Promise<void>;
  /** Why the last `enable()` or `disable()` failed. */
  error: PushSnapshot['error'];
}

const UNSUPPORTED: PushSnapshot = { supported: false, permission: 'default', subscribed: false, pending: false, error: null };
const noSubscription = () => () => undefined;

/**
 * Whether calls ring this browser by push when its pages are closed or hidden, and a switch for it.
 * `supported` is false until the server has welcomed the client with its VAPID key,
 * and in browsers without service workers or the Push API.
 *
 * @example
 * ```tsx
 * function RingWhenClosed() {
 *   const { supported, subscribed, pending, enable, disable, error } = usePushNotifications();
 *   if (!supported) return null;
 *   return (
 *     <label>
 *       <input type="checkbox" checked={subscribed} disabled={pending} onChange={(e) => void (e.target.checked ? enable() : disable()).catch(() => {})} />
 *       Ring me when this tab is closed {error && <span role="alert">{error.message}</span>}
 *     </label>
 *   );
 * }
 * ```
 */
export function usePushNotifications(options: { client?: RingClient } = {}): UsePushNotificationsResult {
  const push = useRingClient(options.client).push;
  const snapshot = useSyncExternalStore(push?.subscribe ?? noSubscription, push?.getSnapshot ?? (() => UNSUPPORTED), () => UNSUPPORTED);
  const enable = useCallback((enableOptions?: EnablePushOptions) => push?.enable(enableOptions) ?? Promise.resolve(), [push]);
  const disable = useCallback(() => push?.disable() ?? Promise.resolve(), [push]);
  return { ...snapshot, enable, disable };
}
