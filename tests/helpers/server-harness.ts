/**
 * Clients wired straight into call services (no network) sharing one memory
 * store and a manual clock. With `services > 1` it plays several server
 * processes: each client sits on one service, deliveries are relayed.
 */
import { memoryGrant } from '../../src/testing/memory-hub.js';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import { createCallService, type CallService, type CallServiceOptions, type Connection } from '../../src/server/call-service.js';
import { createMemoryStore } from '../../src/server/stores/memory.js';
import type { RingStore } from '../../src/server/stores/store.js';
import { createManualClock, type ManualClock } from './server-clock.js';
import { recordingClient, type TestClient } from './server-client.js';

/** A client of the harness. */
export interface HarnessClient extends TestClient {
  /** The service (process) it is connected to. */
  readonly node: number;
  /** How the service closed the connection, if it did. */
  closedWith?: { code: number; reason: string };
  /** Drop the connection (the service detaches it). */
  drop(): Promise<void>;
}

/** Call services, their clients, a shared store and a manual clock. */
export interface Harness {
  clock: ManualClock;
  store: RingStore;
  services: CallService[];
  lines: string[];
  /** Connect a device of `user` (to service `node`) and say hello. */
  connect(user: string, options?: { node?: number; resume?: string }): Promise<HarnessClient>;
  /** Let queued work finish (the services' lanes). */
  settle(): Promise<void>;
  /** Advance the clock and let the fired work finish. */
  advance(ms: number): Promise<void>;
  close(): void;
}

/**
 * Make a harness.
 *
 * @example
 * ```ts
 * const h = createHarness();
 * const alice = await h.connect('alice');
 * ```
 */
export function createHarness(options: Partial<CallServiceOptions> & { services?: number } = {}): Harness {
  const { services: count = 1, ...serviceOptions } = options;
  const clock = createManualClock();
  const store = options.store ?? createMemoryStore();
  const lines: string[] = [];
  const services: CallService[] = [];
  for (let node = 0; node < count; node += 1) {
    services.push(
      createCallService({
        store,
        clock,
        grant: memoryGrant,
        log: (line) => lines.push(line),
        node: `n${node}`,
        relay: (target, message) => services.forEach((service, index) => index !== node && service.deliverLocal(target, message)),
        ...serviceOptions,
      }),
    );
  }

  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(services.map((service) => service.runDueDeadlines()));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  return {
    clock,
    store,
    services,
    lines,
    async connect(user, { node = 0, resume } = {}) {
      const service = services[node];
      if (!service) throw new Error(`no service ${node}`);
      const inbox: { receive?: (message: ServerMessage) => void; closed?: { code: number; reason: string } } = {};
      const connection: Connection = {
        send: (message) => inbox.receive?.(structuredClone(message)),
        close: (code, reason) => {
          inbox.closed = { code, reason };
        },
      };
      const { client, receive } = recordingClient(user, (message) => void service.receive(connection, message));
      inbox.receive = receive;
      const harnessClient = client as HarnessClient;
      Object.defineProperty(harnessClient, 'closedWith', { get: () => inbox.closed });
      Object.assign(harnessClient, { node, drop: () => service.detach(connection) });
      service.attach(user, connection);
      await client.hello(resume);
      return harnessClient;
    },
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    close() {
      services.forEach((service) => service.close());
    },
  };
}
