/**
 * Server capacity: memory per idle authenticated connection at 5,000 connections (ringkit server vs a
 * bare `ws` server, each alone in its process), and full call cycles per second with 1,000 callers
 * driven from a second process, with ring latency under that load.
 *
 * @packageDocumentation
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync } from 'node:fs';
import { LIVEKIT_SERVER_PATH } from '../scripts/paths.js';
import { startLiveKitServer } from '../tests/helpers/livekit-server.js';
import type {
  BenchLiveKit,
  ClientRequest,
  IdleResult,
  LoadResult,
  ServerKind,
  ServerMemory,
  StartedServer,
} from './capacity/messages.js';
import { forkWorker, openFileLimit, type ChildWorker } from './lib/child.js';
import { pacedRows } from './lib/paced-rows.js';
import { ratio, round } from './lib/stats.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';

const IDLE_CONNECTIONS = 5_000;
/** Sockets per worker process plus headroom for files, pipes and the runtime. */
const NEEDED_FILES = IDLE_CONNECTIONS + 1_000;
const CONNECT_CONCURRENCY = 200;
const LOAD_PAIRS = 1_000;
const LOAD_WARMUP_MS = 3_000;
const LOAD_MEASURE_MS = 15_000;
/** Paced run: every caller starts one call every 4 s (250 calls/s offered with 1,000 callers), with LiveKit. */
const PACED_PERIOD_MS = 4_000;
const PACED_RATE = (LOAD_PAIRS * 1000) / PACED_PERIOD_MS;
/** Time for the server to finish per-connection work (timers, welcome) before memory is read. */
const SETTLE_MS = 1_500;

const SERVER_WORKER = new URL('./capacity/server-process.ts', import.meta.url);
const CLIENTS_WORKER = new URL('./capacity/clients-process.ts', import.meta.url);

interface IdleMemory {
  kind: ServerKind;
  connected: number;
  failed: number;
  connectMs: number;
  before: ServerMemory;
  after: ServerMemory;
  rssPerConnection: number;
  heapPerConnection: number;
}

async function withWorkers<T>(work: (server: ChildWorker, clients: ChildWorker) => Promise<T>): Promise<T> {
  const server = forkWorker(SERVER_WORKER);
  const clients = forkWorker(CLIENTS_WORKER);
  try {
    return await work(server, clients);
  } finally {
    await Promise.all([clients.stop(), server.stop()]);
  }
}

function idleMemory(kind: ServerKind, context: BenchmarkContext): Promise<IdleMemory> {
  return withWorkers(async (server, clients) => {
    const started = await server.request<StartedServer>({ cmd: 'start', kind }, 30_000);
    await sleep(SETTLE_MS);
    const before = await server.request<ServerMemory>({ cmd: 'memory' }, 30_000);
    const idle: ClientRequest = { cmd: 'idle', servers: [started], count: IDLE_CONNECTIONS, concurrency: CONNECT_CONCURRENCY };
    const opened = await clients.request<IdleResult>(idle, 120_000);
    context.log(`${kind}: ${opened.connected} idle connections in ${opened.ms} ms (${opened.failed} failed)`);
    await sleep(SETTLE_MS);
    const after = await server.request<ServerMemory>({ cmd: 'memory' }, 30_000);
    await clients.request({ cmd: 'close' }, 30_000);
    const held = Math.max(1, after.connections);
    return {
      kind,
      connected: opened.connected,
      failed: opened.failed,
      connectMs: opened.ms,
      before,
      after,
      rssPerConnection: (after.rss - before.rss) / held,
      heapPerConnection: (after.heapUsed - before.heapUsed) / held,
    };
  });
}

function callLoad(context: BenchmarkContext, livekit: BenchLiveKit | undefined, periodMs?: number): Promise<LoadResult> {
  return withWorkers(async (server, clients) => {
    const started = await server.request<StartedServer>({ cmd: 'start', kind: 'ringkit', livekit }, 30_000);
    const load: ClientRequest = {
      cmd: 'load',
      server: started,
      pairs: LOAD_PAIRS,
      warmupMs: LOAD_WARMUP_MS,
      measureMs: LOAD_MEASURE_MS,
      ...(periodMs !== undefined && { periodMs }),
    };
    const result = await clients.request<LoadResult>(load, 180_000);
    const setup = `${livekit ? 'with LiveKit' : 'without LiveKit'}${periodMs ? `, one call per pair every ${periodMs} ms` : ''}`;
    context.log(`${setup}: ${result.cyclesPerSecond} cycles/s, ${LOAD_PAIRS} caller/callee pairs (${result.failures} failed cycles)`);
    return result;
  });
}

const kib = (bytes: number) => round(bytes / 1024, 2);

function loadRows(label: string, load: LoadResult): ResultRow[] {
  return [
    { metric: `${label}: call cycles/s, ${LOAD_PAIRS} callers`, value: load.cyclesPerSecond, unit: '/s' },
    { metric: `${label}: invite -> incoming p50`, value: load.incoming.p50, unit: 'ms' },
    { metric: `${label}: invite -> incoming p99`, value: load.incoming.p99, unit: 'ms' },
    { metric: `${label}: invite -> ringing p99`, value: load.ringing.p99, unit: 'ms' },
    { metric: `${label}: full cycle p50`, value: load.cycle.p50, unit: 'ms' },
  ];
}

async function measure(context: BenchmarkContext): Promise<BenchmarkOutput> {
  const bare = await idleMemory('bare-ws', context);
  const ringkit = await idleMemory('ringkit', context);
  const livekitServer = await startLiveKitServer();
  const livekit = { url: livekitServer.url, apiKey: livekitServer.apiKey, apiSecret: livekitServer.apiSecret };
  let withLiveKit: LoadResult;
  let paced: LoadResult;
  try {
    withLiveKit = await callLoad(context, livekit);
    paced = await callLoad(context, livekit, PACED_PERIOD_MS);
  } finally {
    await livekitServer.stop();
  }
  const signalingOnly = await callLoad(context, undefined);
  const notes: string[] = [];
  if (ringkit.failed || bare.failed) notes.push(`idle connections that failed to open: ringkit ${ringkit.failed}, bare ${bare.failed}`);
  const runs = [
    ['with LiveKit', withLiveKit],
    ['without LiveKit', signalingOnly],
    ['paced', paced],
  ] as const;
  for (const [label, load] of runs) {
    if (load.failures) notes.push(`${label}: ${load.failures} call cycles failed under load, e.g. ${load.failureSamples.join(' | ')}`);
  }
  return {
    rows: [
      {
        metric: `RSS per idle connection @${IDLE_CONNECTIONS}`,
        value: kib(ringkit.rssPerConnection),
        unit: 'KiB',
        baseline: kib(bare.rssPerConnection),
        baselineLabel: 'bare ws server',
        ratio: ratio(ringkit.rssPerConnection, bare.rssPerConnection),
      },
      {
        metric: `JS heap per idle connection @${IDLE_CONNECTIONS}`,
        value: kib(ringkit.heapPerConnection),
        unit: 'KiB',
        baseline: kib(bare.heapPerConnection),
        baselineLabel: 'bare ws server',
        ratio: ratio(ringkit.heapPerConnection, bare.heapPerConnection),
      },
      ...loadRows('with LiveKit', withLiveKit),
      ...loadRows('without LiveKit', signalingOnly),
      {
        metric: `call cycles/s, ${LOAD_PAIRS} callers, LiveKit vs none`,
        value: withLiveKit.cyclesPerSecond,
        unit: '/s',
        baseline: signalingOnly.cyclesPerSecond,
        baselineLabel: 'same without LiveKit',
        ratio: ratio(withLiveKit.cyclesPerSecond, signalingOnly.cyclesPerSecond),
      },
      ...pacedRows(`paced ${PACED_RATE}/s, with LiveKit`, paced),
    ],
    details: { idle: { bare, ringkit }, load: { withLiveKit, withoutLiveKit: signalingOnly, paced } },
    notes,
  };
}

/** Memory per idle connection and call throughput of the signaling server. */
export const serverCapacityBenchmark: Benchmark = {
  id: 'capacity',
  title: `Server capacity (${IDLE_CONNECTIONS} idle connections, ${LOAD_PAIRS} callers)`,
  budgetMs: 240_000,
  unavailable() {
    if (!existsSync(LIVEKIT_SERVER_PATH)) return `no livekit-server at ${LIVEKIT_SERVER_PATH}: run bash scripts/setup-tools.sh`;
    const limit = openFileLimit();
    return limit < NEEDED_FILES ? `the hard open-file limit is ${limit}; ${NEEDED_FILES} needed (raise it: ulimit -Hn)` : null;
  },
  run: (context) => measure(context),
};
