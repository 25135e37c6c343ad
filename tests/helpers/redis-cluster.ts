/**
 * Real `ringkit-server --redis` processes (from source, through tsx) sharing
 * one Redis, for the multi-process tests. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { bounded } from './server-ws.js';

/** One running server process. */
export interface ServerProcess {
  /** `ws://127.0.0.1:<port>`. */
  readonly url: string;
  /** Its node name in Redis. */
  readonly node: string;
  /** Everything it logged so far. */
  output(): string;
  /** HTTP status of its `/healthz` (0 when it does not answer). */
  health(): Promise<number>;
  /** SIGKILL: the process dies without a word. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop. */
  stop(): Promise<void>;
}

/** How the processes of one test cluster run. */
export interface ClusterOptions {
  redisUrl: string;
  /** Key prefix: one cluster per prefix. */
  prefix: string;
  ringTimeoutMs?: number;
  graceMs?: number;
  nodeTtlMs?: number;
}

const START_MS = 20_000;
const MAX_OUTPUT = 200_000;

function waitForExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return bounded(new Promise<void>((resolve) => child.once('exit', () => resolve())), ms);
}

/**
 * Start one `ringkit-server --dev --redis` process on a free port.
 *
 * @example
 * ```ts
 * const server = await startServerProcess({ redisUrl: redis.url, prefix: 'test:' });
 * const alice = await connectWs(server, { user: 'alice' });
 * ```
 */
export async function startServerProcess(options: ClusterOptions): Promise<ServerProcess> {
  const args = ['--import', 'tsx', 'src/cli.ts', '--dev', '--port', '0', '--redis', options.redisUrl, '--redis-prefix', options.prefix];
  if (options.ringTimeoutMs !== undefined) args.push('--ring-timeout-ms', String(options.ringTimeoutMs));
  if (options.graceMs !== undefined) args.push('--grace-ms', String(options.graceMs));
  if (options.nodeTtlMs !== undefined) args.push('--node-ttl-ms', String(options.nodeTtlMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stderr.on('data', append);
  const started = new Promise<{ url: string; node: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      append(chunk);
      const node = /node (\S+) sharing calls/.exec(output)?.[1];
      const url = /listening on (ws:\/\/[^\s;]+)/.exec(output)?.[1];
      if (node && url) resolve({ url, node });
    });
    child.once('exit', (code) => reject(new Error(`ringkit-server exited with ${code}: ${output}`)));
  });
  let address: { url: string; node: string };
  try {
    address = await bounded(started, START_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    ...address,
    output: () => output,
    async health() {
      try {
        const response = await fetch(`${address.url.replace('ws://', 'http://')}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return response.status;
      } catch {
        return 0;
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    },
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child, 5_000).catch(() => {
        child.kill('SIGKILL');
        return waitForExit(child, 2_000);
      });
    },
  };
}

/**
 * Start `count` processes of one cluster at once.
 *
 * @example
 * ```ts
 * const servers = await startCluster(3, { redisUrl: redis.url, prefix: 'three:' });
 * ```
 */
export async function startCluster(count: number, options: ClusterOptions): Promise<ServerProcess[]> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => startServerProcess(options)));
  const servers = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(servers.map((server) => server.kill()));
    throw failure.reason;
  }
  return servers;
}

/**
 * Poll `check` every 50 ms until it holds, at most `ms`.
 *
 * @example
 * ```ts
 * await waitUntil(async () => (await server.health()) === 503, 5_000, 'healthz 503');
 * ```
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}
