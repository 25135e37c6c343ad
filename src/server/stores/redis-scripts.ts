/**
 * The Lua scripts behind the Redis store's atomic steps, and a runner that
 * calls them by SHA and reloads them when Redis forgot them (after a restart).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script with its SHA-1, as `EVALSHA` wants it. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

const VERSION_OF = `local function version_of(value) return string.match(value, '^(%d+)|') end`;

/**
 * Compare-and-set of a versioned record (`<version>|<json>`).
 * KEYS: record. ARGV: expected version, next value, TTL ms.
 * Returns 1 written, the stored value when its version moved on (so the
 * caller can decide again without another read), -1 no record.
 */
export const CAS_RECORD = lua(`${VERSION_OF}
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if version_of(current) ~= ARGV[1] then return current end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`);

/**
 * Compare-and-set of a versioned device record with its indexes: the user's
 * sessions and the per-node sessions. An empty next value deletes the device.
 * KEYS: device, user's sessions, old node's sessions, new node's sessions.
 * ARGV: expected version, next value (or ''), session.
 * Returns 1 written, 0 version moved on, -1 no record.
 */
export const CAS_DEVICE = lua(`${VERSION_OF}
local current = redis.call('GET', KEYS[1])
if not current then return -1 end
if version_of(current) ~= ARGV[1] then return 0 end
redis.call('SREM', KEYS[3], ARGV[3])
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('SADD', KEYS[4], ARGV[3])
end
return 1`);

/**
 * Claim a user for a call. KEYS: claim. ARGV: call id, stale call id it may replace (or ''), TTL ms.
 * Returns nil when claimed, else the call id the user holds.
 */
export const CLAIM_USER = lua(`local held = redis.call('GET', KEYS[1])
if (not held) or held == ARGV[1] or (ARGV[2] ~= '' and held == ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return false
end
return held`);

/** Delete a key only while it holds ARGV[1]. KEYS: key. */
export const DELETE_IF_EQUAL = lua(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/**
 * Replace one item of a list while it still holds what was read (other
 * processes may push entries in front of it meanwhile).
 * KEYS: list. ARGV: index, expected value, next value.
 * Returns 1 written, 0 the item moved or changed.
 */
export const REPLACE_LIST_ITEM = lua(`if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1`);

/**
 * Take a due deadline: remove it and answer 1 to exactly one caller.
 * KEYS: deadline sorted set. ARGV: member, now.
 * Returns {1} taken, {0, at} not due yet, {0} no such deadline.
 */
export const TAKE_DEADLINE = lua(`local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not at then return {0} end
if tonumber(at) > tonumber(ARGV[2]) then return {0, at} end
redis.call('ZREM', KEYS[1], ARGV[1])
return {1}`);

/**
 * Run a script by SHA, loading it when Redis does not know it (first use, or after a restart).
 *
 * @example
 * ```ts
 * const held = await runScript(client, CLAIM_USER, ['ringkit:claim:bob'], ['c1', '', '86400000']);
 * ```
 */
export async function runScript(client: Redis, script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}
