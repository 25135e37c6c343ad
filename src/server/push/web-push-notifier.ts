/**
 * The Web Push notifier: stores subscriptions, pushes a ring (with a decline
 * ticket per subscription) and its withdrawal, and forgets subscriptions the
 * push service no longer knows (404, 410). Sends run in the background: a
 * slow or dead push service never holds up the call rules.
 *
 * @packageDocumentation
 */
import type { CallPush, PushSubscriptionJSON, RingPush } from '../../protocol/push.js';
import type { CallRecord } from '../call-record.js';
import type { Clock } from '../clock.js';
import { signDeclineTicket, ticketKey } from './decline-ticket.js';
import type { PushNotifier } from './push-notifier.js';
import { pushTopic, sendPush, type PushOutcome, type VapidKeys } from './push-request.js';
import { subscriptionId } from './subscription-id.js';
import type { PushSubscriptionStore, StoredSubscription } from './subscription-store.js';

/** How long the push service keeps a withdrawal for a browser that is offline (s). */
const WITHDRAW_TTL_SECONDS = 60;
/** Largest payload pushed; beyond it `extra` is left out (aes128gcm carries at most 3 993 bytes). */
const MAX_PAYLOAD_BYTES = 3_600;

/** What happened to one push, for metrics. */
export type PushResult = 'delivered' | 'gone' | 'failed';

/**
 * Options of {@link createWebPushNotifier}.
 *
 * @example
 * ```ts
 * const options: WebPushNotifierOptions = { vapid, subscriptions, clock: systemClock, declineUrl: (id) => `https://calls.example.com/calls/${id}/decline` };
 * ```
 */
export interface WebPushNotifierOptions {
  vapid: VapidKeys;
  subscriptions: PushSubscriptionStore;
  clock: Clock;
  /** Where a service worker posts the decline ticket of a call. */
  declineUrl: (callId: string) => string;
  /** Accept `http:` endpoints (local push services). Default false. */
  allowHttpEndpoints?: boolean;
  /** Give up on a push request after this long (ms). Default 10 000. */
  timeoutMs?: number;
  /** A subscription is forgotten this long after it was last stored (ms). Default 30 days. */
  subscriptionTtlMs?: number;
  /** One line per failed or pruned push (ids only, never endpoints, tickets or payloads). */
  log?: (line: string) => void;
  /** Each push sent and how it went. */
  onSent?: (kind: CallPush['type'], result: PushResult) => void;
}

/** A notifier that can also wait for its pushes in flight. */
export interface WebPushNotifier extends PushNotifier {
  /** Resolves once every push started so far has been answered or has timed out. */
  settled(): Promise<void>;
}

const DEFAULT_SUBSCRIPTION_TTL_MS = 30 * 24 * 3_600_000;

/**
 * Make the Web Push notifier.
 *
 * @example
 * ```ts
 * const pusher = createWebPushNotifier({ vapid, subscriptions: createMemorySubscriptionStore(), clock: systemClock, declineUrl });
 * const service = createCallService({ pusher });
 * ```
 */
export function createWebPushNotifier(options: WebPushNotifierOptions): WebPushNotifier {
  const { vapid, subscriptions, clock } = options;
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const key = ticketKey(vapid.vapidPrivateKey);
  /** Pushes in flight per ring (call and user), so a withdrawal goes out after its ring. */
  const inFlight = new Map<string, Promise<void>>();

  function track(ring: string, work: () => Promise<void>): void {
    const previous = inFlight.get(ring) ?? Promise.resolve();
    const next = previous.then(work).catch((error: unknown) => log(`push failed: ${String(error)}`));
    inFlight.set(ring, next);
    void next.then(() => {
      if (inFlight.get(ring) === next) inFlight.delete(ring);
    });
  }

  async function deliver(record: StoredSubscription, push: CallPush, ttlSeconds: number): Promise<void> {
    let payload = JSON.stringify(push);
    if (push.type === 'ring' && Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      const { extra: _extra, ...smaller } = push;
      payload = JSON.stringify(smaller);
    }
    const outcome: PushOutcome = await sendPush(vapid, record.subscription, payload, { ttlSeconds, topic: pushTopic(push.callId), timeoutMs });
    const where = `${push.type} push for call ${push.callId} to ${record.user}/${record.id}`;
    if ('error' in outcome) {
      log(`${where} failed: ${outcome.error}`);
      return options.onSent?.(push.type, 'failed');
    }
    if (outcome.status === 404 || outcome.status === 410) {
      log(`${where}: the push service answered ${outcome.status}; subscription forgotten`);
      await subscriptions.remove(record.user, record.id);
      return options.onSent?.(push.type, 'gone');
    }
    if (outcome.status < 200 || outcome.status > 299) {
      log(`${where}: the push service answered ${outcome.status}`);
      return options.onSent?.(push.type, 'failed');
    }
    options.onSent?.(push.type, 'delivered');
  }

  async function ringOne(call: CallRecord, record: StoredSubscription, ringUntil: number): Promise<void> {
    const ticket = await signDeclineTicket(key, { user: record.user, callId: call.callId, subscription: record.id, ringUntil });
    const push: RingPush = {
      type: 'ring',
      callId: call.callId,
      from: call.from,
      media: call.media,
      ...(call.extra === undefined ? {} : { extra: call.extra }),
      ...(call.push === undefined ? {} : { push: call.push }),
      expiresAt: ringUntil,
      ticket,
      declineUrl: options.declineUrl(call.callId),
    };
    await deliver(record, push, Math.max(0, Math.ceil((ringUntil - clock.now()) / 1000)));
  }

  function refusal(subscription: PushSubscriptionJSON, now: number): string | undefined {
    if (!options.allowHttpEndpoints && !subscription.endpoint.startsWith('https:')) return 'push endpoints must be https URLs';
    if (subscription.expirationTime != null && subscription.expirationTime <= now) return 'the subscription has expired';
    return undefined;
  }

  return {
    vapidPublicKey: vapid.vapidPublicKey,
    async subscribe(user, device, subscription) {
      const now = clock.now();
      const refused = refusal(subscription, now);
      if (refused) return refused;
      const expiresAt = Math.min(now + (options.subscriptionTtlMs ?? DEFAULT_SUBSCRIPTION_TTL_MS), subscription.expirationTime ?? Infinity);
      await subscriptions.put({ id: subscriptionId(subscription.endpoint), user, device, subscription, expiresAt });
      return undefined;
    },
    async unsubscribe(user, device, endpoint) {
      if (endpoint !== undefined) return subscriptions.remove(user, subscriptionId(endpoint));
      const mine = (await subscriptions.list(user, clock.now())).filter((record) => record.device === device);
      await Promise.all(mine.map((record) => subscriptions.remove(user, record.id)));
    },
    async ring(call, user, ringUntil) {
      const records = await subscriptions.list(user, clock.now());
      if (records.length === 0) return false;
      track(`${call.callId}\n${user}`, async () => {
        await Promise.all(records.map((record) => ringOne(call, record, ringUntil)));
      });
      return true;
    },
    withdraw(call, user) {
      track(`${call.callId}\n${user}`, async () => {
        const records = await subscriptions.list(user, clock.now());
        await Promise.all(records.map((record) => deliver(record, { type: 'withdraw', callId: call.callId }, WITHDRAW_TTL_SECONDS)));
      });
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
  };
}
