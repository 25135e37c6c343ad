import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryHub, type MemoryHub } from '../../src/testing/memory-hub.js';
import type { SignalingTransport } from '../../src/core/signaling/transport.js';
import { recordingClient, rid, type TestClient } from '../helpers/server-client.js';

let hub: MemoryHub;
afterEach(() => hub?.close());

async function connect(user: string): Promise<{ client: TestClient; transport: SignalingTransport; closes: number[] }> {
  const transport = hub.transport(user)();
  const { client, receive } = recordingClient(user, (message) => transport.send(message));
  const closes: number[] = [];
  transport.onMessage(receive);
  transport.onClose((info) => closes.push(info.code));
  await transport.open();
  await client.hello();
  return { client, transport, closes };
}

describe('memory hub', () => {
  it('runs a call between two users with fake LiveKit grants', async () => {
    hub = createMemoryHub();
    const alice = await connect('alice');
    const bob = await connect('bob');
    const invited = await alice.client.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    expect(invited).toMatchObject({ type: 'invited', livekit: { url: 'memory://', room: 'c1' } });
    await bob.client.next('incoming');
    bob.client.send({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' });
    expect(await bob.client.next('answered')).toMatchObject({ livekit: { url: 'memory://', identity: `bob#${bob.client.device}` } });
    await alice.client.next('accepted');
  });

  it('answers invalid messages with a typed error instead of passing them on', async () => {
    hub = createMemoryHub();
    const alice = await connect('alice');
    const bad = { type: 'invite', id: 'x1', callId: 'c1', to: [], media: 'video' } as unknown as Parameters<SignalingTransport['send']>[0];
    alice.transport.send(bad);
    expect(await alice.client.next('error')).toMatchObject({ code: 'bad-message', replyTo: 'x1' });
  });

  it('drops a user abruptly and lets the device resume its session within the grace period', async () => {
    hub = createMemoryHub({ graceMs: 1_000 });
    const alice = await connect('alice');
    const bob = await connect('bob');
    await alice.client.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    await bob.client.next('incoming');
    await bob.client.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' });
    hub.drop('alice');
    await expect.poll(() => alice.closes).toEqual([1006]);
    const again = hub.transport('alice')();
    const { client, receive } = recordingClient('alice', (message) => again.send(message));
    again.onMessage(receive);
    await again.open();
    const welcome = await client.hello(alice.client.session);
    expect(welcome).toMatchObject({ resumed: true, device: alice.client.device, calls: [{ callId: 'c1', status: 'active' }] });
    expect(bob.client.pending('ended')).toEqual([]);
  });

  it('ends the calls of a device that does not come back with connection-lost', async () => {
    hub = createMemoryHub({ graceMs: 0 });
    const alice = await connect('alice');
    const bob = await connect('bob');
    await alice.client.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    await bob.client.next('incoming');
    await bob.client.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' });
    alice.transport.close();
    expect(await bob.client.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'connection-lost', by: 'alice' });
  });
});
