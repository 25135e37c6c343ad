/**
 * Real `ringkit-server --redis` processes (from source, through tsx) sharing
 * one Redis, for the multi-process tests. Every wait is bounded.
 */
import { spawnServer, type ServerProcess } from './server-process.js';

export type { ServerProcess } from './server-process.js';

/** How the processes of one test cluster run. */
export interface ClusterOptions {
  redisUrl: string;
  /** Key prefix: one cluster per prefix. */
  prefix: string;
  ringTimeoutMs?: number;
  graceMs?: number;
  nodeTtlMs?: number;
  /** More flags for every process. */
  args?: readonly string[];
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
export function startServerProcess(options: ClusterOptions): Promise<ServerProcess> {
  const args = ['--redis', options.redisUrl, '--redis-prefix', options.prefix, ...(options.args ?? [])];
  if (options.ringTimeoutMs !== undefined) args.push('--ring-timeout-ms', String(options.ringTimeoutMs));
  if (options.graceMs !== undefined) args.push('--grace-ms', String(options.graceMs));
  if (options.nodeTtlMs !== undefined) args.push('--node-ttl-ms', String(options.nodeTtlMs));
  return spawnServer(args);
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
