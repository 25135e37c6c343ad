/**
 * Web Push subscriptions in Redis, shared by every process of a cluster: one
 * hash per user (`<prefix>push:<user>`, field = subscription id), expiring
 * with its newest subscription.
 *
 * @packageDocumentation
 */
import type { Redis } from 'ioredis';
import * as z from 'zod';
import { PushSubscriptionSchema } from '../../protocol/push.js';
import { parseJson } from '../stores/redis-records.js';
import type { PushSubscriptionStore, StoredSubscription } from './subscription-store.js';

const StoredSubscriptionSchema: z.ZodType<StoredSubscription> = z.object({
  id: z.string(),
  user: z.string(),
  device: z.string(),
  subscription: PushSubscriptionSchema,
  expiresAt: z.number(),
});

/**
 * Subscriptions in Redis under `prefix` (the ring store's prefix).
 *
 * @example
 * ```ts
 * const subscriptions = createRedisSubscriptionStore(store.client, store.keys.prefix);
 * ```
 */
export function createRedisSubscriptionStore(client: Redis, prefix: string): PushSubscriptionStore {
  const keyOf = (user: string) => `${prefix}push:${user}`;
  return {
    async put(record) {
      const key = keyOf(record.user);
      // GT: the hash lives as long as its latest-expiring subscription.
      await client.multi().hset(key, record.id, JSON.stringify(record)).pexpireat(key, record.expiresAt, 'GT').pexpireat(key, record.expiresAt, 'NX').exec();
    },
    async list(user, now) {
      const key = keyOf(user);
      const fields = await client.hgetall(key);
      const records = Object.values(fields).map((text) => parseJson(key, text, StoredSubscriptionSchema));
      const expired = records.filter((record) => record.expiresAt <= now).map((record) => record.id);
      if (expired.length > 0) await client.hdel(key, ...expired);
      return records.filter((record) => record.expiresAt > now);
    },
    async remove(user, id) {
      await client.hdel(keyOf(user), id);
    },
  };
}
