/**
 * The service worker's part of ringing: show a call pushed by the server as a
 * notification, close it when the ring is withdrawn or over, decline from it
 * with the pushed ticket, and hand Accept (or a click) to a page of the app.
 *
 * @packageDocumentation
 */
import { handoffUrl, PUSH_MESSAGE_TYPE, type NotificationChoice, type NotificationHandoff } from '../protocol/push-handoff.js';
import type { RingPush } from '../protocol/push.js';
import { readCallPush } from './read-push.js';
import type { NotificationEventLike, PushEventLike, ServiceWorkerScopeLike, WindowClientLike } from './sw-types.js';
import { textsFor, type NotificationTexts } from './texts.js';

/**
 * Options of the ringkit service worker.
 *
 * @example
 * ```ts
 * const options: RingkitServiceWorkerOptions = { appUrl: '/calls', lang: 'zh-CN', icon: '/icon-192.png' };
 * ```
 */
export interface RingkitServiceWorkerOptions {
  /** The page that takes calls (absolute, or relative to the worker's scope). Default: the scope. */
  appUrl?: string;
  /** Language of the built-in words (`en`, `zh-CN`). Default: the browser's. */
  lang?: string;
  /** Your own words, over the built-in ones. */
  texts?: Partial<NotificationTexts>;
  /** Notification icon and badge URLs. */
  icon?: string;
  badge?: string;
}

/** What a click on a call notification led to. */
export type ClickOutcome = 'declined' | 'decline-refused' | 'posted' | 'opened' | 'not-a-call';

/** The notification options the worker sets (the DOM library lacks `actions` and `renotify`). */
interface CallNotificationOptions extends NotificationOptions {
  actions: { action: string; title: string }[];
  renotify: boolean;
  timestamp: number;
}

/** Data stored on a ringkit notification. */
interface CallNotificationData {
  ringkit: RingPush;
}

function ringOf(notification: Notification): RingPush | undefined {
  const data = notification.data as Partial<CallNotificationData> | null;
  return data?.ringkit;
}

function appUrlOf(scope: ServiceWorkerScopeLike, options: RingkitServiceWorkerOptions): string {
  return new URL(options.appUrl ?? '', scope.registration.scope).toString();
}

async function callNotifications(scope: ServiceWorkerScopeLike, callId?: string): Promise<Notification[]> {
  const shown = await scope.registration.getNotifications(callId === undefined ? undefined : { tag: callId });
  return shown.filter((notification) => ringOf(notification) !== undefined);
}

/** Close ring notifications of `callId` (all of them, or those of one ring), and any whose ring is over. */
async function closeRings(scope: ServiceWorkerScopeLike, callId?: string, ring?: RingPush): Promise<void> {
  const now = Date.now();
  for (const notification of await callNotifications(scope)) {
    const shown = ringOf(notification);
    const ours = callId !== undefined && notification.tag === callId && (ring === undefined || shown?.expiresAt === ring.expiresAt);
    if (ours || (shown && shown.expiresAt <= now)) notification.close();
  }
}

async function showRing(scope: ServiceWorkerScopeLike, options: RingkitServiceWorkerOptions, ring: RingPush): Promise<void> {
  await closeRings(scope);
  if (ring.expiresAt <= Date.now()) return;
  const texts = { ...textsFor(options.lang ?? scope.navigator.language), ...options.texts };
  const notification: CallNotificationOptions = {
    body: ring.push?.body ?? texts.body(ring.media),
    tag: ring.callId,
    requireInteraction: true,
    renotify: true,
    timestamp: Date.now(),
    actions: [
      { action: 'accept', title: texts.accept },
      { action: 'decline', title: texts.decline },
    ],
    data: { ringkit: ring } satisfies CallNotificationData,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.icon ? { icon: options.icon } : {}),
    ...(options.badge ? { badge: options.badge } : {}),
  };
  await scope.registration.showNotification(ring.push?.title ?? texts.title(ring.from, ring.media), notification);
  // Best effort while the worker lives; the server's withdrawal push closes it in any case.
  setTimeout(() => void closeRings(scope, ring.callId, ring), Math.min(ring.expiresAt - Date.now(), 180_000));
}

/**
 * Handle a `push` event: show a pushed call, or close a withdrawn one. Other payloads are left alone.
 *
 * @example
 * ```ts
 * self.addEventListener('push', (event) => handleRingPush(self, event, { lang: 'en' }));
 * ```
 */
export function handleRingPush(scope: ServiceWorkerScopeLike, event: PushEventLike, options: RingkitServiceWorkerOptions = {}): void {
  const push = readCallPush(event.data?.text());
  if (!push) return;
  const work = push.type === 'ring' ? showRing(scope, options, push) : closeRings(scope, push.callId);
  event.waitUntil(work.catch((error: unknown) => console.error(`ringkit: could not handle the ${push.type} push of call ${push.callId}:`, error)));
}

async function decline(scope: ServiceWorkerScopeLike, ring: RingPush): Promise<ClickOutcome> {
  try {
    const response = await scope.fetch(ring.declineUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: ring.ticket }),
    });
    return response.ok ? 'declined' : 'decline-refused';
  } catch {
    return 'decline-refused';
  }
}

function samePage(client: WindowClientLike, appUrl: string): boolean {
  const page = new URL(client.url);
  const app = new URL(appUrl);
  return page.origin === app.origin && page.pathname.startsWith(app.pathname);
}

async function handOver(scope: ServiceWorkerScopeLike, appUrl: string, callId: string, action: NotificationChoice): Promise<ClickOutcome> {
  const pages = (await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })).filter((client) => samePage(client, appUrl));
  const page = pages.find((client) => client.focused) ?? pages[0];
  if (!page) {
    await scope.clients.openWindow(handoffUrl(appUrl, callId, action));
    return 'opened';
  }
  try {
    await page.focus();
  } catch {
    // Focusing needs a user's click on the notification; the page still gets the call.
  }
  page.postMessage({ type: PUSH_MESSAGE_TYPE, callId, action } satisfies NotificationHandoff);
  return 'posted';
}

/**
 * Handle a `notificationclick`: Decline posts the ticket; Accept or a click on
 * the body focuses a page of the app and posts it the call, or opens the app
 * URL with the call in its query. Resolves with what it did.
 *
 * @example
 * ```ts
 * self.addEventListener('notificationclick', (event) => handleCallNotificationClick(self, event));
 * ```
 */
export function handleCallNotificationClick(
  scope: ServiceWorkerScopeLike,
  event: NotificationEventLike,
  options: RingkitServiceWorkerOptions = {},
): Promise<ClickOutcome> {
  const ring = ringOf(event.notification);
  if (!ring) return Promise.resolve('not-a-call');
  event.notification.close();
  const outcome =
    event.action === 'decline'
      ? decline(scope, ring)
      : handOver(scope, appUrlOf(scope, options), ring.callId, event.action === 'accept' && ring.expiresAt > Date.now() ? 'accept' : 'show');
  event.waitUntil(outcome);
  return outcome;
}
