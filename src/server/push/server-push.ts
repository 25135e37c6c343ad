/**
 * Web Push for `createRingServer`: its options, and the notifier plus decline
 * route built from them.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import webpush from 'web-push';
import type { CallService } from '../call-service.js';
import type { Clock } from '../clock.js';
import type { RingStore } from '../stores/store.js';
import { createDeclineRoute } from './decline-route.js';
import { ticketKey } from './decline-ticket.js';
import { checkVapidKeys, type VapidKeys } from './push-request.js';
import { createRedisSubscriptionStore } from './redis-subscription-store.js';
import { createMemorySubscriptionStore, type PushSubscriptionStore } from './subscription-store.js';
import { createWebPushNotifier, type PushResult, type WebPushNotifier } from './web-push-notifier.js';

/**
 * The `push` option of `createRingServer`: ring callees who have no visible
 * page of the app through Web Push.
 *
 * @example
 * ```ts
 * const push: WebPushOptions = {
 *   vapidPublicKey: process.env.VAPID_PUBLIC_KEY!,
 *   vapidPrivateKey: process.env.VAPID_PRIVATE_KEY!,
 *   subject: 'mailto:ops@example.com',
 *   publicUrl: 'https://calls.example.com',
 * };
 * ```
 */
export interface WebPushOptions extends VapidKeys {
  /** The server's public http(s) URL, where service workers post declines. Default: the URL it listens on. */
  publicUrl?: string;
  /** Where subscriptions live. Default: next to the calls (Redis when the store is the Redis store, else memory). */
  subscriptions?: PushSubscriptionStore;
  /** Accept `http:` push endpoints (a local push service in development and tests). Default false. */
  allowHttpEndpoints?: boolean;
  /** Give up on a push request after this long (ms). Default 10 000. */
  timeoutMs?: number;
  /** Forget a subscription this long after its browser last stored it (ms). Default 30 days. */
  subscriptionTtlMs?: number;
  /** Each push sent and how it went (`delivered`, `gone`: the subscription was forgotten, `failed`). */
  onSent?: (kind: 'ring' | 'withdraw', result: PushResult) => void;
}

/**
 * A fresh VAPID key pair (for development; keep one pair per deployment, or every browser must subscribe again).
 *
 * @example
 * ```ts
 * const { publicKey, privateKey } = generateVapidKeys();
 * ```
 */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}

/** The Redis store's connection and prefix, when `store` is one. */
function redisOf(store: RingStore): PushSubscriptionStore | undefined {
  const candidate = store as Partial<{ client: Parameters<typeof createRedisSubscriptionStore>[0]; keys: { prefix: string } }>;
  return candidate.client && candidate.keys ? createRedisSubscriptionStore(candidate.client, candidate.keys.prefix) : undefined;
}

/** Web Push as the server runs it. */
export interface ServerPush {
  readonly notifier: WebPushNotifier;
  /** Bind the decline route to the call service (once it exists). */
  bind(service: Pick<CallService, 'rejectAs'>): void;
  /** Serve `POST /calls/:callId/decline`; false for any other request. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

/**
 * Build Web Push for a server.
 *
 * @throws Error when the VAPID keys or subject are invalid.
 * @example
 * ```ts
 * const push = createServerPush(options.push, { store, clock, log, baseUrl: () => httpUrl });
 * ```
 */
export function createServerPush(
  options: WebPushOptions,
  deps: { store: RingStore; clock: Clock; log: (line: string) => void; baseUrl: () => string },
): ServerPush {
  checkVapidKeys(options);
  const subscriptions = options.subscriptions ?? redisOf(deps.store) ?? createMemorySubscriptionStore();
  const base = () => (options.publicUrl ?? deps.baseUrl()).replace(/\/+$/, '');
  const notifier = createWebPushNotifier({
    vapid: options,
    subscriptions,
    clock: deps.clock,
    declineUrl: (callId) => `${base()}/calls/${encodeURIComponent(callId)}/decline`,
    log: deps.log,
    ...(options.allowHttpEndpoints ? { allowHttpEndpoints: true } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.subscriptionTtlMs === undefined ? {} : { subscriptionTtlMs: options.subscriptionTtlMs }),
    ...(options.onSent ? { onSent: options.onSent } : {}),
  });
  let route: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
  return {
    notifier,
    bind(service) {
      route = createDeclineRoute({ service, store: deps.store, subscriptions, clock: deps.clock, key: ticketKey(options.vapidPrivateKey), log: deps.log });
    },
    handle(request, response) {
      return route?.(request, response) ?? false;
    },
  };
}
