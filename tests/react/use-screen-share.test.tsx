/**
 * useScreenShare against real ring clients on the memory hub with fake media: start, the other side
 * sees who shares, stop, the browser's own "Stop sharing", an unsupported browser, a cancelled picker.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { isRingError } from '../../src/core/errors.js';
import type { RingClient } from '../../src/core/ring-client.js';
import type { FakeMediaOptions } from '../../src/testing/fake-media.js';
import { RingProvider } from '../../src/react/provider.js';
import { useScreenShare } from '../../src/react/use-screen-share.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;

afterEach(async () => {
  cleanup();
  await world?.close();
  world = undefined;
});

async function activeCall(aliceMedia: FakeMediaOptions = {}) {
  world = createMemoryWorld();
  const alice = world.client('alice', { fake: aliceMedia });
  const bob = world.client('bob');
  await Promise.all([alice.client.connect(), bob.client.connect()]);
  await alice.client.call('bob', { video: true });
  await waitForClient(bob.client, (s) => s.incoming.length === 1);
  await bob.client.accept();
  await waitForStatus(alice.client, 'active');
  await waitForStatus(bob.client, 'active');
  return { alice, bob };
}

describe.each([
  ['StrictMode', true],
  ['without StrictMode', false],
] as const)('useScreenShare (%s)', (_mode, strict) => {
  const hook = (client: RingClient) =>
    renderHook(() => useScreenShare(), {
      wrapper: ({ children }: { children: ReactNode }) => {
        const tree = <RingProvider client={client}>{children}</RingProvider>;
        return strict ? <StrictMode>{tree}</StrictMode> : tree;
      },
    });

  it('shares, the other side sees who shares, and stopping (asked or from the browser) turns it off', async () => {
    const { alice, bob } = await activeCall();
    const aliceScreen = hook(alice.client);
    const bobScreen = renderHook(() => useScreenShare({ client: bob.client }));
    expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off', supported: true, available: true, sharers: [] });

    await act(() => aliceScreen.result.current.start());
    expect(aliceScreen.result.current).toMatchObject({ sharing: true, status: 'on', error: undefined });
    expect(alice.client.getSnapshot().media?.local?.screenSharing).toBe(true);
    await waitFor(() => expect(bobScreen.result.current.sharers).toEqual(['alice']));
    expect(bob.client.getSnapshot().call?.remote.alice?.screenSharing).toBe(true);
    expect(bobScreen.result.current.sharing).toBe(false);

    await act(() => aliceScreen.result.current.stop());
    expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off' });
    await waitFor(() => expect(bobScreen.result.current.sharers).toEqual([]));

    await act(() => aliceScreen.result.current.start());
    await waitFor(() => expect(bobScreen.result.current.sharers).toEqual(['alice']));
    act(() => alice.sessions[0]?.simulateScreenShareEnded());
    await waitFor(() => expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off', available: true }));
    await waitFor(() => expect(bobScreen.result.current.sharers).toEqual([]));
    expect(alice.client.getSnapshot().call?.status).toBe('active');
  });

  it('a browser that cannot share: unsupported, and start rejects with a typed error', async () => {
    const { alice } = await activeCall({ screenShare: false });
    const aliceScreen = hook(alice.client);
    expect(aliceScreen.result.current.supported).toBe(false);
    const failure = await act(() => aliceScreen.result.current.start().catch((error: unknown) => error));
    expect(isRingError(failure, 'media')).toBe(true);
    expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off', error: { code: 'unsupported' } });
  });

  it('a cancelled picker: permission-denied, sharing stays off and the call, microphone and camera go on', async () => {
    const { alice, bob } = await activeCall({ screenShare: 'permission-denied' });
    const aliceScreen = hook(alice.client);
    const failure = await act(() => aliceScreen.result.current.start().catch((error: unknown) => error));
    expect(isRingError(failure, 'media')).toBe(true);
    expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off', error: { code: 'permission-denied' } });
    expect(alice.client.getSnapshot().call).toMatchObject({ status: 'active', micEnabled: true, cameraEnabled: true });
    expect(alice.client.getSnapshot().call?.deviceError).toBeUndefined();
    expect(bob.client.getSnapshot().call?.remote.alice?.screenSharing).toBeUndefined();
  });

  it('outside a call: not available, and start rejects with no-call', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice');
    await alice.client.connect();
    const aliceScreen = hook(alice.client);
    expect(aliceScreen.result.current).toMatchObject({ sharing: false, available: false, sharers: [] });
    const failure = await act(() => aliceScreen.result.current.start().catch((error: unknown) => error));
    expect(isRingError(failure, 'no-call')).toBe(true);
  });

  it('the call ends while sharing: the share is off and its error gone', async () => {
    const { alice, bob } = await activeCall();
    const aliceScreen = hook(alice.client);
    await act(() => aliceScreen.result.current.start());
    await act(() => bob.client.hangup());
    await waitFor(() => expect(aliceScreen.result.current).toMatchObject({ sharing: false, status: 'off', available: false }));
    expect(alice.sessions[0]?.getSnapshot().local).toBeUndefined();
  });
});
