/**
 * The `precheck` request: a short-lived LiveKit grant to a private,
 * single-use test room (`precheck-<random>`), so a device can check that it
 * reaches the media server before a call. Limited per connection on top of
 * the connection's own rate limit, since each grant may open a room.
 *
 * @packageDocumentation
 */
import type { ClientMessageOf, LiveKitGrant } from '../../protocol/protocol.js';
import type { Clock } from '../clock.js';
import { randomId } from '../ids.js';
import type { ServerLog } from '../logging/server-log.js';
import { createTokenBucket } from '../rate-limit.js';
import { fail, type Actor } from '../rules/context.js';

/** What the `precheckGrant` hook is asked for: credentials for one device in a fresh test room. */
export interface PrecheckGrantRequest {
  user: string;
  device: string;
  /** The test room's name (`precheck-` and 20 random characters): nobody else is given it. */
  room: string;
}

/** Mints the credentials of a pre-call check (see `createPrecheckGrants`). */
export type PrecheckGrant = (request: PrecheckGrantRequest) => Promise<LiveKitGrant | undefined>;

/** Pre-call checks one connection may ask for: 3 at once, then one every 20 s. */
export const PRECHECK_RATE_LIMIT = { burst: 3, ratePerSecond: 1 / 20 } as const;

/** Prefix of every test room's name. */
export const PRECHECK_ROOM_PREFIX = 'precheck-';

/**
 * Make the `precheck` handler of a call service. `key` is the connection's
 * own object (its per-connection limit is kept with it and dies with it).
 *
 * @internal
 * @example
 * ```ts
 * const precheck = createPrecheckHandler({ grant: options.precheckGrant, clock, log });
 * await precheck(session, actor, message);
 * ```
 */
export function createPrecheckHandler(options: {
  grant: PrecheckGrant | undefined;
  clock: Clock;
  log: ServerLog;
}): (key: object, actor: Actor, message: ClientMessageOf<'precheck'>) => Promise<void> {
  const buckets = new WeakMap<object, { take(): boolean }>();
  const now = () => options.clock.now();
  return async (key, actor, message) => {
    const { grant, log } = options;
    if (!grant) return fail(actor, message.id, 'unavailable', 'this server has no media server for pre-call checks');
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = createTokenBucket(PRECHECK_RATE_LIMIT, now)));
    if (!bucket.take()) return fail(actor, message.id, 'rate-limited', 'too many pre-call checks; try again in a minute');
    const room = `${PRECHECK_ROOM_PREFIX}${randomId(20)}`;
    const fields = { event: 'precheck', user: actor.user, device: actor.device };
    let livekit: LiveKitGrant | undefined;
    try {
      livekit = await grant({ user: actor.user, device: actor.device, room });
    } catch (error) {
      log(`pre-call check grant for ${actor.user}#${actor.device} failed: ${String(error)}`, { ...fields, level: 'error', event: 'precheck-failed' });
    }
    if (!livekit) return fail(actor, message.id, 'unavailable', 'the media server could not grant a pre-call check');
    log(`pre-call check grant for ${actor.user}#${actor.device}`, fields);
    actor.send({ type: 'precheck', replyTo: message.id, livekit });
  };
}
