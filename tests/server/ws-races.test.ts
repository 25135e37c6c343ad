/**
 * Races and a bounded load over real sockets (the bulk of the race runs, 200
 * each, is in tests/unit/call-service-races.test.ts against the rules).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, startTestServer, type WsTestClient } from '../helpers/server-ws.js';

const RUNS = 25;
let server: RingServer;

beforeAll(async () => {
  server = await startTestServer({ livekit: undefined });
});
afterAll(async () => {
  await server.close();
});

async function closeAll(clients: WsTestClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}

function endings(client: WsTestClient, callId: string): string[] {
  return client.endings(callId).map((message) => message.reason);
}

describe(`socket races (${RUNS} runs each)`, () => {
  it('two devices accept at once: one wins on every connection', async () => {
    for (let run = 0; run < RUNS; run += 1) {
      const [alice, phone, laptop] = await Promise.all([
        connectWs(server, { user: `a${run}` }),
        connectWs(server, { user: `b${run}` }),
        connectWs(server, { user: `b${run}` }),
      ]);
      const callId = `accept-${run}`;
      await alice.request({ type: 'invite', id: rid(), callId, to: [`b${run}`], media: 'video' });
      await Promise.all([phone.next('incoming'), laptop.next('incoming')]);
      const replies = await Promise.all([
        phone.request({ type: 'accept', id: rid(), callId, media: 'video' }),
        laptop.request({ type: 'accept', id: rid(), callId, media: 'video' }),
      ]);
      expect(replies.map((reply) => reply.type).sort()).toEqual(['answered', 'error']);
      const loser = replies[0]?.type === 'answered' ? laptop : phone;
      expect(endings(loser, callId)).toEqual(['answered-elsewhere']);
      await alice.next('accepted');
      await closeAll([alice, phone, laptop]);
    }
  });

  it('accept vs cancel, and hangup from both sides: one consistent outcome', async () => {
    for (let run = 0; run < RUNS; run += 1) {
      const [alice, bob] = await Promise.all([connectWs(server, { user: `c${run}` }), connectWs(server, { user: `d${run}` })]);
      const callId = `cancel-${run}`;
      await alice.request({ type: 'invite', id: rid(), callId, to: [`d${run}`], media: 'audio' });
      await bob.next('incoming');
      const [accept, cancel] = await Promise.all([
        bob.request({ type: 'accept', id: rid(), callId, media: 'audio' }),
        alice.request({ type: 'cancel', id: rid(), callId }),
      ]);
      if (accept.type === 'answered') {
        expect(cancel).toMatchObject({ code: 'already-answered' });
        const hangups = await Promise.all([
          alice.request({ type: 'hangup', id: rid(), callId }),
          bob.request({ type: 'hangup', id: rid(), callId }),
        ]);
        expect(hangups.map((reply) => reply.type)).toEqual(['ok', 'ok']);
        const [aliceEnd, bobEnd] = await Promise.all([alice.next('ended'), bob.next('ended')]);
        expect(aliceEnd).toEqual(bobEnd);
        expect(aliceEnd.reason).toBe('completed');
      } else {
        expect(accept).toMatchObject({ code: 'call-ended' });
        expect(new Set(endings(bob, callId))).toEqual(new Set(['cancelled']));
      }
      await closeAll([alice, bob]);
    }
  });

  it('glare: two users invite each other at once and end up in one connected call', async () => {
    for (let run = 0; run < RUNS; run += 1) {
      const [alice, bob] = await Promise.all([connectWs(server, { user: `e${run}` }), connectWs(server, { user: `f${run}` })]);
      const replies = await Promise.all([
        alice.request({ type: 'invite', id: rid(), callId: `ef-${run}`, to: [`f${run}`], media: 'video' }),
        bob.request({ type: 'invite', id: rid(), callId: `fe-${run}`, to: [`e${run}`], media: 'video' }),
      ]);
      const callIds = replies.map((reply) => (reply.type === 'invited' ? reply.call.callId : reply.type));
      expect(callIds[0]).toBe(callIds[1]);
      const callId = callIds[0] ?? '';
      await Promise.all([alice.next('accepted', (message) => message.callId === callId), bob.next('accepted', (message) => message.callId === callId)]);
      expect([...endings(alice, callId), ...endings(bob, callId)]).toEqual([]);
      await closeAll([alice, bob]);
    }
  });
});

describe('bounded load', () => {
  it('200 concurrent calls all ring, connect and complete correctly', async () => {
    const CALLS = 200;
    const callers = await Promise.all(Array.from({ length: CALLS }, (_, index) => connectWs(server, { user: `caller-${index}` })));
    const callees = await Promise.all(Array.from({ length: CALLS }, (_, index) => connectWs(server, { user: `callee-${index}` })));
    const invited = await Promise.all(
      callers.map((caller, index) => caller.request({ type: 'invite', id: rid(), callId: `load-${index}`, to: [`callee-${index}`], media: 'video' }, 10_000)),
    );
    expect(invited.every((reply) => reply.type === 'invited' && reply.call.status === 'ringing')).toBe(true);
    const incoming = await Promise.all(callees.map((callee) => callee.next('incoming', undefined, 10_000)));
    expect(incoming.map((message) => message.call.callId)).toEqual(callers.map((_, index) => `load-${index}`));
    await Promise.all(callees.map((callee, index) => callee.request({ type: 'accept', id: rid(), callId: `load-${index}`, media: 'video' }, 10_000)));
    const accepted = await Promise.all(callers.map((caller) => caller.next('accepted', undefined, 10_000)));
    expect(accepted.map((message) => message.by)).toEqual(callees.map((callee) => callee.user));
    await Promise.all(callers.map((caller, index) => caller.request({ type: 'hangup', id: rid(), callId: `load-${index}` }, 10_000)));
    const ended: ServerMessage[] = await Promise.all(callees.map((callee) => callee.next('ended', undefined, 10_000)));
    expect(ended.every((message) => message.type === 'ended' && message.reason === 'completed')).toBe(true);
    await closeAll([...callers, ...callees]);
  }, 30_000);
});
