/**
 * Web Push on the client: ask for notification permission, subscribe this
 * browser with the server's VAPID key (from `welcome`), hand the subscription
 * to the server, refresh it on every welcome, and undo it all on `disable()`.
 *
 * @packageDocumentation
 */
import type { ServerMessageOf } from '../../protocol/protocol.js';
import type { PushSubscriptionJSON } from '../../protocol/push.js';
import { RingError, toRingError } from '../errors.js';
import { addListener } from '../listeners.js';

/**
 * Where push notifications stand in this browser.
 *
 * @example
 * ```ts
 * const { supported, permission, subscribed } = client.push.getSnapshot();
 * ```
 */
export interface PushSnapshot {
  /** This browser can show pushed calls (service workers, Push API, notifications) and the server sends them. */
  supported: boolean;
  /** Notification permission: `default` (not asked yet), `granted` or `denied`. */
  permission: NotificationPermission;
  /** The server rings this browser by push. */
  subscribed: boolean;
  /** `enable()` or `disable()` is in progress. */
  pending: boolean;
  /** Why the last `enable()` or `disable()` failed. */
  error: RingError | null;
}

/**
 * Options of `enable()`.
 *
 * @example
 * ```ts
 * await client.push.enable({ serviceWorker: '/sw.js' });
 * ```
 */
export interface EnablePushOptions {
  /** Your service worker (it must run `ringkit/service-worker`), or its URL. Default: the page's registration, else `/ringkit-sw.js` is registered. */
  serviceWorker?: ServiceWorkerRegistration | string;
}

/**
 * Ring this browser when no page of the app is visible (a closed or background tab).
 *
 * @example
 * ```ts
 * button.onclick = () => client.push.enable(); // asks for notification permission: call it from a click
 * ```
 */
export interface PushNotifications {
  getSnapshot(): PushSnapshot;
  subscribe(listener: () => void): () => void;
  /** Ask for permission (call it from a user's click), subscribe, and tell the server. */
  enable(options?: EnablePushOptions): Promise<void>;
  /** Stop ringing this browser by push. */
  disable(): Promise<void>;
}

/** What push notifications need from the client. @internal */
export interface PushClientDeps {
  /** Send a request to the server (resolves with its reply). */
  request(message: { type: 'push-subscribe'; subscription: PushSubscriptionJSON } | { type: 'push-unsubscribe'; endpoint?: string }): Promise<unknown>;
}

/** The default ready-made worker (`ringkit/ringkit-sw.js`, copied next to the app's pages). */
export const DEFAULT_SERVICE_WORKER_URL = '/ringkit-sw.js';

function browserSupportsPush(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager !== 'undefined' && typeof Notification !== 'undefined';
}

function currentPermission(): NotificationPermission {
  return typeof Notification === 'undefined' ? 'default' : Notification.permission;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, index) => byte === key[index]);
}

async function registrationFor(option: EnablePushOptions['serviceWorker']): Promise<ServiceWorkerRegistration> {
  if (option !== undefined && typeof option !== 'string') return option;
  const existing = option === undefined ? await navigator.serviceWorker.getRegistration() : undefined;
  if (!existing) await navigator.serviceWorker.register(option ?? DEFAULT_SERVICE_WORKER_URL);
  return navigator.serviceWorker.ready;
}

/**
 * Make the push controls of a client; feed them every `welcome`. @internal
 *
 * @example
 * ```ts
 * const push = createPushNotifications({ request: (message) => connection.request(message) });
 * connection.onWelcome = (welcome) => push.welcomed(welcome);
 * ```
 */
export function createPushNotifications(deps: PushClientDeps): PushNotifications & { welcomed(welcome: ServerMessageOf<'welcome'>): void } {
  const listeners = new Set<() => void>();
  let vapidKey: string | undefined;
  let snapshot: PushSnapshot = { supported: false, permission: currentPermission(), subscribed: false, pending: false, error: null };

  function update(change: Partial<PushSnapshot>): void {
    snapshot = { ...snapshot, permission: currentPermission(), supported: browserSupportsPush() && vapidKey !== undefined, ...change };
    for (const listener of [...listeners]) listener();
  }

  async function send(subscription: PushSubscription): Promise<void> {
    await deps.request({ type: 'push-subscribe', subscription: subscription.toJSON() as PushSubscriptionJSON });
  }

  async function run(work: () => Promise<Partial<PushSnapshot>>): Promise<void> {
    update({ pending: true, error: null });
    try {
      update({ ...(await work()), pending: false });
    } catch (error) {
      const failure = toRingError(error, 'unavailable');
      update({ pending: false, error: failure });
      throw failure;
    }
  }

  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => addListener(listeners, listener),
    enable(options = {}) {
      return run(async () => {
        if (!browserSupportsPush()) throw new RingError('unavailable', 'this browser cannot receive push notifications');
        if (vapidKey === undefined) throw new RingError('unavailable', 'the server does not ring by push (no VAPID key in its welcome)');
        if ((await Notification.requestPermission()) !== 'granted') throw new RingError('forbidden', 'notifications are not allowed for this site');
        const key = keyBytes(vapidKey);
        const registration = await registrationFor(options.serviceWorker);
        let subscription = await registration.pushManager.getSubscription();
        if (subscription && !sameKey(subscription, key)) {
          await subscription.unsubscribe();
          subscription = null;
        }
        subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        await send(subscription);
        return { subscribed: true };
      });
    },
    disable() {
      return run(async () => {
        const registration = browserSupportsPush() ? await navigator.serviceWorker.getRegistration() : undefined;
        const subscription = await registration?.pushManager.getSubscription();
        await deps.request({ type: 'push-unsubscribe', ...(subscription ? { endpoint: subscription.endpoint } : {}) });
        await subscription?.unsubscribe();
        return { subscribed: false };
      });
    },
    welcomed(welcome) {
      vapidKey = welcome.vapidPublicKey;
      update({});
      if (!snapshot.supported || currentPermission() !== 'granted') return;
      // Refresh the stored subscription (it expires unless stored again), and learn that it exists.
      void (async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const subscription = await registration?.pushManager.getSubscription();
        if (!subscription || !sameKey(subscription, keyBytes(welcome.vapidPublicKey ?? ''))) return update({ subscribed: false });
        await send(subscription);
        update({ subscribed: true });
      })().catch((error: unknown) => update({ error: toRingError(error, 'unavailable') }));
    },
  };
}
