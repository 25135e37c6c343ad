/**
 * The few service-worker types the worker uses. The project compiles against
 * the DOM library, which lacks them, and the WebWorker library cannot join it.
 *
 * @packageDocumentation
 */

/** An event whose work the worker waits for. */
export interface ExtendableEventLike extends Event {
  waitUntil(work: Promise<unknown>): void;
}

/** A `push` event. */
export interface PushEventLike extends ExtendableEventLike {
  readonly data: { text(): string } | null;
}

/** A `notificationclick` event. */
export interface NotificationEventLike extends ExtendableEventLike {
  readonly notification: Notification;
  readonly action: string;
}

/** A page of the app, as the worker sees it. */
export interface WindowClientLike {
  readonly url: string;
  readonly focused: boolean;
  focus(): Promise<WindowClientLike>;
  postMessage(message: unknown): void;
}

/** The worker's global scope, as far as ringkit uses it. */
export interface ServiceWorkerScopeLike {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<WindowClientLike | null>;
  };
  readonly navigator: { readonly language: string };
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
  fetch(input: string, init: RequestInit): Promise<Response>;
}
