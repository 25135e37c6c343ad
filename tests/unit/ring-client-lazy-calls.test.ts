/**
 * The call machine loads on demand (a chunk of its own in a page's build): a
 * call placed, or ringing, before it arrived waits for it and then works; what
 * the server says about a held call afterwards keeps its order; a load that
 * fails drops only the ring it held, reports it, and is tried again; a disconnect drops what is held.
 * The loader is slowed down by hand: each client's load waits until the test lets it finish.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as LoadCallMachine from '../../src/core/load-call-machine.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

interface HeldLoad {
  finish(): void;
  fail(error: Error): void;
}

/** The loads started by clients, oldest first, each waiting for the test. */
const loads = vi.hoisted(() => [] as HeldLoad[]);

vi.mock('../../src/core/load-call-machine.js', async (importOriginal) => {
  const actual = await importOriginal<typeof LoadCallMachine>();
  return {
    ...actual,
    loadCallMachine: () =>
      new Promise<Awaited<ReturnType<typeof actual.loadCallMachine>>>((resolve, reject) => {
        loads.push({ finish: () => resolve(actual.loadCallMachine()), fail: reject });
      }),
  };
});

let world: MemoryWorld;

afterEach(async () => {
  for (const load of loads.splice(0)) load.finish();
  await world.close();
});

/** Alice and Bob, connected; their call machine loads wait (Alice's is `loads[0]`, Bob's `loads[1]`). */
async function aliceAndBob() {
  world = createMemoryWorld();
  const alice = world.client('alice').client;
  const bob = world.client('bob').client;
  await Promise.all([alice.connect(), bob.connect()]);
  expect(loads).toHaveLength(2);
  return { alice, bob, aliceLoad: loads[0] as HeldLoad, bobLoad: loads[1] as HeldLoad };
}

/** Let pending promise callbacks and timers of the memory hub run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('ring client with a slow call machine load', () => {
  it('places a call made before the call machine arrived, and rings a callee whose machine arrives later', async () => {
    const { alice, bob, aliceLoad, bobLoad } = await aliceAndBob();
    const placing = alice.call('bob', { video: true });
    await settle();
    expect(alice.getSnapshot().call).toBeNull();

    aliceLoad.finish();
    const callId = await placing;
    expect(alice.getSnapshot().call).toMatchObject({ callId, status: 'calling' });
    await settle();
    expect(bob.getSnapshot().incoming).toEqual([]);

    bobLoad.finish();
    await waitForClient(bob, (s) => s.incoming[0]?.callId === callId, 3_000, 'bob ringing');
    await waitForStatus(alice, 'ringing');
    await bob.accept(callId);
    await waitForStatus(alice, 'active');
    await alice.hangup();
    await waitForStatus(bob, 'ended');
  });

  it('delivers what follows a held ring in order: a call cancelled while the callee loads is a missed call, not a ring', async () => {
    const { alice, bob, aliceLoad, bobLoad } = await aliceAndBob();
    aliceLoad.finish();
    await alice.call('bob');
    await alice.cancel();
    await settle();
    expect(bob.getSnapshot()).toMatchObject({ incoming: [], missed: [] });

    bobLoad.finish();
    const after = await waitForClient(bob, (s) => s.missed.length === 1, 3_000, 'bob missed the call');
    expect(after.missed[0]?.reason).toBe('cancelled');
    expect(after.incoming).toEqual([]);
  });

  it('rings nothing that was held once the callee disconnected', async () => {
    const { alice, bob, aliceLoad, bobLoad } = await aliceAndBob();
    aliceLoad.finish();
    await alice.call('bob');
    await settle();
    await bob.disconnect();
    bobLoad.finish();
    await settle();
    expect(bob.getSnapshot()).toMatchObject({ incoming: [], call: null });
  });

  it('drops a ring whose load failed, reports it, and loads again for the next ring', async () => {
    const { alice, bob, aliceLoad, bobLoad } = await aliceAndBob();
    aliceLoad.finish();
    await alice.call('bob');
    bobLoad.fail(new Error('chunk failed to load'));
    const failed = await waitForClient(bob, (s) => s.error !== null, 3_000, 'bob reports the failed load');
    expect(failed.error?.message).toContain('chunk failed to load');
    expect(failed.incoming).toEqual([]);
    await alice.cancel();

    const second = alice.call('bob');
    await waitForClient(alice, (s) => s.call?.status === 'calling', 3_000, 'second call placed');
    await vi.waitFor(() => expect(loads).toHaveLength(3), { timeout: 3_000 });
    loads[2]?.finish();
    const callId = await second;
    await waitForClient(bob, (s) => s.incoming[0]?.callId === callId, 3_000, 'bob rings the second call');
  });
});
