import type { Browser } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { openUser, reportFailure, type E2EUser } from './e2e-browser.js';
import { demoUrlFor, waitOnline, type DemoTarget } from './e2e-demo.js';
import { sharedLiveKit } from './e2e-env.js';
import { startE2ERingServer, type E2ERingServer, type LiveKitConfig } from './e2e-ring-server.js';
import { startTcpProxy, type TcpProxy } from './e2e-tcp-proxy.js';

/** One test's world: its own ringkit server (behind a cuttable proxy), and its users' pages. */
export interface E2ESession {
  readonly target: DemoTarget;
  readonly server: E2ERingServer;
  /** Sits between the pages and the ringkit server; `dropAll()` cuts every signaling socket. */
  readonly proxy: TcpProxy;
  /** Opens the demo for a user in their own browser context, online. */
  open(user: string, options?: { contacts?: readonly string[]; initScripts?: readonly string[] }): Promise<E2EUser>;
}

/** Options of {@link startSession}. */
export interface SessionOptions {
  /** The livekit-server to use (default: the run's shared one). */
  livekit?: LiveKitConfig;
  /** The ringkit server's ring timeout (default 30 s). */
  ringTimeoutMs?: number;
  /** The ringkit server's reconnection grace period (default 3 s). */
  graceMs?: number;
  /** The ringkit server's call waiting (default on). */
  callWaiting?: boolean;
}

/**
 * Starts, inside a test, a fresh in-process ringkit server (with a short grace period) behind a
 * TCP proxy, and returns a way to open users on the demo. Failure screenshots of every user and
 * the cleanup (pages, proxy, server) are registered on the test.
 *
 * @example
 * ```ts
 * it('calls', async () => {
 *   const session = await startSession(browser, site.url);
 *   const alice = await session.open('alice', { contacts: ['bob'] });
 * });
 * ```
 */
export async function startSession(browser: Browser, demoUrl: string, options: SessionOptions = {}): Promise<E2ESession> {
  const server = await startE2ERingServer({
    livekit: options.livekit ?? sharedLiveKit(),
    ringTimeoutMs: options.ringTimeoutMs ?? 30_000,
    graceMs: options.graceMs ?? 3_000,
    ...(options.callWaiting === undefined ? {} : { callWaiting: options.callWaiting }),
  });
  const proxy = await startTcpProxy(server.port);
  const users: E2EUser[] = [];
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await reportFailure(task.name, users);
      console.error(`--- ringkit server log (last 40 lines) ---\n${server.log.slice(-40).join('\n')}`);
    }
    for (const user of users) await user.context.close().catch(() => undefined);
    await proxy.close();
    await server.close();
  });
  const target: DemoTarget = { demoUrl, serverUrl: `ws://127.0.0.1:${proxy.port}` };
  return {
    target,
    server,
    proxy,
    async open(user, { contacts, initScripts } = {}) {
      const opened = await openUser(browser, user, demoUrlFor(target, user, contacts), { initScripts });
      users.push(opened);
      await waitOnline(opened.page);
      return opened;
    },
  };
}
