/**
 * Server capacity of two ringkit server processes sharing one Redis (each
 * in its own process, a real `redis-server`): memory per idle connection,
 * call cycles per second with every call crossing processes, and ring
 * latency under that load. The baseline is one process on the memory store,
 * measured in the same run with the same load.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { REDIS_SERVER_PATH, startRedis, type TestRedis } from '../tests/helpers/redis.js';
import { forkWorker, type ChildWorker } from './lib/child.js';
import { pacedRows } from './lib/paced-rows.js';
import { ratio, round } from './lib/stats.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';
import type { ClientRequest, IdleResult, LoadResult, ServerMemory, ServerRequest, StartedServer } from './capacity/messages.js';

const IDLE_PER_PROCESS = 2_500;
const CONNECT_CONCURRENCY = 200;
const LOAD_PAIRS = 500;
const LOAD_WARMUP_MS = 3_000;
const LOAD_MEASURE_MS = 10_000;
/** Paced run on Redis: every pair starts one call every 2 s (250 calls/s offered with 500 pairs), below saturation. */
const PACED_PERIOD_MS = 2_000;
const PACED_RATE = (LOAD_PAIRS * 1000) / PACED_PERIOD_MS;
const SETTLE_MS = 1_500;

const SERVER_WORKER = new URL('./capacity/server-process.ts', import.meta.url);
const CLIENTS_WORKER = new URL('./capacity/clients-process.ts', import.meta.url);

interface Setup {
  servers: ChildWorker[];
  started: StartedServer[];
  clients: ChildWorker;
}

/** Start `count` server workers (on Redis when given, else one memory-store process) and a client worker. */
async function withSetup<T>(redis: TestRedis | undefined, prefix: string, work: (setup: Setup) => Promise<T>): Promise<T> {
  const count = redis ? 2 : 1;
  const servers = Array.from({ length: count }, () => forkWorker(SERVER_WORKER));
  const clients = forkWorker(CLIENTS_WORKER);
  try {
    const start: ServerRequest = { cmd: 'start', kind: 'ringkit', ...(redis ? { redis: { url: redis.url, prefix } } : {}) };
    const started = await Promise.all(servers.map((server) => server.request<StartedServer>(start, 30_000)));
    return await work({ servers, started, clients });
  } finally {
    await Promise.all([clients.stop(), ...servers.map((server) => server.stop())]);
  }
}

interface IdleMemory {
  connected: number;
  failed: number;
  connectMs: number;
  rssPerConnection: number;
  heapPerConnection: number;
}

async function memory(servers: ChildWorker[]): Promise<ServerMemory[]> {
  return Promise.all(servers.map((server) => server.request<ServerMemory>({ cmd: 'memory' }, 30_000)));
}

function idleMemory(redis: TestRedis | undefined, context: BenchmarkContext): Promise<IdleMemory> {
  return withSetup(redis, 'bench-idle:', async ({ servers, started, clients }) => {
    await sleep(SETTLE_MS);
    const before = await memory(servers);
    const idle: ClientRequest = { cmd: 'idle', servers: started, count: IDLE_PER_PROCESS * servers.length, concurrency: CONNECT_CONCURRENCY };
    const opened = await clients.request<IdleResult>(idle, 120_000);
    context.log(`${redis ? 'two processes on Redis' : 'one process, memory store'}: ${opened.connected} idle connections in ${opened.ms} ms`);
    await sleep(SETTLE_MS);
    const after = await memory(servers);
    await clients.request({ cmd: 'close' }, 30_000);
    const held = Math.max(1, after.reduce((sum, entry) => sum + entry.connections, 0));
    const grown = (key: 'rss' | 'heapUsed') => after.reduce((sum, entry, index) => sum + entry[key] - (before[index]?.[key] ?? 0), 0);
    return {
      connected: opened.connected,
      failed: opened.failed,
      connectMs: opened.ms,
      rssPerConnection: grown('rss') / held,
      heapPerConnection: grown('heapUsed') / held,
    };
  });
}

function callLoad(redis: TestRedis | undefined, context: BenchmarkContext, periodMs?: number): Promise<LoadResult> {
  // A key prefix of its own: call ids repeat between runs, and ended calls stay readable for minutes.
  return withSetup(redis, periodMs === undefined ? 'bench-load:' : 'bench-paced:', async ({ started, clients }) => {
    const [server, calleeServer] = started;
    if (!server) throw new Error('no server started');
    const request: ClientRequest = {
      cmd: 'load',
      server,
      ...(calleeServer && { calleeServer }),
      pairs: LOAD_PAIRS,
      warmupMs: LOAD_WARMUP_MS,
      measureMs: LOAD_MEASURE_MS,
      ...(periodMs !== undefined && { periodMs }),
    };
    const result = await clients.request<LoadResult>(request, 120_000);
    const setup = `${redis ? 'two processes on Redis' : 'one process, memory store'}${periodMs ? `, paced ${PACED_RATE}/s` : ''}`;
    context.log(`${setup}: ${result.cyclesPerSecond} cycles/s (${result.failures} failed)`);
    return result;
  });
}

const kib = (bytes: number) => round(bytes / 1024, 2);

function compared(metric: string, value: number, baseline: number, unit: string): ResultRow {
  return { metric, value: round(value, 2), unit, baseline: round(baseline, 2), baselineLabel: 'one process, memory store', ratio: ratio(value, baseline) };
}

async function measure(context: BenchmarkContext): Promise<BenchmarkOutput> {
  const redis = await startRedis();
  try {
    const idleRedis = await idleMemory(redis, context);
    const idleMemoryStore = await idleMemory(undefined, context);
    const loadRedis = await callLoad(redis, context);
    const loadMemory = await callLoad(undefined, context);
    const pacedRedis = await callLoad(redis, context, PACED_PERIOD_MS);
    const notes = [
      'Two server processes share one redis-server on loopback; every call has its caller on one process and its callee on the other, so each call crosses Redis pub/sub.',
      'All processes (servers, Redis, load generator) share this machine, so absolute numbers are lower bounds for separate machines.',
    ];
    for (const [label, load] of [
      ['Redis', loadRedis],
      ['memory', loadMemory],
      ['Redis, paced', pacedRedis],
    ] as const) {
      if (load.failures) notes.push(`${label}: ${load.failures} call cycles failed, e.g. ${load.failureSamples.join(' | ')}`);
    }
    return {
      rows: [
        compared(`2 procs on Redis: RSS per idle connection @${IDLE_PER_PROCESS * 2}`, kib(idleRedis.rssPerConnection), kib(idleMemoryStore.rssPerConnection), 'KiB'),
        compared(`2 procs on Redis: JS heap per idle connection`, kib(idleRedis.heapPerConnection), kib(idleMemoryStore.heapPerConnection), 'KiB'),
        compared(`2 procs on Redis: call cycles/s, ${LOAD_PAIRS} callers`, loadRedis.cyclesPerSecond, loadMemory.cyclesPerSecond, '/s'),
        compared('2 procs on Redis: invite -> incoming p50', loadRedis.incoming.p50, loadMemory.incoming.p50, 'ms'),
        compared('2 procs on Redis: invite -> incoming p99 (ring latency)', loadRedis.incoming.p99, loadMemory.incoming.p99, 'ms'),
        compared('2 procs on Redis: invite -> ringing p99', loadRedis.ringing.p99, loadMemory.ringing.p99, 'ms'),
        compared('2 procs on Redis: full cycle p50', loadRedis.cycle.p50, loadMemory.cycle.p50, 'ms'),
        ...pacedRows(`2 procs on Redis, paced ${PACED_RATE}/s`, pacedRedis),
      ],
      details: { idle: { redis: idleRedis, memory: idleMemoryStore }, load: { redis: loadRedis, memory: loadMemory, pacedRedis } },
      notes,
    };
  } finally {
    await redis.close();
  }
}

/** Capacity of two server processes on one Redis, against one process on the memory store. */
export const redisCapacityBenchmark: Benchmark = {
  id: 'capacity-redis',
  title: `Server capacity, two processes on Redis (${IDLE_PER_PROCESS * 2} idle connections, ${LOAD_PAIRS} callers across processes)`,
  budgetMs: 300_000,
  unavailable: () => (existsSync(REDIS_SERVER_PATH) ? null : `no redis-server at ${REDIS_SERVER_PATH}: run bash scripts/setup-tools.sh`),
  run: (context) => measure(context),
};
