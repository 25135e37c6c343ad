import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a child program is started by {@link startProcess}. */
export interface ProcessSpec {
  /** Short name used in logs and errors, e.g. `livekit-server`. */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Also echo the program's output, prefixed with its name. */
  echo?: boolean;
}

/** A running child program in its own process group. */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the program has exited. */
  readonly exited: Promise<number | string>;
  /** Whether the program has exited. */
  hasExited(): boolean;
  /** The last lines of its stdout and stderr. */
  output(): string;
  /** SIGTERM to the whole group, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once (simulates a crash). */
  kill(): void;
}

const KEPT_OUTPUT_LINES = 200;

/**
 * Starts a program in its own process group and keeps the tail of its output.
 *
 * @example
 * ```ts
 * const server = startProcess({ name: 'livekit', command: LIVEKIT_SERVER_PATH, args: ['--dev'] });
 * await server.stop();
 * ```
 */
export function startProcess(spec: ProcessSpec): ManagedProcess {
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (spec.echo) console.log(`[${spec.name}] ${line}`);
    }
    if (lines.length > KEPT_OUTPUT_LINES) lines.splice(0, lines.length - KEPT_OUTPUT_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      lines.push(`failed to start ${spec.command}: ${error.message}`);
      done = true;
      resolve('spawn-error');
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (done || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  return {
    name: spec.name,
    child,
    exited,
    hasExited: () => done,
    output: () => lines.join('\n'),
    kill: () => signalGroup('SIGKILL'),
    async stop(graceMs = 5_000) {
      signalGroup('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        signalGroup('SIGKILL');
        await Promise.race([exited, sleep(2_000)]);
      }
    },
  };
}

/**
 * Polls `url` until it answers with a 2xx status; fails after `timeoutMs`, or at once if `process` exits.
 *
 * @example
 * ```ts
 * await waitForHttpOk('http://127.0.0.1:7880/', { timeoutMs: 15_000, process: livekit });
 * ```
 */
export async function waitForHttpOk(
  url: string,
  { timeoutMs, process: watched }: { timeoutMs: number; process?: ManagedProcess },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (watched?.hasExited()) {
      throw new Error(`${watched.name} exited before ${url} became healthy:\n${watched.output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  const tail = watched ? `\n${watched.name} output:\n${watched.output()}` : '';
  throw new Error(`${url} was not healthy within ${timeoutMs} ms (${lastProblem})${tail}`);
}
