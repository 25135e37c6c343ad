/**
 * `npx tsx bench/profile-server.ts [livekit|memory|redis]`: a CPU profile (`node --cpu-prof`) of the
 * signaling server saturated by the capacity load (back-to-back call cycles), and where its busy time
 * went: the top functions (self time) and areas (packages, ringkit source files, runtime). `livekit`
 * (default): one process with LiveKit tokens and rooms, 1,000 callers; `memory`: one process without
 * LiveKit; `redis`: two processes on one Redis, 500 callers across them (the caller's process is profiled).
 *
 * @packageDocumentation
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveKitServer } from '../tests/helpers/livekit-server.js';
import { startRedis } from '../tests/helpers/redis.js';
import type { BenchLiveKit, BenchRedis, ClientRequest, LoadResult, StartedServer } from './capacity/messages.js';
import { forkWorker } from './lib/child.js';
import { summarizeCpuProfile, type ProfileCost } from './lib/cpu-profile.js';

const SERVER_WORKER = new URL('./capacity/server-process.ts', import.meta.url);
const CLIENTS_WORKER = new URL('./capacity/clients-process.ts', import.meta.url);
const WARMUP_MS = 3_000;
const MEASURE_MS = 10_000;

type Setup = 'livekit' | 'memory' | 'redis';

async function profileLoad(setup: Setup, dir: string, livekit?: BenchLiveKit, redis?: BenchRedis): Promise<{ pid: number; load: LoadResult }> {
  const profiled = forkWorker(SERVER_WORKER, ['--cpu-prof', '--cpu-prof-dir', dir]);
  const other = setup === 'redis' ? forkWorker(SERVER_WORKER) : undefined;
  const clients = forkWorker(CLIENTS_WORKER);
  try {
    const start = { cmd: 'start', kind: 'ringkit', ...(livekit && { livekit }), ...(redis && { redis }) };
    const server = await profiled.request<StartedServer>(start, 30_000);
    const calleeServer = other && (await other.request<StartedServer>(start, 30_000));
    const request: ClientRequest = {
      cmd: 'load',
      server,
      ...(calleeServer && { calleeServer }),
      pairs: setup === 'redis' ? 500 : 1_000,
      warmupMs: WARMUP_MS,
      measureMs: MEASURE_MS,
    };
    return { pid: profiled.pid, load: await clients.request<LoadResult>(request, 120_000) };
  } finally {
    await Promise.all([clients.stop(), profiled.stop(), other?.stop()]);
  }
}

function print(title: string, costs: ProfileCost[]): void {
  console.log(`\n${title}`);
  for (const cost of costs) console.log(`  ${String(cost.percent).padStart(5)}%  ${String(cost.ms).padStart(6)} ms  ${cost.name}`);
}

async function main(): Promise<void> {
  const setup = (process.argv[2] ?? 'livekit') as Setup;
  if (!['livekit', 'memory', 'redis'].includes(setup)) throw new Error(`unknown setup ${setup}: livekit, memory or redis`);
  const dir = mkdtempSync(join(tmpdir(), 'ringkit-prof-'));
  const livekitServer = setup === 'livekit' ? await startLiveKitServer() : undefined;
  const redisServer = setup === 'redis' ? await startRedis() : undefined;
  try {
    const livekit = livekitServer && { url: livekitServer.url, apiKey: livekitServer.apiKey, apiSecret: livekitServer.apiSecret };
    const redis = redisServer && { url: redisServer.url, prefix: 'bench-prof:' };
    const { pid, load } = await profileLoad(setup, dir, livekit, redis);
    const file = readdirSync(dir).find((name) => name.includes(`.${pid}.0.`));
    if (!file) throw new Error(`no profile of server process ${pid} in ${dir}`);
    const summary = summarizeCpuProfile(join(dir, file));
    console.log(`${setup}: ${load.cyclesPerSecond} cycles/s (${load.failures} failed); profile ${join(dir, file)}`);
    console.log(`busy ${summary.busyMs} ms of ${summary.wallMs} ms wall`);
    print('top areas (self time)', summary.areas);
    print('top functions (self time)', summary.functions);
  } finally {
    await livekitServer?.stop();
    await redisServer?.close();
  }
}

await main();
