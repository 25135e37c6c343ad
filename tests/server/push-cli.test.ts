import { spawn } from 'node:child_process';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../src/server/cli-config.js';
import { bounded } from '../helpers/server-ws.js';

const keys = webpush.generateVAPIDKeys();

describe('ringkit-server Web Push settings', () => {
  it('reads the VAPID keys and subject from the environment; flags win', () => {
    const env = { RINGKIT_JWT_SECRET: 'jwt', VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:ops@example.com' };
    const result = parseCliConfig(['--vapid-subject', 'https://example.com/contact', '--public-url', 'https://calls.example.com'], env);
    expect('config' in result && result.config.push).toEqual({
      options: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'https://example.com/contact', publicUrl: 'https://calls.example.com' },
      generated: false,
    });
  });

  it('is off without keys outside --dev, and --dev generates a pair that accepts local http push services', () => {
    const production = parseCliConfig([], { RINGKIT_JWT_SECRET: 'jwt' });
    expect('config' in production && production.config.push).toBeUndefined();
    const dev = parseCliConfig(['--dev'], {});
    const push = 'config' in dev ? dev.config.push : undefined;
    expect(push?.generated).toBe(true);
    expect(push?.options).toMatchObject({ subject: 'mailto:dev@localhost', allowHttpEndpoints: true });
    expect(push?.options.vapidPublicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  it.each([
    [['--dev', '--vapid-public-key', keys.publicKey], {}, /both --vapid-public-key and --vapid-private-key/],
    [['--vapid-public-key', keys.publicKey, `--vapid-private-key=${keys.privateKey}`], { RINGKIT_JWT_SECRET: 'jwt' }, /needs --vapid-subject/],
    [['--vapid-subject', 'mailto:a@b.c'], { RINGKIT_JWT_SECRET: 'jwt' }, /needs --vapid-public-key/],
    [['--dev', '--public-url', 'ftp://x'], {}, /must be an http\(s\) URL/],
  ])('refuses %j with a clear error', (argv, env, error) => {
    const result = parseCliConfig(argv, env);
    expect('error' in result && result.error).toMatch(error);
  });

  it('--dev prints the VAPID public key it generated, and a bad key stops the server with a clear error', async () => {
    const run = (args: string[]) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return { child, output: () => output };
    };
    const dev = run(['--dev']);
    try {
      const key = await bounded(
        new Promise<string>((resolve, reject) => {
          dev.child.stdout.on('data', () => {
            const match = /VAPID public key \(generated for this run\): ([A-Za-z0-9_-]+)/.exec(dev.output());
            if (match?.[1]) resolve(match[1]);
          });
          dev.child.once('exit', (code) => reject(new Error(`exited with ${code}: ${dev.output()}`)));
        }),
        15_000,
      );
      expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    } finally {
      dev.child.kill('SIGTERM');
    }
    const bad = run(['--dev', '--vapid-public-key', 'short', `--vapid-private-key=${keys.privateKey}`]);
    const code = await bounded(new Promise<number | null>((resolve) => bad.child.once('exit', resolve)), 15_000);
    expect(code).toBe(1);
    expect(bad.output()).toMatch(/invalid VAPID settings/);
  });
});
