/**
 * Where Web Push subscriptions live: per user, one record per browser
 * (endpoint), with the device that stored it and when it expires.
 *
 * @packageDocumentation
 */
import type { PushSubscriptionJSON } from '../../protocol/push.js';

/**
 * One stored subscription.
 *
 * @example
 * ```ts
 * const record: StoredSubscription = { id: subscriptionId(sub.endpoint), user: 'bob', device: 'k3f9x2', subscription: sub, expiresAt };
 * ```
 */
export interface StoredSubscription {
  /** {@link subscriptionId} of the endpoint. */
  id: string;
  user: string;
  /** The device (session) that stored it last. */
  device: string;
  subscription: PushSubscriptionJSON;
  /** When it is forgotten unless stored again (epoch ms). */
  expiresAt: number;
}

/**
 * Storage of Web Push subscriptions. Expired records are never returned.
 *
 * @example
 * ```ts
 * const subscriptions: PushSubscriptionStore = createMemorySubscriptionStore();
 * await subscriptions.put(record);
 * ```
 */
export interface PushSubscriptionStore {
  /** Store or replace a subscription (same user and id). */
  put(record: StoredSubscription): Promise<void>;
  /** A user's subscriptions that have not expired at `now`. */
  list(user: string, now: number): Promise<StoredSubscription[]>;
  /** Forget one subscription. */
  remove(user: string, id: string): Promise<void>;
}

/**
 * Subscriptions in a map (one process).
 *
 * @example
 * ```ts
 * const server = await createRingServer({ dev: true, push: { ...vapid, subscriptions: createMemorySubscriptionStore() } });
 * ```
 */
export function createMemorySubscriptionStore(): PushSubscriptionStore {
  const byUser = new Map<string, Map<string, StoredSubscription>>();
  return {
    async put(record) {
      const mine = byUser.get(record.user) ?? new Map<string, StoredSubscription>();
      mine.set(record.id, structuredClone(record));
      byUser.set(record.user, mine);
    },
    async list(user, now) {
      const mine = byUser.get(user);
      if (!mine) return [];
      for (const [id, record] of mine) if (record.expiresAt <= now) mine.delete(id);
      if (mine.size === 0) byUser.delete(user);
      return [...mine.values()].map((record) => structuredClone(record));
    },
    async remove(user, id) {
      const mine = byUser.get(user);
      mine?.delete(id);
      if (mine?.size === 0) byUser.delete(user);
    },
  };
}
