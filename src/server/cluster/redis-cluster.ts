/**
 * Several `ringkit-server` processes as one, on Redis: a shared
 * {@link RedisStore}, deliveries to connections on any process (pub/sub),
 * deadlines polled by every process (a ring or grace timer fires once, even
 * when the process that set it died), and node liveness (a heartbeat key per
 * process; the devices of a process that stops beating enter their grace
 * period, and the survivors end their calls with `connection-lost` after it).
 *
 * @packageDocumentation
 */
import type { Redis } from 'ioredis';
import type { ServerMessage } from '../../protocol/protocol.js';
import type { CallService } from '../call-service.js';
import { randomId } from '../ids.js';
import type { DeliveryTarget } from '../rules/context.js';
import { watchConnection } from '../stores/redis-connection.js';
import { createRedisStore, type RedisStore, type RedisStoreOptions } from '../stores/redis.js';
import { decodeDeliveries, encodeDeliveries, type Delivery } from './deliveries.js';
import { dropNodeDevices, reconcileNode } from './devices.js';

/**
 * Options of {@link createRedisCluster}.
 *
 * @example
 * ```ts
 * const options: RedisClusterOptions = { url: 'redis://10.0.0.5:6379', nodeTtlMs: 5_000 };
 * ```
 */
export interface RedisClusterOptions extends RedisStoreOptions {
  /** This process's name (unique among the processes). Default: a random id. */
  node?: string;
  /** How often this process renews its heartbeat and looks for dead ones (ms). Default 1 000. */
  heartbeatMs?: number;
  /** A process whose heartbeat is older than this is dead (ms). Default 5 000. */
  nodeTtlMs?: number;
  /** How often this process runs deadlines any process left due (ms). Default 250. */
  deadlinePollMs?: number;
  /** How often this process checks its stored devices against its connections (ms). Default 30 000. */
  reconcileMs?: number;
}

/**
 * The Redis side of one server process.
 *
 * @example
 * ```ts
 * const cluster = await createRedisCluster({ url: process.env.REDIS_URL });
 * const server = await createRingServer({ port: 8787, auth, ...cluster.serverOptions });
 * cluster.attach(server.service);
 * ```
 */
export interface RedisCluster {
  /** This process's name, stored on its devices. */
  readonly node: string;
  readonly store: RedisStore;
  /** `store`, `relay`, `node` and `health`, to spread into `createRingServer` options. */
  readonly serverOptions: {
    store: RedisStore;
    node: string;
    relay: (target: DeliveryTarget, message: ServerMessage) => void;
    health: () => boolean;
  };
  /** Publish a delivery for the connections of the other processes. */
  relay(target: DeliveryTarget, message: ServerMessage): void;
  /** True while both Redis connections (commands, deliveries) are ready. */
  healthy(): boolean;
  /** Start serving `service`: deliveries in, heartbeats, dead processes, due deadlines. */
  attach(service: CallService): void;
  /** Stop, tell the others this process is gone (they drop its devices at once), close the connections it opened. */
  close(): Promise<void>;
}

const DEFAULTS = { heartbeatMs: 1_000, nodeTtlMs: 5_000, deadlinePollMs: 250, reconcileMs: 30_000 } as const;

/** Runs `task` unless the previous run is still going; logs its failure. */
function exclusive(name: string, log: (line: string) => void, task: () => Promise<void>): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
      });
  };
}

/**
 * Connect one server process to the shared Redis.
 *
 * @throws Error when Redis cannot be reached, or `nodeTtlMs` is not above `heartbeatMs`.
 * @example
 * ```ts
 * const cluster = await createRedisCluster({ url: 'redis://127.0.0.1:6379', log: console.log });
 * const server = await createRingServer({ port: 0, dev: true, ...cluster.serverOptions });
 * cluster.attach(server.service);
 * // on shutdown:
 * await server.close();
 * await cluster.close();
 * ```
 */
export async function createRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
  const log = options.log ?? (() => undefined);
  const node = options.node ?? `node-${randomId(10)}`;
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const nodeTtlMs = options.nodeTtlMs ?? DEFAULTS.nodeTtlMs;
  if (nodeTtlMs <= heartbeatMs) throw new RangeError(`nodeTtlMs (${nodeTtlMs}) must be longer than heartbeatMs (${heartbeatMs})`);

  const store = await createRedisStore(options);
  const { client, keys } = store;
  let subscriber: Redis;
  try {
    subscriber = client.duplicate({ lazyConnect: true });
    watchConnection(subscriber, 'ringkit deliveries', log);
    await subscriber.connect();
    await subscriber.subscribe(keys.deliveries);
  } catch (error) {
    await store.close();
    throw error;
  }

  const ownPrefix = `{"from":${JSON.stringify(node)},`;
  let service: CallService | undefined;
  let healthySince: number | undefined = Date.now();
  let needsReconcile = false;
  let publishFailing = false;
  const intervals: NodeJS.Timeout[] = [];

  client.on('ready', () => {
    healthySince = Date.now();
    needsReconcile = true;
  });
  client.on('close', () => {
    healthySince = undefined;
  });

  subscriber.on('message', (channel: string, text: string) => {
    if (channel !== keys.deliveries || text.startsWith(ownPrefix) || !service) return;
    const batch = decodeDeliveries(text);
    if (!batch) return log('ignored a malformed delivery from Redis');
    for (const { target, message } of batch.deliveries) service.deliverLocal(target, message);
  });

  let pending: Delivery[] = [];

  function relay(target: DeliveryTarget, message: ServerMessage): void {
    pending.push({ target, message });
    if (pending.length === 1) queueMicrotask(publishPending);
  }

  function publishPending(): void {
    const deliveries = pending;
    pending = [];
    client.publish(keys.deliveries, encodeDeliveries({ from: node, deliveries })).then(
      () => {
        publishFailing = false;
      },
      (error: unknown) => {
        if (!publishFailing) log(`delivery to other processes failed: ${error instanceof Error ? error.message : String(error)}`);
        publishFailing = true;
      },
    );
  }

  const healthy = () => store.healthy() && subscriber.status === 'ready';

  async function findDeadNodes(now: number): Promise<void> {
    if (healthySince === undefined || now - healthySince < nodeTtlMs) return;
    for (const other of await client.smembers(keys.nodes)) {
      if (other === node || (await client.exists(keys.node(other))) === 1) continue;
      if ((await client.smove(keys.nodes, keys.deadNodes, other)) === 1) log(`node ${other} stopped beating; dropping its connections`);
    }
  }

  async function takeOverDeadNodes(active: CallService, now: number): Promise<void> {
    for (const dead of await client.smembers(keys.deadNodes)) {
      if (dead === node) {
        await client.srem(keys.deadNodes, node);
        log(`this node (${node}) was taken for dead; taking its connections back`);
        needsReconcile = true;
        continue;
      }
      const dropped = await dropNodeDevices(store, dead, active.graceMs, now);
      if (dropped > 0) log(`node ${dead}: ${dropped} device(s) entered their grace period`);
      if ((await client.scard(keys.nodeDevices(dead))) === 0) await client.srem(keys.deadNodes, dead);
    }
  }

  async function reconcile(active: CallService): Promise<void> {
    needsReconcile = false;
    const { dropped, restored } = await reconcileNode(store, node, () => active.localConnections(), active.graceMs, Date.now());
    if (dropped + restored > 0) log(`node ${node}: ${dropped} lost device(s) dropped, ${restored} restored`);
  }

  const beat = exclusive('heartbeat', log, async () => {
    const active = service;
    if (!active || !store.healthy()) return;
    const now = Date.now();
    await client.set(keys.node(node), String(now), 'PX', nodeTtlMs);
    if ((await client.sadd(keys.nodes, node)) === 1 && healthySince !== undefined && now - healthySince > nodeTtlMs) {
      log(`this node (${node}) was missing from the node list; checking its devices`);
      needsReconcile = true;
    }
    await findDeadNodes(now);
    await takeOverDeadNodes(active, now);
    if (needsReconcile) await reconcile(active);
  });

  const pollDeadlines = exclusive('deadline poll', log, async () => {
    if (service && store.healthy()) await service.runDueDeadlines();
  });

  const periodicReconcile = exclusive('device check', log, async () => {
    if (service && store.healthy()) await reconcile(service);
  });

  const cluster: RedisCluster = {
    node,
    store,
    serverOptions: { store, node, relay, health: healthy },
    relay,
    healthy,
    attach(next) {
      if (service) throw new Error('this cluster already serves a call service');
      service = next;
      intervals.push(
        setInterval(beat, heartbeatMs),
        setInterval(pollDeadlines, options.deadlinePollMs ?? DEFAULTS.deadlinePollMs),
        setInterval(periodicReconcile, options.reconcileMs ?? DEFAULTS.reconcileMs),
      );
      for (const interval of intervals) interval.unref();
      beat();
    },
    async close() {
      for (const interval of intervals) clearInterval(interval);
      service = undefined;
      try {
        if (store.healthy()) {
          await client.del(keys.node(node));
          // Devices still shown on this node: the others drop them now rather than after the node TTL.
          if ((await client.scard(keys.nodeDevices(node))) > 0) await client.smove(keys.nodes, keys.deadNodes, node);
          else await client.srem(keys.nodes, node);
        }
      } catch (error) {
        log(`leaving the cluster failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      subscriber.disconnect();
      await store.close();
    },
  };
  return cluster;
}
