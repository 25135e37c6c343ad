/**
 * A real `redis-server` (Debian's) for tests: started on a free loopback
 * port with no persistence of its own, stopped and started again on the same
 * port and directory to play a Redis restart. Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { bounded } from './server-ws.js';

/** Where Debian installs the server. */
export const REDIS_SERVER_PATH = '/usr/bin/redis-server';
const START_MS = 10_000;

/** A running (or stopped, between `stop` and `start`) Redis for one test file. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** An admin connection for assertions (reconnects after a restart). */
  readonly admin: Redis;
  /** Keys matching `pattern` (`SCAN`, bounded). */
  keys(pattern: string): Promise<string[]>;
  /** Write a snapshot, then shut the server down (a restart keeps the data, like a persistent Redis). */
  stop(): Promise<void>;
  /** Start it again on the same port and directory (loads the snapshot). */
  start(): Promise<void>;
  /** Stop for good and remove its directory. */
  close(): Promise<void>;
}

/**
 * A free TCP port on 127.0.0.1.
 *
 * @example
 * ```ts
 * const port = await freePort();
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER_PATH,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return bounded(
    new Promise<ChildProcess>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    }),
    START_MS,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await bounded(done, 5_000).catch(() => {
    child.kill('SIGKILL');
    return bounded(done, 2_000);
  });
}

/**
 * Start a Redis for a test file.
 *
 * @example
 * ```ts
 * const redis = await startRedis();
 * afterAll(() => redis.close());
 * ```
 */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ringkit-redis-'));
  let child: ChildProcess | undefined = await launch(port, dir);
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  admin.on('error', () => undefined);

  async function stop(): Promise<void> {
    const running = child;
    if (!running) return;
    child = undefined;
    // SHUTDOWN SAVE: the snapshot holds every write Redis acknowledged.
    await admin.call('SHUTDOWN', 'SAVE').catch(() => undefined);
    await exited(running);
  }

  return {
    port,
    url,
    admin,
    async keys(pattern) {
      const found: string[] = [];
      let cursor = '0';
      for (let round = 0; round < 10_000; round += 1) {
        const [next, batch] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
        found.push(...batch);
        cursor = next;
        if (cursor === '0') return found.sort();
      }
      throw new Error('SCAN did not finish');
    },
    stop,
    async start() {
      if (child) return;
      child = await launch(port, dir);
      await bounded(
        new Promise<void>((resolve) => {
          if (admin.status === 'ready') resolve();
          else admin.once('ready', () => resolve());
        }),
        5_000,
      );
    },
    async close() {
      admin.disconnect();
      const running = child;
      child = undefined;
      running?.kill('SIGKILL');
      if (running) await exited(running);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
