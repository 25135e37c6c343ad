import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A request to a benchmark child process; `seq` pairs it with its reply. */
interface Envelope {
  seq: number;
  request: unknown;
}

/** A child's reply to one request. */
type Reply = { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };

/** A benchmark worker in its own Node process, driven by request/reply over IPC. */
export interface ChildWorker {
  readonly pid: number;
  /** Sends a request and waits at most `timeoutMs` for its reply. */
  request<T>(request: unknown, timeoutMs: number): Promise<T>;
  /** Asks it to exit, and kills it if it has not within 5 s. */
  stop(): Promise<void>;
}

/** Raises the soft open-file limit to the hard one, then becomes the given program (IPC survives the exec). */
const RAISE_FILE_LIMIT = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"';

/**
 * The hard limit on open files a worker can raise itself to (`Infinity` for unlimited).
 *
 * @example
 * ```ts
 * if (openFileLimit() < 6_000) console.log('raise the hard limit: ulimit -Hn');
 * ```
 */
export function openFileLimit(): number {
  try {
    const text = execFileSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
    return text === 'unlimited' ? Infinity : Number(text);
  } catch {
    return 0;
  }
}

/**
 * Starts a TypeScript worker (run through tsx, with `--expose-gc` and the open-file limit raised to
 * the hard limit, as thousands of sockets need) that serves requests with {@link serveRequests}.
 * `nodeArgs` go to Node before the file (for example `--cpu-prof`).
 *
 * @example
 * ```ts
 * const server = forkWorker(new URL('./capacity/server-process.ts', import.meta.url));
 * const { url } = await server.request<{ url: string }>({ cmd: 'start', mode: 'bare' }, 10_000);
 * ```
 */
export function forkWorker(file: URL, nodeArgs: readonly string[] = []): ChildWorker {
  const node = [process.execPath, '--import', 'tsx', '--expose-gc', '--max-old-space-size=2048', ...nodeArgs, fileURLToPath(file)];
  const child: ChildProcess = spawn('/bin/sh', ['-c', RAISE_FILE_LIMIT, ...node], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let seq = 0;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const waiter of pending.values()) waiter.reject(new Error(`worker exited (${code ?? signal})`));
      pending.clear();
      resolve();
    }),
  );
  child.on('message', (raw) => {
    const reply = raw as Reply;
    const waiter = pending.get(reply.seq);
    if (!waiter) return;
    pending.delete(reply.seq);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(reply.error));
  });
  return {
    pid: child.pid ?? -1,
    request<T>(request: unknown, timeoutMs: number): Promise<T> {
      if (exited) return Promise.reject(new Error('worker has exited'));
      seq += 1;
      const envelope: Envelope = { seq, request };
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.seq);
          reject(new Error(`worker gave no reply in ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelope.seq, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send(envelope);
      });
    },
    async stop() {
      if (exited) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * In a worker: answers each request from the parent with `handle`'s result (or its error), and exits
 * when the parent disconnects.
 *
 * @example
 * ```ts
 * serveRequests(async (request) => ({ echoed: request }));
 * ```
 */
export function serveRequests(handle: (request: unknown) => Promise<unknown>): void {
  process.on('message', (raw) => {
    const { seq, request } = raw as Envelope;
    handle(request).then(
      (result) => process.send?.({ seq, ok: true, result } satisfies Reply),
      (error: unknown) =>
        process.send?.({ seq, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/**
 * Resident memory after two full garbage collections (needs `--expose-gc`, which {@link forkWorker} sets).
 *
 * @example
 * ```ts
 * const { rss } = settledMemory();
 * ```
 */
export function settledMemory(): { rss: number; heapUsed: number; external: number } {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}
