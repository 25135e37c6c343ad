/**
 * `ringkit/service-worker`: show calls pushed by the ringkit server as
 * notifications with Accept and Decline, in your own service worker.
 *
 * ```ts
 * // sw.ts (an ES module worker: navigator.serviceWorker.register('/sw.js', { type: 'module' }))
 * import { installRingkitServiceWorker } from 'ringkit/service-worker';
 * installRingkitServiceWorker({ appUrl: '/' });
 * ```
 *
 * No worker of your own? Copy `ringkit/ringkit-sw.js` next to your pages and register it.
 *
 * @packageDocumentation
 */
import { handleCallNotificationClick, handleRingPush, type RingkitServiceWorkerOptions } from './service-worker/call-notifications.js';
import type { ServiceWorkerScopeLike } from './service-worker/sw-types.js';

export {
  handleCallNotificationClick,
  handleRingPush,
  type ClickOutcome,
  type RingkitServiceWorkerOptions,
} from './service-worker/call-notifications.js';
export { NOTIFICATION_TEXTS, textsFor, type NotificationTexts } from './service-worker/texts.js';
export type { NotificationEventLike, PushEventLike, ServiceWorkerScopeLike, WindowClientLike } from './service-worker/sw-types.js';

/**
 * Listen for call pushes and clicks on call notifications in this service worker.
 *
 * @example
 * ```ts
 * installRingkitServiceWorker({ appUrl: '/', lang: 'zh-CN' });
 * ```
 */
export function installRingkitServiceWorker(options: RingkitServiceWorkerOptions = {}, scope: ServiceWorkerScopeLike = globalThis as unknown as ServiceWorkerScopeLike): void {
  scope.addEventListener('push', (event) => handleRingPush(scope, event, options));
  scope.addEventListener('notificationclick', (event) => {
    void handleCallNotificationClick(scope, event, options);
  });
}
