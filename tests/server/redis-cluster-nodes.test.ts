/**
 * The cluster layer in one process (two in-process nodes on one Redis, each
 * with its own connections): bad deliveries are ignored, a ghost device is
 * dropped, and a node wrongly taken for dead takes its devices back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeDeliveries, encodeDeliveries } from '../../src/server/cluster/deliveries.js';
import { createRedisCluster, type RedisCluster } from '../../src/server/cluster/redis-cluster.js';
import { createRingServer, type RingServer } from '../../src/server/ws-server.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { waitUntil } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';

const PREFIX = 'nodes:';

let redis: TestRedis;
const nodes: { cluster: RedisCluster; server: RingServer; lines: string[] }[] = [];
const clients: WsTestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  for (let index = 0; index < 2; index += 1) {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const cluster = await createRedisCluster({ url: redis.url, prefix: PREFIX, heartbeatMs: 100, nodeTtlMs: 500, reconcileMs: 200, log });
    const server = await createRingServer({ port: 0, dev: true, graceMs: 2_000, ringTimeoutMs: 30_000, log, ...cluster.serverOptions });
    cluster.attach(server.service);
    nodes.push({ cluster, server, lines });
  }
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  for (const { server, cluster } of nodes) {
    await server.close();
    await cluster.close();
  }
  await redis?.close();
});

async function connect(node: number, user: string): Promise<WsTestClient> {
  const server = nodes[node]?.server;
  if (!server) throw new Error(`no node ${node}`);
  const client = await connectWs(server, { user });
  clients.push(client);
  return client;
}

describe('deliveries between nodes', () => {
  it('decodes the batches it encodes, in order, and refuses anything malformed', () => {
    const delivery = { target: { user: 'bob', exceptDevice: 'd1' }, message: { type: 'ok', replyTo: 'r1' } } as const;
    const second = { target: { watchersOf: 'bob' }, message: { type: 'presence', user: 'bob', status: 'available' } } as const;
    const batch = { from: 'n1', deliveries: [delivery, second] };
    expect(decodeDeliveries(encodeDeliveries(batch))).toEqual(batch);
    const withOne = (item: object) => JSON.stringify({ from: 'n1', deliveries: [delivery, item] });
    for (const bad of [
      'not json',
      '{"from":"n1"}',
      JSON.stringify({ from: 'n1', deliveries: [] }),
      withOne({ ...delivery, target: { user: 42 } }),
      withOne({ ...delivery, target: { watchersOf: 'bob', user: 'bob' } }),
      withOne({ ...delivery, message: { type: 'nope' } }),
      withOne({ ...delivery, extra: true }),
      JSON.stringify({ ...batch, extra: true }),
    ]) {
      expect(decodeDeliveries(bad), bad).toBeUndefined();
    }
  });

  it('ignores garbage on the channel and keeps delivering across nodes', async () => {
    await redis.admin.publish(`${PREFIX}deliveries`, '{"from":"x","target":{"user":"bob"},"message":{"type":"ended"}}');
    await redis.admin.publish(`${PREFIX}deliveries`, 'garbage');
    const alice = await connect(0, 'alice');
    const bob = await connect(1, 'bob');
    await alice.request({ type: 'invite', id: rid(), callId: 'across', to: ['bob'], media: 'audio' });
    expect(await bob.next('incoming')).toMatchObject({ call: { callId: 'across', from: 'alice' } });
    expect(bob.received.some((message) => message.type === 'ended')).toBe(false);
    await bob.request({ type: 'reject', id: rid(), callId: 'across' });
    expect(await alice.next('ended')).toMatchObject({ callId: 'across', reason: 'declined' });
    expect(nodes[1]?.lines).toContain('ignored a malformed delivery from Redis');
  });
});

describe('keeping stored devices true to connections', () => {
  it('drops a device its node shows as connected but does not hold', async () => {
    const node = nodes[0]?.cluster;
    if (!node) throw new Error('no node');
    await node.store.putDevice({ session: 'ghost-session', device: 'ghost', user: 'casper', connection: 'gone', connected: true, node: node.node });
    await waitUntil(async () => (await node.store.getDevice('ghost-session'))?.connected === false, 3_000, 'ghost dropped');
    await waitUntil(async () => (await node.store.getDevice('ghost-session')) === undefined, 5_000, 'ghost removed after its grace period');
    expect(await node.store.listDevices('casper')).toEqual([]);
  });

  it('a node wrongly taken for dead takes its devices back and its call goes on', async () => {
    const [first, second] = nodes;
    if (!first || !second) throw new Error('no nodes');
    const carol = await connect(0, 'carol');
    const dave = await connect(1, 'dave');
    await carol.request({ type: 'invite', id: rid(), callId: 'wrongly-dead', to: ['dave'], media: 'audio' });
    await dave.next('incoming');
    expect(await dave.request({ type: 'accept', id: rid(), callId: 'wrongly-dead', media: 'audio' })).toMatchObject({ type: 'answered' });

    // What a survivor does to a node it finds dead: its devices enter their grace period.
    const store = second.cluster.store;
    const graceUntil = Date.now() + 2_000;
    await redis.admin.smove(`${PREFIX}nodes`, `${PREFIX}dead-nodes`, first.cluster.node);
    await store.updateDevice(carol.session, (device) => ({ next: { ...device, connected: false, graceUntil }, result: true }));
    await store.setDeadline(`grace:${carol.session}`, graceUntil);
    await waitUntil(() => first.lines.some((line) => line.includes('was taken for dead')), 3_000, 'node notices the verdict');
    await waitUntil(async () => (await first.cluster.store.getDevice(carol.session))?.connected === true, 3_000, 'device taken back');
    expect(await store.dueDeadlines(graceUntil + 1)).not.toContain(`grace:${carol.session}`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await first.cluster.store.getCall('wrongly-dead')).toMatchObject({ status: 'active' });
    expect(carol.endings('wrongly-dead')).toEqual([]);
    expect(await carol.request({ type: 'hangup', id: rid(), callId: 'wrongly-dead' })).toMatchObject({ type: 'ok' });
    expect(await dave.next('ended')).toMatchObject({ callId: 'wrongly-dead', reason: 'completed' });
  }, 15_000);
});
