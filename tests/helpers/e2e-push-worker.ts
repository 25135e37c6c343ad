/**
 * The ringkit service worker in real Chromium: register it from a localhost
 * page, hand it pushes through the DevTools Protocol (as a push service would),
 * read its notifications and click them from inside the worker.
 */
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { bounded } from './server-ws.js';

/** A registered ringkit worker in one browser context. */
export interface PushWorker {
  /** Hand a push payload (the text the push service decrypted) to the worker. */
  deliver(payload: string): Promise<void>;
  /**
   * Hand a ring to the worker until its notification (tagged `tag`) is listed. Headless Chromium's
   * notification centre now and then drops a notification right after `showNotification` resolved
   * (about 1 run in 6); the worker's handling of a repeated ring is idempotent (same tag).
   */
  deliverUntilShown(payload: string, tag: string): Promise<ShownNotification>;
  /** The worker's notifications now. */
  notifications(): Promise<ShownNotification[]>;
  /** Wait until the notifications match `count`. */
  waitForNotifications(count: number, timeoutMs?: number): Promise<ShownNotification[]>;
  /** Click a notification's `action` (`''`: its body) inside the worker (without user activation). */
  click(tag: string, action: string): Promise<void>;
  /** Make `clients.openWindow` record URLs instead of opening them (headless has no user activation for it). */
  recordOpenedWindows(): Promise<void>;
  /** URLs the worker asked to open. */
  openedWindows(): Promise<string[]>;
  readonly worker: Worker;
}

/** A notification as `registration.getNotifications()` lists it. */
export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  lang: string;
  requireInteraction: boolean;
  actions: { action: string; title: string }[];
}

/**
 * Register `scriptPath` from `page` (on localhost); pushes go in through the DevTools Protocol of a blank tab.
 *
 * @example
 * ```ts
 * const worker = await registerPushWorker(context, page, '/ringkit-sw.js');
 * await worker.deliver(payload);
 * ```
 */
export async function registerPushWorker(context: BrowserContext, page: Page, scriptPath: string): Promise<PushWorker> {
  // DevTools attach to a blank tab, so the app's own pages may all close while pushes still arrive.
  const blank = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(blank);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const live = registrations.find((registration) => !registration.isDeleted);
      if (live) resolve(live.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const workerStarted = context.serviceWorkers()[0] ? Promise.resolve(context.serviceWorkers()[0] as Worker) : context.waitForEvent('serviceworker', { timeout: 15_000 });
  await page.evaluate(async (path) => {
    await navigator.serviceWorker.register(path);
    await navigator.serviceWorker.ready;
  }, scriptPath);
  const id = await bounded(registrationId, 15_000);
  const worker = await workerStarted;
  worker.on('console', (message) => console.log(`[worker ${message.type()}] ${message.text()}`));
  const origin = new URL(page.url()).origin;

  const list = () =>
    worker.evaluate(async () => {
      const scope = globalThis as unknown as { registration: ServiceWorkerRegistration };
      const shown = await scope.registration.getNotifications();
      return shown.map((notification) => {
        const withActions = notification as Notification & { actions?: { action: string; title: string }[] };
        return {
          title: notification.title,
          body: notification.body,
          tag: notification.tag,
          lang: notification.lang,
          requireInteraction: notification.requireInteraction,
          actions: (withActions.actions ?? []).map(({ action, title }) => ({ action, title })),
        };
      });
    });

  const pushWorker: PushWorker = {
    worker,
    async deliver(payload) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await id, data: payload });
    },
    notifications: list,
    async deliverUntilShown(payload, tag) {
      for (let attempt = 1; ; attempt += 1) {
        await pushWorker.deliver(payload);
        const until = Date.now() + 4_000;
        while (Date.now() < until) {
          const shown = (await list()).find((notification) => notification.tag === tag);
          if (shown) return shown;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        if (attempt === 3) throw new Error(`the notification ${tag} was not shown after ${attempt} deliveries`);
        console.warn(`notification ${tag} not listed after delivery ${attempt}; delivering again`);
      }
    },
    async waitForNotifications(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const shown = await list();
        if (shown.length === count) return shown;
        if (Date.now() > until) throw new Error(`expected ${count} notifications, have ${JSON.stringify(shown)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async click(tag, action) {
      await worker.evaluate(
        async ({ tag, action }) => {
          const scope = globalThis as unknown as {
            registration: ServiceWorkerRegistration;
            NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
            dispatchEvent(event: Event): boolean;
          };
          const [notification] = await scope.registration.getNotifications({ tag });
          if (!notification) throw new Error(`no notification tagged ${tag}`);
          scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification, action }));
        },
        { tag, action },
      );
    },
    async recordOpenedWindows() {
      await worker.evaluate(() => {
        const scope = globalThis as unknown as { clients: { openWindow(url: string): Promise<null> }; ringkitOpened?: string[] };
        scope.ringkitOpened = [];
        scope.clients.openWindow = async (url: string) => {
          scope.ringkitOpened?.push(url);
          return null;
        };
      });
    },
    openedWindows() {
      return worker.evaluate(() => (globalThis as unknown as { ringkitOpened?: string[] }).ringkitOpened ?? []);
    },
  };
  return pushWorker;
}
