/**
 * The README's Next.js App Router pattern in a real Next.js app: ringkit as
 * `npm pack` ships it (dist/), built with `next build`, served by `next
 * start`, rendered on the server, then hydrated in Chromium and connected to a
 * real ringkit server.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort } from '../../scripts/ports.js';
import { startProcess, waitForHttpOk, type ManagedProcess } from '../../scripts/processes.js';
import { createRingServer, type RingServer } from '../../src/server/ws-server.js';
import { launchChromium } from '../helpers/e2e-browser.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const next = join(dirname(createRequire(import.meta.url).resolve('next/package.json')), 'dist/bin/next');
// Inside the repository, so that next, react and ringkit's dependencies resolve from its node_modules.
const work = mkdtempSync(join(root, '.cache', 'next-app-'));

/** The deepest folder holding both paths. */
function commonRoot(a: string, b: string): string {
  const [left, right] = [a.split(sep), b.split(sep)];
  const shared = left.filter((part, index) => right.slice(0, index + 1).join(sep) === left.slice(0, index + 1).join(sep));
  return shared.join(sep) || sep;
}

let ringServer: RingServer;
let app: ManagedProcess | undefined;
let browser: Browser | undefined;
let appUrl = '';
let buildOutput = '';

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) await run('npm', ['run', 'build'], { cwd: root, timeout: 300_000 });
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, timeout: 120_000 });
  const tarball = join(work, stdout.trim().split('\n').at(-1) ?? '');
  const installed = join(work, 'node_modules', 'ringkit');
  mkdirSync(installed, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  cpSync(join(root, 'tests/fixtures/next-app'), work, { recursive: true });

  ringServer = await createRingServer({ port: 0, dev: true });
  const env = { ...process.env, NEXT_PUBLIC_RINGKIT_URL: ringServer.url, NEXT_TELEMETRY_DISABLED: '1', FIXTURE_ROOT: commonRoot(work, realpathSync(join(root, 'node_modules'))) };
  const built = await run(process.execPath, [next, 'build'], { cwd: work, env, timeout: 400_000 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`next build failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
  });
  buildOutput = `${built.stdout}\n${built.stderr}`;

  const port = await freeTcpPort();
  appUrl = `http://localhost:${port}`;
  app = startProcess({ name: 'next start', command: process.execPath, args: [next, 'start', '-p', String(port), '-H', '127.0.0.1'], cwd: work, env });
  await waitForHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 60_000, process: app });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await ringServer?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the README pattern in a Next.js App Router app (next build, next start)', () => {
  it('builds, with ringkit taken from the packed tarball', () => {
    expect(readdirSync(join(work, 'node_modules', 'ringkit'))).toEqual(expect.arrayContaining(['dist', 'package.json']));
    expect(buildOutput).not.toMatch(/Functions cannot be passed|Only plain objects/);
  });

  it('renders the call button on the server, connecting until the browser signs in', async () => {
    const html = await (await fetch(`${appUrl}/`)).text();
    const button = /<button[^>]*class="rk-call-button"[^>]*>/.exec(html)?.[0];
    expect(button).toContain('data-state="connecting"');
    expect(html).toContain('Connecting to the call service');
  });

  it('hydrates in Chromium and signs in to the ringkit server: the button becomes "Video call bob"', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${appUrl}/`);
    await page.locator('button.rk-call-button[data-state="idle"]').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Video call bob' }).isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
