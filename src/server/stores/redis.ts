/**
 * The Redis {@link RingStore}: the same guarantees as the memory store,
 * shared by several server processes. Records are versioned and written by
 * compare-and-set in Lua; claims, deadlines and device indexes change in one
 * script each, so no decision is read-then-write across processes.
 *
 * @packageDocumentation
 */
import type { ChainableCommander, Redis } from 'ioredis';
import { PresenceStatusSchema, type PresenceStatus } from '../../protocol/protocol.js';
import type { CallRecord } from '../call-record.js';
import { createRecentRecords } from './recent-records.js';
import { connectRedis } from './redis-connection.js';
import { DEFAULT_REDIS_PREFIX, redisKeys, type RedisKeys } from './redis-keys.js';
import {
  CallRecordSchema,
  decodeVersioned,
  DeviceRecordSchema,
  encodeVersioned,
  parseHistoryEntry,
  RedisStoreError,
  type Versioned,
} from './redis-records.js';
import { CAS_DEVICE, CAS_RECORD, CLAIM_USER, DELETE_IF_EQUAL, REPLACE_LIST_ITEM, runScript, TAKE_DEADLINE } from './redis-scripts.js';
import { HISTORY_LIMIT, type Change, type DeviceRecord, type RingStore, type Updated } from './store.js';

export { RedisStoreError } from './redis-records.js';

/**
 * Options of {@link createRedisStore}: a `url` (the store opens and closes its
 * connection) or a `client` (yours; open it with `enableOfflineQueue: false`).
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { url: 'redis://127.0.0.1:6379', prefix: 'calls:' };
 * ```
 */
export interface RedisStoreOptions {
  /** `redis://[:password@]host:port[/db]`. */
  url?: string;
  /** An ioredis connection to use instead of `url`. */
  client?: Redis;
  /** Prefix of every key. Default `ringkit:`. */
  prefix?: string;
  /** Lifetime of a ringing or active call and of claims, renewed on every change (ms). Default 24 h. */
  liveCallTtlMs?: number;
  /** How long an ended call stays readable (ms). Default 10 min. */
  endedCallTtlMs?: number;
  /** Lifetime of a user's history after its last entry (ms). Default 30 days. */
  historyTtlMs?: number;
  /** Connection losses and recoveries. */
  log?: (line: string) => void;
}

/**
 * A {@link RingStore} in Redis, plus what the cluster layer needs.
 *
 * @example
 * ```ts
 * const store = await createRedisStore({ url: process.env.REDIS_URL });
 * const sessions = await store.nodeSessions('node-a');
 * ```
 */
export interface RedisStore extends RingStore {
  /** The connection the store uses. */
  readonly client: Redis;
  /** The key names. */
  readonly keys: RedisKeys;
  /** Sessions whose connection `node` holds (or held, until they are resumed elsewhere or dropped). */
  nodeSessions(node: string): Promise<string[]>;
  /** True while the connection to Redis is ready. */
  healthy(): boolean;
  /** Close the connection, if the store opened it. */
  close(): Promise<void>;
}

const DEFAULT_TTL = { liveCallMs: 24 * 3_600_000, endedCallMs: 10 * 60_000, historyMs: 30 * 24 * 3_600_000 } as const;
/** Compare-and-set attempts before giving up on a record that keeps changing. */
const MAX_ATTEMPTS = 200;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Back off a little (randomly) after a few lost compare-and-sets. */
async function backoff(attempt: number): Promise<void> {
  if (attempt >= 3) await pause(Math.random() * Math.min(attempt, 20));
}

/** Run a transaction and throw the first error any of its commands met. */
async function execAll(transaction: ChainableCommander): Promise<void> {
  const replies = await transaction.exec();
  if (replies === null) throw new Error('Redis transaction was aborted');
  const failed = replies.find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}

/**
 * Make a Redis store.
 *
 * @throws Error when neither `url` nor `client` is given, or Redis cannot be reached.
 * @example
 * ```ts
 * const store = await createRedisStore({ url: 'redis://127.0.0.1:6379' });
 * const server = await createRingServer({ port: 8787, store, auth: { jwtSecret } });
 * ```
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const log = options.log ?? (() => undefined);
  if (!options.client && !options.url) throw new Error('createRedisStore needs `url` or `client`');
  const client = options.client ?? (await connectRedis(options.url ?? '', 'ringkit store', log));
  const owned = !options.client;
  const keys = redisKeys(options.prefix ?? DEFAULT_REDIS_PREFIX);
  const liveCallTtl = options.liveCallTtlMs ?? DEFAULT_TTL.liveCallMs;
  const endedCallTtl = options.endedCallTtlMs ?? DEFAULT_TTL.endedCallMs;
  const historyTtl = options.historyTtlMs ?? DEFAULT_TTL.historyMs;

  const callTtl = (call: CallRecord) => (call.status === 'ended' ? endedCallTtl : liveCallTtl);

  const recentCalls = createRecentRecords<CallRecord>();

  /** A stored call, its record's `version` taken from the key's version prefix. */
  function decodeCall(key: string, text: string): Versioned<CallRecord> {
    const { version, value } = decodeVersioned(key, text, CallRecordSchema);
    return { version, value: { ...value, version } };
  }

  async function readCall(callId: string): Promise<Versioned<CallRecord> | undefined> {
    const key = keys.call(callId);
    const text = await client.get(key);
    if (text === null) {
      recentCalls.forget(callId);
      return undefined;
    }
    return recentCalls.remember(callId, decodeCall(key, text));
  }

  async function readDevice(session: string): Promise<Versioned<DeviceRecord> | undefined> {
    const key = keys.device(session);
    const text = await client.get(key);
    return text === null ? undefined : decodeVersioned(key, text, DeviceRecordSchema);
  }

  /**
   * Compare-and-set from the version this process saw last (one round trip
   * when nobody else wrote since); a lost race hands back the stored record
   * to decide again. A decision that writes nothing is checked against a fresh read.
   */
  async function updateCall<R>(callId: string, change: (call: CallRecord) => Change<CallRecord, R>): Promise<Updated<CallRecord, R> | undefined> {
    const key = keys.call(callId);
    let current = recentCalls.get(callId);
    let fresh = current === undefined;
    current ??= await readCall(callId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS && current; attempt += 1) {
      const decision = change(current.value);
      if (decision.next === undefined) {
        if (fresh) return { result: decision.result, value: current.value, changed: false };
        const stored: Versioned<CallRecord> | undefined = await readCall(callId);
        fresh = true;
        if (stored?.version === current.version) return { result: decision.result, value: stored.value, changed: false };
        current = stored;
        continue;
      }
      const next = { ...decision.next, version: current.version + 1 };
      const reply = await runScript(client, CAS_RECORD, [key], [current.version, encodeVersioned(current.version + 1, next), callTtl(next)]);
      if (reply === 1) {
        recentCalls.remember(callId, { version: current.version + 1, value: next });
        return { result: decision.result, value: next, changed: true };
      }
      if (typeof reply !== 'string') {
        recentCalls.forget(callId);
        return undefined;
      }
      current = recentCalls.remember(callId, decodeCall(key, reply));
      fresh = true;
      await backoff(attempt);
    }
    if (!current) return undefined;
    throw new RedisStoreError(key, `still contended after ${MAX_ATTEMPTS} attempts`);
  }

  async function updateDevice<R>(
    session: string,
    change: (device: DeviceRecord) => Change<DeviceRecord | null, R>,
  ): Promise<Updated<DeviceRecord | null, R> | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await readDevice(session);
      if (!current) return undefined;
      const decision = change({ ...current.value });
      if (decision.next === undefined) return { result: decision.result, value: current.value, changed: false };
      const next = decision.next && { ...decision.next, session, user: current.value.user };
      const written = await runScript(
        client,
        CAS_DEVICE,
        [keys.device(session), keys.userDevices(current.value.user), keys.nodeDevices(current.value.node), keys.nodeDevices(next?.node)],
        [current.version, next ? encodeVersioned(current.version + 1, next) : '', session],
      );
      if (written === -1) return undefined;
      if (written === 1) return { result: decision.result, value: next, changed: true };
      await backoff(attempt);
    }
    throw new RedisStoreError(keys.device(session), `still contended after ${MAX_ATTEMPTS} attempts`);
  }

  return {
    client,
    keys,
    healthy: () => client.status === 'ready',
    async close() {
      if (!owned) return;
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },

    async getCall(callId) {
      return (await readCall(callId))?.value;
    },
    async createCall(record) {
      const call = { ...record, version: 1 };
      const created = await client.set(keys.call(call.callId), encodeVersioned(1, call), 'PX', callTtl(call), 'NX');
      if (created === 'OK') recentCalls.remember(call.callId, { version: 1, value: call });
      return created === 'OK';
    },
    async deleteCall(callId) {
      recentCalls.forget(callId);
      await client.del(keys.call(callId));
    },
    updateCall,

    async claimUser(user, callId, replacing) {
      const held = await runScript(client, CLAIM_USER, [keys.claim(user)], [callId, replacing ?? '', liveCallTtl]);
      return typeof held === 'string' ? held : undefined;
    },
    async releaseUser(user, callId) {
      await runScript(client, DELETE_IF_EQUAL, [keys.claim(user)], [callId]);
    },
    async userCall(user) {
      return (await client.get(keys.claim(user))) ?? undefined;
    },

    async indexCall(callId, users) {
      if (users.length === 0) return;
      // A pipeline, not a transaction: each user's set stands alone.
      const pipeline = client.pipeline();
      for (const user of users) pipeline.sadd(keys.userCalls(user), callId).pexpire(keys.userCalls(user), liveCallTtl);
      await execAll(pipeline);
    },
    async unindexCall(callId, user) {
      await client.srem(keys.userCalls(user), callId);
    },
    async listUserCalls(user) {
      return client.smembers(keys.userCalls(user));
    },

    async lockUser(user, token, ttlMs) {
      return (await client.set(keys.userLock(user), token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async unlockUser(user, token) {
      await runScript(client, DELETE_IF_EQUAL, [keys.userLock(user)], [token]);
    },

    async getPresence(user) {
      const key = keys.presence(user);
      const text = await client.get(key);
      if (text === null) return 'available';
      const parsed = PresenceStatusSchema.safeParse(text);
      if (!parsed.success) throw new RedisStoreError(key, 'not a presence status');
      return parsed.data;
    },
    async setPresence(user, status: PresenceStatus) {
      if (status === 'available') await client.del(keys.presence(user));
      else await client.set(keys.presence(user), status);
    },

    async getDevice(session) {
      return (await readDevice(session))?.value;
    },
    async putDevice(device) {
      await execAll(
        client
          .multi()
          .set(keys.device(device.session), encodeVersioned(1, device))
          .sadd(keys.userDevices(device.user), device.session)
          .sadd(keys.nodeDevices(device.node), device.session),
      );
    },
    updateDevice,
    async listDevices(user) {
      const sessions = await client.smembers(keys.userDevices(user));
      if (sessions.length === 0) return [];
      const deviceKeys = sessions.map((session) => keys.device(session));
      const texts = await client.mget(...deviceKeys);
      return texts.flatMap((text, index) => (text === null ? [] : [decodeVersioned(deviceKeys[index] ?? '', text, DeviceRecordSchema).value]));
    },
    async nodeSessions(node) {
      return client.smembers(keys.nodeDevices(node));
    },

    async appendHistory(user, entry) {
      const key = keys.history(user);
      await execAll(client.multi().lpush(key, JSON.stringify(entry)).ltrim(key, 0, HISTORY_LIMIT - 1).pexpire(key, historyTtl));
    },
    async listHistory(user, limit) {
      const key = keys.history(user);
      const count = Math.max(0, Math.min(limit, HISTORY_LIMIT));
      if (count === 0) return [];
      const texts = await client.lrange(key, 0, count - 1);
      return texts.map((text) => parseHistoryEntry(key, text));
    },
    async rateHistory(user, callId, rating) {
      const key = keys.history(user);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const texts = await client.lrange(key, 0, HISTORY_LIMIT - 1);
        const index = texts.findIndex((text) => parseHistoryEntry(key, text).callId === callId);
        const text = texts[index];
        if (text === undefined) return undefined;
        const rated = { ...parseHistoryEntry(key, text), rating };
        if ((await runScript(client, REPLACE_LIST_ITEM, [key], [index, text, JSON.stringify(rated)])) === 1) return rated;
        await backoff(attempt);
      }
      throw new RedisStoreError(key, `still contended after ${MAX_ATTEMPTS} attempts`);
    },

    async setDeadline(key, at) {
      await client.zadd(keys.deadlines, at, key);
    },
    async clearDeadline(key) {
      await client.zrem(keys.deadlines, key);
    },
    async takeDeadline(key, now) {
      const reply = await runScript(client, TAKE_DEADLINE, [keys.deadlines], [key, now]);
      const [taken, at] = Array.isArray(reply) ? reply : [];
      if (taken === 1) return { taken: true };
      return at === undefined ? { taken: false } : { taken: false, at: Number(at) };
    },
    async dueDeadlines(now) {
      return client.zrangebyscore(keys.deadlines, '-inf', now);
    },
  };
}
