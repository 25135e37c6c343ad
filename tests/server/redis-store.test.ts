/**
 * The store contract against the memory store and the Redis store (a real
 * redis-server, two connections as two processes would have), plus what only
 * the Redis store does: TTLs, indexes, bad data, script reloads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import { createRedisStore, RedisStoreError, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { describeStoreContract, ringingCall } from './store-contract.js';

let redis: TestRedis;
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

async function redisStore(prefix: string, options: { endedCallTtlMs?: number } = {}): Promise<RedisStore> {
  return createRedisStore({ url: redis.url, prefix, ...options });
}

describeStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { stores: [store, store], close: async () => undefined };
});

describeStoreContract('redis (two connections)', async () => {
  prefixes += 1;
  const prefix = `contract${prefixes}:`;
  const [a, b] = [await redisStore(prefix), await redisStore(prefix)];
  return {
    stores: [a, b],
    async close() {
      await Promise.all([a.close(), b.close()]);
    },
  };
});

describe('Redis store specifics', () => {
  it('refuses to start without a URL or client, and reports an unreachable Redis', async () => {
    await expect(createRedisStore({})).rejects.toThrow(/needs `url` or `client`/);
    await expect(createRedisStore({ url: 'redis://127.0.0.1:1' })).rejects.toThrow(/cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/);
  });

  it('keeps live calls for a day, ended calls for minutes, claims with a TTL', async () => {
    const store = await redisStore('ttl:', { endedCallTtlMs: 60_000 });
    try {
      const call = ringingCall('alice', 'bob');
      await store.createCall(call);
      const liveTtl = await redis.admin.pttl(store.keys.call(call.callId));
      expect(liveTtl).toBeGreaterThan(23 * 3_600_000);
      await store.updateCall(call.callId, (current) => ({ next: { ...current, status: 'ended' as const, reason: 'cancelled' as const }, result: true }));
      const endedTtl = await redis.admin.pttl(store.keys.call(call.callId));
      expect(endedTtl).toBeGreaterThan(50_000);
      expect(endedTtl).toBeLessThanOrEqual(60_000);
      await store.claimUser('alice', call.callId);
      expect(await redis.admin.pttl(store.keys.claim('alice'))).toBeGreaterThan(0);
      await store.setPresence('alice', 'do-not-disturb');
      await store.setPresence('alice', 'available');
      expect(await redis.admin.exists(store.keys.presence('alice'))).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('indexes devices by user and by node, and drops empty indexes', async () => {
    const store = await redisStore('index:');
    try {
      const device = { session: 's1', device: 'd1', user: 'alice', connection: 'c1', connected: true, node: 'n1' };
      await store.putDevice(device);
      expect(await store.nodeSessions('n1')).toEqual(['s1']);
      await store.updateDevice('s1', (current) => ({ next: { ...current, node: 'n2', connection: 'c2' }, result: true }));
      expect(await store.nodeSessions('n1')).toEqual([]);
      expect(await store.nodeSessions('n2')).toEqual(['s1']);
      await store.updateDevice('s1', () => ({ next: null, result: true }));
      expect(await redis.keys('index:*')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('answers bad data in Redis with a typed error', async () => {
    const store = await redisStore('bad:');
    try {
      await redis.admin.set(store.keys.call('x'), '1|{"callId":42}');
      await redis.admin.set(store.keys.call('y'), 'not a record');
      await redis.admin.set(store.keys.presence('bob'), 'dancing');
      await expect(store.getCall('x')).rejects.toBeInstanceOf(RedisStoreError);
      await expect(store.getCall('y')).rejects.toThrow(/bad:call:y: not a versioned record/);
      await expect(store.getPresence('bob')).rejects.toBeInstanceOf(RedisStoreError);
    } finally {
      await store.close();
    }
  });

  it('reloads its scripts when Redis forgot them', async () => {
    const store = await redisStore('scripts:');
    try {
      await store.setDeadline('ring:c1', 10);
      await redis.admin.script('FLUSH');
      expect(await store.takeDeadline('ring:c1', 20)).toEqual({ taken: true });
    } finally {
      await store.close();
    }
  });
});
