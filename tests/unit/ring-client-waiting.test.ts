/**
 * Call waiting and hold between real ring clients on the memory hub (the server's
 * rules in-process) with fake media: Alice talks with Bob, Carol calls Alice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RingClient, RingClientSnapshot } from '../../src/core/ring-client.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld, type TestClient } from '../helpers/client.js';

let world: MemoryWorld;
afterEach(async () => {
  await world.close();
});

const callWith = (snapshot: RingClientSnapshot, peer: string) => snapshot.calls.find((call) => call.peers.includes(peer));

/** Alice and Bob in an answered video call; Carol connected. */
async function aliceTalksWithBob(): Promise<{ alice: TestClient; bob: TestClient; carol: TestClient }> {
  world = createMemoryWorld();
  const [alice, bob, carol] = ['alice', 'bob', 'carol'].map((user) => world.client(user)) as [TestClient, TestClient, TestClient];
  await Promise.all([alice, bob, carol].map(({ client }) => client.connect()));
  await bob.client.call('alice', { video: true });
  await waitForClient(alice.client, (snapshot) => snapshot.incoming.length === 1);
  await alice.client.accept();
  await Promise.all([waitForStatus(alice.client, 'active'), waitForStatus(bob.client, 'active')]);
  return { alice, bob, carol };
}

/** Carol calls Alice, and Alice's device shows it as call waiting. */
async function carolCalls(alice: RingClient, carol: RingClient): Promise<string> {
  const callId = await carol.call('alice');
  await waitForStatus(carol, 'ringing');
  const snapshot = await waitForClient(alice, (s) => s.incoming.some((call) => call.callId === callId));
  expect(snapshot.calls.find((call) => call.callId === callId)?.waiting).toBe(true);
  return callId;
}

/** What a fake media session of a client (in the order its calls made them) sends. */
function mediaOf(client: TestClient, index: number) {
  const local = client.sessions[index]?.getSnapshot().local;
  return { mic: local?.micEnabled, camera: local?.cameraEnabled };
}

describe('call waiting between ring clients', () => {
  it('hold and accept, swap back, end the active call: the held one stays held until resumed', async () => {
    const { alice, bob, carol } = await aliceTalksWithBob();
    const bobCall = alice.client.getSnapshot().call?.callId;
    const carolCall = await carolCalls(alice.client, carol.client);
    await alice.client.accept(carolCall, { active: 'hold' });

    // Alice: Carol active, Bob held by her (her media in it paused); Bob sees Alice hold him.
    let a = await waitForClient(alice.client, (s) => s.call?.callId === carolCall && s.call?.status === 'active' && callWith(s, 'bob')?.status === 'held');
    expect(callWith(a, 'bob')?.heldBy).toEqual(['alice']);
    await waitForClient(bob.client, (s) => s.call?.status === 'held' && s.call.heldBy.includes('alice'));
    // Alice's side of Bob's call sends nothing; Bob sees her tracks paused (muted), not gone.
    await waitForClient(bob.client, (s) => s.media?.remotes[0]?.micEnabled === false && s.media.remotes[0].cameraEnabled === false);
    expect(mediaOf(alice, 0)).toMatchObject({ mic: false, camera: false });
    await waitForStatus(carol.client, 'active');

    // Swap: Bob's call comes back, Carol's goes on hold.
    await alice.client.resume(bobCall);
    a = await waitForClient(alice.client, (s) => s.call?.callId === bobCall && s.call?.status === 'active' && callWith(s, 'carol')?.status === 'held');
    expect(a.calls).toHaveLength(2);
    await waitForClient(bob.client, (s) => s.call?.status === 'active');
    await waitForClient(carol.client, (s) => s.call?.status === 'held');
    await waitForClient(alice.client, (s) => s.media?.local?.micEnabled === true && s.media.local.cameraEnabled === true);
    await waitForClient(bob.client, (s) => s.media?.remotes[0]?.micEnabled === true && s.media.remotes[0].cameraEnabled === true);
    expect(mediaOf(alice, 1)).toMatchObject({ mic: false, camera: false });

    // Swap again, then Alice hangs up on Carol: Bob stays held, shown once the ended call is closed.
    await alice.client.resume(carolCall);
    await waitForClient(alice.client, (s) => s.call?.callId === carolCall && s.call?.status === 'active');
    await alice.client.hangup();
    await waitForStatus(carol.client, 'ended');
    a = await waitForClient(alice.client, (s) => s.call?.status === 'ended' && callWith(s, 'bob')?.status === 'held');
    expect(a.calls.map((call) => call.callId)).toEqual([bobCall]);
    expect(bob.client.getSnapshot().call?.status).toBe('held');
    alice.client.dismiss();
    await waitForClient(alice.client, (s) => s.call?.callId === bobCall && s.call?.status === 'held');
    await alice.client.resume();
    await Promise.all([waitForStatus(alice.client, 'active'), waitForStatus(bob.client, 'active')]);
  });

  it('end and accept: the active call ends for the other side, the new one connects', async () => {
    const { alice, bob, carol } = await aliceTalksWithBob();
    const carolCall = await carolCalls(alice.client, carol.client);
    await alice.client.accept(carolCall, { active: 'end' });
    await Promise.all([waitForStatus(bob.client, 'ended'), waitForStatus(carol.client, 'active')]);
    const a = await waitForClient(alice.client, (s) => s.call?.callId === carolCall && s.call?.status === 'active' && s.calls.length === 1);
    expect(a.calls[0]?.callId).toBe(carolCall);
  });

  it('declining a waiting call ends it busy for the caller; the call in progress goes on', async () => {
    const { alice, bob, carol } = await aliceTalksWithBob();
    const carolCall = await carolCalls(alice.client, carol.client);
    await alice.client.reject(carolCall);
    const c = await waitForStatus(carol.client, 'ended');
    expect(c.call?.endReason).toBe('busy');
    expect(alice.client.getSnapshot().call?.status).toBe('active');
    expect(bob.client.getSnapshot().call?.status).toBe('active');
    // For Alice it is a missed call, as in her server history.
    const a = await waitForClient(alice.client, (s) => s.missed.length > 0);
    expect(a.missed.map(({ call, reason }) => ({ callId: call.callId, from: call.from, reason }))).toEqual([
      { callId: carolCall, from: 'carol', reason: 'busy' },
    ]);
  });

  it('declining a call with no other call going on is not a missed call', async () => {
    world = createMemoryWorld();
    const [alice, carol] = ['alice', 'carol'].map((user) => world.client(user)) as [TestClient, TestClient];
    await Promise.all([alice, carol].map(({ client }) => client.connect()));
    const callId = await carol.client.call('alice');
    await waitForClient(alice.client, (s) => s.incoming.some((call) => call.callId === callId));
    await alice.client.reject(callId, { reason: 'busy' });
    await waitForStatus(carol.client, 'ended');
    const a = await waitForClient(alice.client, (s) => s.call?.status === 'ended');
    expect(a.missed).toEqual([]);
  });

  it('hold and resume without another call; hold twice is refused as invalid-state', async () => {
    const { alice, bob } = await aliceTalksWithBob();
    await alice.client.hold();
    expect(alice.client.getSnapshot().call).toMatchObject({ status: 'held', heldBy: ['alice'] });
    await waitForClient(bob.client, (s) => s.call?.status === 'held');
    await expect(alice.client.hold()).rejects.toMatchObject({ code: 'invalid-state' });
    await alice.client.resume();
    await Promise.all([waitForStatus(alice.client, 'active'), waitForStatus(bob.client, 'active')]);
  });
});
