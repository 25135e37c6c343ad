/**
 * The ring client's edges: device choices applied mid-call, server rendering
 * of the hooks without `window`, and the store's stable snapshots.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeviceManager } from '../../src/core/media/devices.js';
import { createRingClient } from '../../src/core/ring-client.js';
import { RingProvider } from '../../src/react/provider.js';
import { useCall } from '../../src/react/use-call.js';
import { useCallDuration } from '../../src/react/use-call-duration.js';
import { useIncomingCall } from '../../src/react/use-incoming-call.js';
import { usePresence } from '../../src/react/use-presence.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';
import { FakeMediaDevices, MemoryStorage } from '../helpers/fake-media-devices.js';

let world: MemoryWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('ring client edges', () => {
  it('applies a device chosen in the device manager to the live call and to the next join', async () => {
    world = createMemoryWorld();
    const mediaDevices = new FakeMediaDevices(
      [
        { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in' },
        { deviceId: 'mic-2', kind: 'audioinput', label: 'Headset' },
      ],
      true,
    );
    const devices = createDeviceManager({ mediaDevices, storage: new MemoryStorage(), permissions: null });
    await devices.refresh();
    const alice = world.client('alice', { devices });
    const bob = world.client('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    await waitForStatus(alice.client, 'active');
    const session = alice.sessions.at(-1);
    if (!session) throw new Error('no media session');
    const switchDevice = vi.spyOn(session, 'switchDevice');
    expect(devices.select('audioinput', 'mic-2')).toBe(true);
    await vi.waitFor(() => expect(switchDevice).toHaveBeenCalledWith('audioinput', 'mic-2'), { timeout: 2_000 });
  });

  it('renders hooks on the server without window, navigator or a connection', () => {
    expect(typeof window).toBe('undefined');
    const client = createRingClient({ url: 'wss://calls.example.com' });
    function Page() {
      const { status } = useCall();
      const { call } = useIncomingCall();
      const { formatted } = useCallDuration();
      const { status: presence } = usePresence({ watch: ['bob'] });
      return createElement('p', null, `${status} ${call ? 'ringing' : 'quiet'} ${formatted} ${presence}`);
    }
    const html = renderToString(createElement(RingProvider, { client }, createElement(Page)));
    expect(html).toBe('<p>idle quiet 0:00 available</p>');
    expect(client.getSnapshot().connection).toBe('idle');
  });

  it('keeps the snapshot object until something changes', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice');
    const first = alice.client.getSnapshot();
    expect(alice.client.getSnapshot()).toBe(first);
    await alice.client.connect();
    const connected = alice.client.getSnapshot();
    expect(connected).not.toBe(first);
    await alice.client.setPresence('available');
    expect(alice.client.getSnapshot()).toBe(connected);
  });

  it('needs a url or a transport', () => {
    expect(() => createRingClient({})).toThrow(/url/);
  });
});
