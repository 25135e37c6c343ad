import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEV_LIVEKIT, parseCliConfig } from '../../src/server/cli-config.js';
import { createRingServer } from '../../src/server/ws-server.js';
import { bounded } from '../helpers/server-ws.js';

describe('ringkit-server configuration', () => {
  it('uses defaults and the dev LiveKit in --dev', () => {
    expect(parseCliConfig(['--dev'], {})).toEqual({
      config: {
        port: 8787,
        host: '127.0.0.1',
        dev: true,
        livekit: DEV_LIVEKIT,
        push: expect.objectContaining({ generated: true }),
        logs: { level: 'info', format: 'pretty' },
        metrics: {},
      },
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      PORT: '9000',
      HOST: '0.0.0.0',
      LIVEKIT_URL: 'wss://lk.example.com',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 'secret',
      RINGKIT_JWT_SECRET: 'jwt',
      RING_TIMEOUT_MS: '30000',
      GRACE_MS: '5000',
    };
    expect(parseCliConfig(['--port', '9100', '--grace-ms', '0'], env)).toEqual({
      config: {
        port: 9100,
        host: '0.0.0.0',
        dev: false,
        jwtSecret: 'jwt',
        livekit: { url: 'wss://lk.example.com', apiKey: 'key', apiSecret: 'secret' },
        ringTimeoutMs: 30_000,
        graceMs: 0,
        logs: { level: 'info', format: 'json' },
      },
    });
  });

  it.each([
    [[], {}, /RINGKIT_JWT_SECRET/],
    [['--port', 'abc', '--dev'], {}, /port must be a whole number/],
    [['--port', '70000', '--dev'], {}, /at most 65535/],
    [['--livekit-url', 'ws://x', '--jwt-secret', 'j'], {}, /needs all of/],
    [['--dev', '--livekit-url', 'localhost:7880'], {}, /must be a ws:\/\/ or wss:\/\/ URL/],
    [['--nope'], {}, /Unknown option/],
    [['--dev'], { RING_TIMEOUT_MS: '1.5' }, /ring timeout must be a whole number/],
    [['--dev', '--log-level', 'loud'], {}, /log level must be one of/],
    [['--dev', '--log-format', 'xml'], {}, /log format must be json or pretty/],
    [['--dev', '--metrics-port', '0'], {}, /metrics port must be 1-65535/],
    [['--dev', '--call-waiting', 'maybe'], {}, /call waiting must be on or off/],
    [['--dev', '--webhook-url', 'https://api.example.com/hook'], {}, /RINGKIT_WEBHOOK_SECRET/],
    [['--dev', '--webhook-url', 'ftp://api.example.com', '--webhook-secret', 's'], {}, /http:\/\/ or https:\/\//],
  ])('refuses %j %j with a clear error', (argv, env, error) => {
    const result = parseCliConfig(argv, env);
    expect('error' in result && result.error).toMatch(error);
  });

  it('in --dev, LiveKit settings not given take their dev defaults', () => {
    expect(parseCliConfig(['--dev', '--livekit-url', 'ws://127.0.0.1:17880'], {})).toMatchObject({
      config: { livekit: { url: 'ws://127.0.0.1:17880', apiKey: 'devkey', apiSecret: 'secret' } },
    });
    expect(parseCliConfig(['--dev'], { LIVEKIT_API_KEY: 'mine' })).toMatchObject({
      config: { livekit: { url: DEV_LIVEKIT.url, apiKey: 'mine', apiSecret: 'secret' } },
    });
  });

  it('reads log, metrics and webhook options', () => {
    const env = { LOG_LEVEL: 'warn', METRICS_PORT: '9464', WEBHOOK_URLS: 'https://a.example/h, https://b.example/h', RINGKIT_WEBHOOK_SECRET: 's3cret' };
    expect(parseCliConfig(['--dev', '--log-format', 'json'], env)).toMatchObject({
      config: {
        logs: { level: 'warn', format: 'json' },
        metrics: { port: 9464 },
        webhooks: [
          { url: 'https://a.example/h', secret: 's3cret' },
          { url: 'https://b.example/h', secret: 's3cret' },
        ],
      },
    });
    const production = parseCliConfig(['--jwt-secret', 'j', '--webhook-url', 'http://127.0.0.1:3000/a', '--webhook-url', 'http://127.0.0.1:3000/b'], env);
    expect(production).toMatchObject({ config: { logs: { format: 'json' }, webhooks: [{ url: 'http://127.0.0.1:3000/a' }, { url: 'http://127.0.0.1:3000/b' }] } });
    const plain = parseCliConfig(['--jwt-secret', 'j'], {});
    expect(plain).toMatchObject({ config: { logs: { level: 'info', format: 'json' } } });
    expect(plain).not.toHaveProperty('config.metrics');
  });

  it('reads call waiting from a flag (winning) or CALL_WAITING; absent leaves the server default', () => {
    expect(parseCliConfig(['--dev', '--call-waiting', 'off'], { CALL_WAITING: 'on' })).toMatchObject({ config: { callWaiting: false } });
    expect(parseCliConfig(['--dev'], { CALL_WAITING: '1' })).toMatchObject({ config: { callWaiting: true } });
    expect(parseCliConfig(['--dev'], {})).not.toHaveProperty('config.callWaiting');
  });

  it('asks for help', () => {
    expect(parseCliConfig(['-h'], {})).toEqual({ help: true });
  });

  it('refuses out-of-range ring and grace times when the server starts', async () => {
    await expect(createRingServer({ port: 0, dev: true, ringTimeoutMs: 1_000 })).rejects.toThrow(/ringTimeoutMs must be/);
    await expect(createRingServer({ port: 0, dev: true, graceMs: -1 })).rejects.toThrow(/graceMs must be/);
    await expect(createRingServer({ port: 0 })).rejects.toThrow(/needs `auth`/);
  });
});

describe('ringkit-server process', () => {
  it('starts from source with --dev, serves /healthz, logs, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--dev', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const url = await bounded(
        new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            const match = /listening on (ws:\/\/\S+)/.exec(output);
            if (match?.[1]) resolve(match[1].replace(/;$/, ''));
          });
          child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
        }),
        45_000,
      );
      const health = await fetch(`${url.replace('ws://', 'http://')}/healthz`);
      expect(await health.json()).toMatchObject({ ok: true });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await bounded(exited, 5_000)).toBe(0);
      expect(output).toContain('shutting down');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
