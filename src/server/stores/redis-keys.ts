/**
 * Every Redis key and channel ringkit uses, under one prefix.
 *
 * @packageDocumentation
 */

/** The default key prefix. */
export const DEFAULT_REDIS_PREFIX = 'ringkit:';

/** Key names of one deployment (one prefix). */
export interface RedisKeys {
  readonly prefix: string;
  /** A call record (`<version>|<json>`). */
  call(callId: string): string;
  /** The call a user is in. */
  claim(user: string): string;
  /** Set of the calls a user is a member of. */
  userCalls(user: string): string;
  /** A user's lock (call waiting: one change of their active call at a time). */
  userLock(user: string): string;
  /** A user's presence, when not `available`. */
  presence(user: string): string;
  /** A device record (`<version>|<json>`). */
  device(session: string): string;
  /** Set of a user's sessions. */
  userDevices(user: string): string;
  /** Set of the sessions whose connection a node holds (`~`: devices without a node). */
  nodeDevices(node: string | undefined): string;
  /** A user's history (a list, newest first). */
  history(user: string): string;
  /** Sorted set of deadlines (score: due time, epoch ms). */
  readonly deadlines: string;
  /** A node's heartbeat (expires unless renewed). */
  node(node: string): string;
  /** Set of the nodes that announced themselves. */
  readonly nodes: string;
  /** Set of nodes found dead whose devices still need to be dropped. */
  readonly deadNodes: string;
  /** Pub/sub channel of deliveries between nodes. */
  readonly deliveries: string;
}

/**
 * Key names under `prefix`.
 *
 * @example
 * ```ts
 * const keys = redisKeys('ringkit:');
 * keys.call('c1'); // 'ringkit:call:c1'
 * ```
 */
export function redisKeys(prefix: string = DEFAULT_REDIS_PREFIX): RedisKeys {
  return {
    prefix,
    call: (callId) => `${prefix}call:${callId}`,
    claim: (user) => `${prefix}claim:${user}`,
    userCalls: (user) => `${prefix}user-calls:${user}`,
    userLock: (user) => `${prefix}user-lock:${user}`,
    presence: (user) => `${prefix}presence:${user}`,
    device: (session) => `${prefix}device:${session}`,
    userDevices: (user) => `${prefix}user-devices:${user}`,
    nodeDevices: (node) => `${prefix}node-devices:${node ?? '~'}`,
    history: (user) => `${prefix}history:${user}`,
    deadlines: `${prefix}deadlines`,
    node: (node) => `${prefix}node:${node}`,
    nodes: `${prefix}nodes`,
    deadNodes: `${prefix}dead-nodes`,
    deliveries: `${prefix}deliveries`,
  };
}
