import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSubscriptionStore } from '../../src/server/push/redis-subscription-store.js';
import { subscriptionId } from '../../src/server/push/subscription-id.js';
import { createMemorySubscriptionStore, type PushSubscriptionStore, type StoredSubscription } from '../../src/server/push/subscription-store.js';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let redisStore: RedisStore;

beforeAll(async () => {
  redis = await startRedis();
  redisStore = await createRedisStore({ url: redis.url, prefix: 'push-test:' });
});
afterAll(async () => {
  await redisStore?.close();
  await redis?.close();
});

function record(user: string, endpoint: string, expiresAt: number, device = 'd1'): StoredSubscription {
  const subscription = { endpoint, expirationTime: null, keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } };
  return { id: subscriptionId(endpoint), user, device, subscription, expiresAt };
}

const stores: [string, () => PushSubscriptionStore][] = [
  ['memory', () => createMemorySubscriptionStore()],
  ['redis', () => createRedisSubscriptionStore(redisStore.client, redisStore.keys.prefix)],
];

describe.each(stores)('push subscriptions in %s', (_name, make) => {
  it('keeps one record per browser and user, replaces it when stored again, and forgets removed and expired ones', async () => {
    const store = make();
    const now = Date.now();
    await store.put(record('bob', 'https://push.example/1', now + 60_000));
    await store.put(record('bob', 'https://push.example/1', now + 120_000, 'd2'));
    await store.put(record('bob', 'https://push.example/2', now + 1_000));
    await store.put(record('carol', 'https://push.example/3', now + 60_000));
    expect((await store.list('bob', now)).map((stored) => [stored.device, stored.expiresAt]).sort()).toEqual([
      ['d1', now + 1_000],
      ['d2', now + 120_000],
    ]);
    expect(await store.list('bob', now + 1_000)).toHaveLength(1);
    await store.remove('bob', subscriptionId('https://push.example/1'));
    expect(await store.list('bob', now)).toEqual([]);
    expect(await store.list('carol', now)).toHaveLength(1);
    expect(await store.list('nobody', now)).toEqual([]);
  });
});

describe('push subscriptions in Redis', () => {
  it('expire with the latest-expiring subscription of the user, and refuse records that are not theirs', async () => {
    const store = createRedisSubscriptionStore(redisStore.client, redisStore.keys.prefix);
    const now = Date.now();
    await store.put(record('dave', 'https://push.example/4', now + 50_000));
    await store.put(record('dave', 'https://push.example/5', now + 90_000));
    await store.put(record('dave', 'https://push.example/6', now + 30_000));
    const expiry = await redisStore.client.pexpiretime('push-test:push:dave');
    expect(expiry).toBe(now + 90_000);
    await redisStore.client.hset('push-test:push:dave', 'bad', '{"nope":1}');
    await expect(store.list('dave', now)).rejects.toThrow(/push-test:push:dave: unexpected shape/);
  });
});
