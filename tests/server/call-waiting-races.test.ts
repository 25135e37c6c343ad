/**
 * Call waiting and hold races, randomized: 1,000 runs of each on one process
 * (the rules in-process, memory store) and 200 on two `ringkit-server`
 * processes sharing Redis (every user's two devices on different processes).
 * Every run must come to one consistent outcome on every connection; the
 * counts are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, type ServerProcess } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { createHarness } from '../helpers/server-harness.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';
import { runRace, WAITING_RACES, type RaceWorld } from '../helpers/waiting-races.js';

const ONE_PROCESS_RUNS = 1_000;
const TWO_PROCESS_RUNS = 200;

function report(where: string, name: string, outcomes: Map<string, number>, inconsistent: string[]): void {
  const total = [...outcomes.values()].reduce((sum, count) => sum + count, 0);
  const lines = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, count]) => `    ${count} x ${outcome}`);
  console.log(`${where}: ${name}: ${total} runs, ${inconsistent.length} inconsistent\n${lines.join('\n')}`);
}

describe(`call waiting races on one process (${ONE_PROCESS_RUNS} runs each)`, () => {
  const store = createMemoryStore();
  const harness = createHarness({ store });
  afterAll(() => harness.close());
  const world: RaceWorld = {
    connect: (user) => harness.connect(user),
    store,
    sides: 1,
    settle: () => harness.settle(),
  };

  it.each(Object.entries(WAITING_RACES))('%s', async (name, race) => {
    const { outcomes, inconsistent } = await runRace(world, race, ONE_PROCESS_RUNS, 25, `m${name.length}-`);
    report('one process', name, outcomes, inconsistent);
    expect(inconsistent.slice(0, 5)).toEqual([]);
    expect(outcomes.get('failed') ?? 0).toBe(0);
  }, 300_000);
});

describe(`call waiting races on two processes sharing Redis (${TWO_PROCESS_RUNS} runs each)`, () => {
  let redis: TestRedis;
  let store: RedisStore;
  let servers: ServerProcess[] = [];
  const sockets: WsTestClient[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    servers = await startCluster(2, { redisUrl: redis.url, prefix: 'waiting-races:', ringTimeoutMs: 60_000, graceMs: 5_000 });
    store = await createRedisStore({ url: redis.url, prefix: 'waiting-races:' });
  }, 90_000);
  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.close().catch(() => undefined)));
    await Promise.all(servers.map((server) => server.kill()));
    await store?.close();
    await redis?.close();
  });

  it.each(Object.entries(WAITING_RACES))('%s', async (name, race) => {
    const world: RaceWorld = {
      async connect(user, side) {
        const socket = await connectWs(servers[side] as ServerProcess, { user, hello: false });
        sockets.push(socket);
        // A loaded machine may take a while to sign 80 devices in at once: a generous bound.
        const welcome = await socket.request({ type: 'hello', id: rid(), version: PROTOCOL_VERSION }, 20_000);
        if (welcome.type !== 'welcome') throw new Error(`hello got ${JSON.stringify(welcome)}`);
        return socket;
      },
      store,
      sides: 2,
      settle: () => new Promise((resolve) => setTimeout(resolve, 50)),
    };
    const { outcomes, inconsistent } = await runRace(world, race, TWO_PROCESS_RUNS, 10, `r${name.length}-`);
    report('two processes on Redis', name, outcomes, inconsistent);
    // Sockets of finished runs go, so each process holds a bounded number.
    await Promise.all(sockets.splice(0).map((socket) => socket.close().catch(() => undefined)));
    expect(inconsistent.slice(0, 5)).toEqual([]);
    expect(outcomes.get('failed') ?? 0).toBe(0);
  }, 600_000);
});
