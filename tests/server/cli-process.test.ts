/**
 * The real `ringkit-server` CLI, spawned from source: where it cannot listen,
 * --dev LiveKit defaults, and the LiveKit probe at start and in /healthz.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../scripts/ports.js';
import { startLiveKitServer, type LiveKitServerHandle } from '../helpers/livekit-server.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs } from '../helpers/server-ws.js';

interface CliRun {
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

const running = new Set<CliRun>();

function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run: CliRun = {
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 45_000) {
      return bounded(
        new Promise<RegExpExecArray>((resolve, reject) => {
          const check = () => {
            const match = pattern.exec(output);
            if (match) {
              listeners.delete(check);
              resolve(match);
            }
          };
          listeners.add(check);
          check();
          void exited.then(() => {
            check();
            reject(new Error(`exited before printing ${String(pattern)}:\n${output}`));
          });
        }),
        timeoutMs,
      );
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await bounded(exited, 5_000).catch(() => {
        child.kill('SIGKILL');
        return null;
      });
      running.delete(run);
      return code;
    },
  };
  running.add(run);
  return run;
}

afterAll(async () => {
  await Promise.all([...running].map((run) => run.stop()));
});

async function healthOf(run: CliRun): Promise<{ status: number; body: unknown }> {
  const [, url] = await run.waitFor(/listening on ws:\/\/([^\s;]+)/);
  const response = await fetch(`http://${url}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('ringkit-server where it cannot listen: a clear message and exit code 2', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    port = await freeTcpPort();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it.each([
    ['a port in use', () => ['--dev', '--port', String(port)], /ringkit-server: port \d+ on 127\.0\.0\.1 is already in use: stop the other server or choose another port with --port/],
    ['an address this machine does not have', () => ['--dev', '--port', '0', '--host', '192.0.2.1'], /ringkit-server: cannot listen on 192\.0\.2\.1: it is not an address of this machine/],
    ['a host name that does not resolve', () => ['--dev', '--port', '0', '--host', 'no-such-host.invalid'], /ringkit-server: cannot listen on no-such-host\.invalid: no such host name/],
  ])('%s', async (_name, args, message) => {
    const run = runCli(args());
    expect(await bounded(run.exited, 45_000)).toBe(2);
    expect(run.output()).toMatch(message);
    expect(run.output()).not.toMatch(/\n\s+at |EADDRINUSE|EADDRNOTAVAIL|ENOTFOUND|Error:/);
  }, 90_000);
});

describe('ringkit-server and LiveKit', () => {
  it('--dev with only --livekit-url starts with the dev keys, warns what to start when LiveKit does not answer, and /healthz stays healthy', async () => {
    const livekitPort = await freeTcpPort();
    const run = runCli(['--dev', '--port', '0', '--livekit-url', `ws://127.0.0.1:${livekitPort}`]);
    await run.waitFor(new RegExp(`LiveKit ws://127\\.0\\.0\\.1:${livekitPort}`));
    const [warning] = await run.waitFor(/LiveKit does not answer at \S+: calls will ring, but their media will fail[\s\S]*or point --livekit-url/);
    expect(warning).toContain(`ws://127.0.0.1:${livekitPort}`);
    expect(warning).toMatch(/go install github\.com\/livekit\/livekit-server\/cmd\/server@v\d/);
    expect(warning).toMatch(/docker run .*livekit\/livekit-server --dev/);
    expect(await healthOf(run)).toEqual({ status: 200, body: { ok: true, livekit: 'unreachable' } });
    const address = (await run.waitFor(/listening on (ws:\/\/[^\s;]+)/))[1] ?? '';
    const [alice, bob] = [await connectWs({ url: address }, { user: 'alice' }), await connectWs({ url: address }, { user: 'bob' })];
    const invited = await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    const token = invited.type === 'invited' ? invited.livekit?.token : undefined;
    expect(JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ iss: 'devkey' });
    await Promise.all([alice.close(), bob.close()]);
    expect(await run.stop()).toBe(0);
  }, 90_000);

  it('in production the warning says to check the LiveKit URL', async () => {
    const livekitPort = await freeTcpPort();
    const run = runCli(['--port', '0'], {
      RINGKIT_JWT_SECRET: 'a-secret-long-enough-for-hs256-signing-000',
      LIVEKIT_URL: `ws://127.0.0.1:${livekitPort}`,
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 'a-livekit-secret-long-enough-000000',
    });
    await run.waitFor(/LiveKit does not answer at [\s\S]*Check --livekit-url \(LIVEKIT_URL\)/);
    expect(run.output()).not.toMatch(/docker run/);
    expect(await run.stop()).toBe(0);
  }, 90_000);

  describe('with a real livekit-server', () => {
    let livekit: LiveKitServerHandle;
    beforeAll(async () => {
      livekit = await startLiveKitServer();
    }, 90_000);
    afterAll(() => livekit?.stop());

    it('says LiveKit answers, warns nothing, and /healthz reports it reachable', async () => {
      const run = runCli(['--dev', '--port', '0', '--livekit-url', livekit.url]);
      await run.waitFor(new RegExp(`LiveKit answers at ${livekit.url.replace(/\./g, '\\.')}`));
      expect(await healthOf(run)).toEqual({ status: 200, body: { ok: true, livekit: 'reachable' } });
      expect(run.output()).not.toMatch(/does not answer/);
      expect(await run.stop()).toBe(0);
    }, 90_000);
  });
});
