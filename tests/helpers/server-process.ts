/**
 * A real `ringkit-server` process (from source, through tsx) on a free port.
 * Every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { bounded } from './server-ws.js';

/** One running server process. */
export interface ServerProcess {
  /** `ws://127.0.0.1:<port>`. */
  readonly url: string;
  /** Its node name in Redis (empty without `--redis`). */
  readonly node: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** HTTP status of its `/healthz` (0 when it does not answer). */
  health(): Promise<number>;
  /** SIGKILL: the process dies without a word. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const START_MS = 20_000;
const MAX_OUTPUT = 500_000;

function waitForExit(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return bounded(new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))), ms);
}

/**
 * Start `ringkit-server --dev --port 0 ...args` and wait until it listens
 * (and, with `--redis`, until it names its node).
 *
 * @example
 * ```ts
 * const server = await spawnServer(['--log-format', 'json']);
 * const alice = await connectWs(server, { user: 'alice' });
 * ```
 */
export async function spawnServer(args: readonly string[]): Promise<ServerProcess> {
  const clustered = args.includes('--redis');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--dev', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT);
  };
  child.stderr.on('data', append);
  const started = new Promise<{ url: string; node: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      append(chunk);
      const node = /node (\S+) sharing calls/.exec(output)?.[1];
      const url = /listening on (ws:\/\/[^\s;"]+)/.exec(output)?.[1];
      if (url && (node || !clustered)) resolve({ url, node: node ?? '' });
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
      return waitForExit(child, 5_000).catch(() => {
        child.kill('SIGKILL');
        return waitForExit(child, 2_000);
      });
    },
  };
}
