/**
 * Protocol fuzzing: about 100,000 hostile frames per run. Most go through the
 * frame parser in-process, a share through the call service (as the
 * WebSocket server feeds it) next to a live call, and a share over a real
 * socket. Invariants: nothing throws and the server keeps serving; every
 * frame whose `id` can be read is answered exactly once with `replyTo`;
 * other users' calls, history and inboxes do not change.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ErrorMessageSchema, parseClientMessage, PROTOCOL_VERSION, type ServerMessage } from '../../src/protocol/protocol.js';
import type { Connection } from '../../src/server/call-service.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { hostileFrame, type HostileFrame } from '../helpers/hostile-frames.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type Harness, type HarnessClient } from '../helpers/server-harness.js';
import { bounded, connectWs, startTestServer, type WsTestClient } from '../helpers/server-ws.js';

const PARSER_FRAMES = 80_000;
const SERVICE_FRAMES = 19_000;
const SOCKET_FRAMES = 1_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

function repliesTo(messages: readonly ServerMessage[], id: string): ServerMessage[] {
  return messages.filter((message) => 'replyTo' in message && message.replyTo === id);
}

describe(`protocol fuzzing (seed ${SEED}; FUZZ_SEED=${SEED} repeats it)`, () => {
  it(`the parser refuses ${PARSER_FRAMES.toLocaleString('en')} hostile frames with a typed error, never throws, and keeps the id`, () => {
    fc.assert(
      // Plain checks (no expect) keep 80,000 runs cheap; fast-check reports the smallest failing frame.
      fc.property(hostileFrame(), (frame) => {
        const result = parseClientMessage(frame.text);
        if (result.ok) return result.message.id === frame.id && JSON.stringify(result.message).length <= frame.text.length;
        const { code, replyTo } = result.error;
        return ERROR_CODES.includes(code) && ErrorMessageSchema.safeParse({ type: 'error', ...result.error }).success && (frame.id === undefined || replyTo === frame.id);
      }),
      { numRuns: PARSER_FRAMES, seed: SEED },
    );
  }, 120_000);

  describe('through the call service, next to a live call', () => {
    let h: Harness;
    let alice: HarnessClient;
    let bob: HarnessClient;
    afterAll(() => h?.close());
    beforeAll(async () => {
      h = createHarness();
      [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
      await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'video' });
      await bob.next('incoming');
      await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' });
      await alice.next('accepted');
    });

    it(`answers each of ${SERVICE_FRAMES.toLocaleString('en')} hostile frames from a stranger exactly once, and the call does not notice`, async () => {
      const service = h.services[0];
      if (!service) throw new Error('no service');
      const stored = await h.store.getCall('c1');
      const history = await Promise.all([h.store.listHistory('alice', 100), h.store.listHistory('bob', 100)]);
      const seen = [alice.received.length, bob.received.length];
      let inbox: ServerMessage[] = [];
      let closed = false;
      const connect = async (): Promise<Connection> => {
        const connection: Connection = {
          send: (message) => inbox.push(structuredClone(message)),
          close: () => {
            closed = true;
          },
        };
        closed = false;
        service.attach('mallory', connection);
        await service.receive(connection, { type: 'hello', id: rid(), version: PROTOCOL_VERSION });
        return connection;
      };
      let mallory = await connect();
      expect(inbox.map((message) => message.type)).toEqual(['welcome']);
      const feed = async (frame: HostileFrame) => {
        inbox = [];
        const parsed = parseClientMessage(frame.text);
        if (parsed.ok) await service.receive(mallory, parsed.message);
        else inbox.push({ type: 'error', code: parsed.error.code, message: parsed.error.message, ...(parsed.error.replyTo ? { replyTo: parsed.error.replyTo } : {}) });
        if (frame.id !== undefined) expect(repliesTo(inbox, frame.id), frame.text.slice(0, 300)).toHaveLength(1);
        if (closed) {
          await service.detach(mallory);
          mallory = await connect();
        }
      };
      await fc.assert(fc.asyncProperty(hostileFrame(), feed), { numRuns: SERVICE_FRAMES, seed: SEED });

      await h.settle();
      expect(await h.store.getCall('c1')).toEqual(stored);
      expect(await Promise.all([h.store.listHistory('alice', 100), h.store.listHistory('bob', 100)])).toEqual(history);
      expect([alice.received.length, bob.received.length]).toEqual(seen);
      expect(await alice.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    }, 120_000);
  });

  describe('over a real socket', () => {
    let server: RingServer;
    let bystander: WsTestClient;
    beforeAll(async () => {
      server = await startTestServer({ rateLimit: { ratePerSecond: 1_000_000, burst: 1_000_000 } });
      bystander = await connectWs(server, { user: 'bystander' });
    });
    afterAll(() => server?.close());

    it(`answers each of ${SOCKET_FRAMES.toLocaleString('en')} hostile frames exactly once before the next request, and keeps serving`, async () => {
      let mallory = await connectWs(server, { user: 'mallory' });
      let reconnects = 0;
      const feed = async (frame: HostileFrame) => {
        const start = mallory.received.length;
        mallory.sendRaw(frame.text);
        const sentinel = rid();
        mallory.send({ type: 'ping', id: sentinel });
        // The server handles a connection's frames in order: the sentinel's pong comes after the frame's answer.
        const outcome = await bounded(
          Promise.race([mallory.next('pong', (pong) => pong.replyTo === sentinel, 5_000).then(() => 'answered' as const), mallory.closed.then(() => 'closed' as const)]),
          6_000,
        );
        const answers = mallory.received.slice(start);
        if (frame.id !== undefined) expect(repliesTo(answers, frame.id), frame.text.slice(0, 300)).toHaveLength(1);
        if (outcome === 'closed') {
          reconnects += 1;
          mallory = await connectWs(server, { user: 'mallory' });
        }
      };
      await fc.assert(fc.asyncProperty(hostileFrame(), feed), { numRuns: SOCKET_FRAMES, seed: SEED });
      expect(reconnects).toBeLessThan(SOCKET_FRAMES);
      expect(await bystander.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
      expect(bystander.received.map((message) => message.type)).toEqual(['welcome', 'pong']);
    }, 120_000);
  });
});
