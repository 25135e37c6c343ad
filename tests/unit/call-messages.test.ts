/**
 * The ring client's call message log (`client.messages`): one per client, holding
 * what this device sent and received in the current call, emptied by the next call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function activeCall(current: MemoryWorld) {
  const alice = current.client('alice').client;
  const bob = current.client('bob').client;
  await Promise.all([alice.connect(), bob.connect()]);
  await alice.call('bob');
  await waitForClient(bob, (snapshot) => snapshot.incoming.length === 1);
  await bob.accept();
  await waitForStatus(alice, 'active');
  return { alice, bob };
}

describe('client.messages', () => {
  it('keeps sent and received messages of the current call, per client, and empties on the next call', async () => {
    world = createMemoryWorld();
    const { alice, bob } = await activeCall(world);
    let changes = 0;
    const stop = bob.messages.subscribe(() => (changes += 1));
    await alice.sendMessage('chat', 'hello');
    await waitForClient(bob, () => bob.messages.getSnapshot().length === 1);
    const callId = alice.getSnapshot().call?.callId;
    expect(alice.messages.getSnapshot()).toEqual([{ callId, from: 'alice', kind: 'chat', data: 'hello' }]);
    expect(bob.messages.getSnapshot()).toEqual([{ callId, from: 'alice', kind: 'chat', data: 'hello' }]);
    expect(changes).toBe(1);
    const before = bob.messages.getSnapshot();
    await bob.setMicrophoneEnabled(false);
    expect(bob.messages.getSnapshot()).toBe(before);

    await alice.hangup();
    await alice.call('bob');
    await waitForClient(alice, (snapshot) => snapshot.call?.callId !== callId);
    expect(alice.messages.getSnapshot()).toEqual([]);
    stop();
  });

  it('a failed send records nothing', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice').client;
    await alice.connect();
    await expect(alice.sendMessage('chat', 'hello')).rejects.toMatchObject({ code: 'no-call' });
    expect(alice.messages.getSnapshot()).toEqual([]);
  });
});
