/**
 * ringkit's hooks against real ring clients on the memory hub (the server's
 * call rules in-process) with fake media, rendered with Testing Library, in
 * StrictMode and without.
 */
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RingClient } from '../../src/core/ring-client.js';
import { RingProvider } from '../../src/react/provider.js';
import { useCall } from '../../src/react/use-call.js';
import { useCallDuration } from '../../src/react/use-call-duration.js';
import { useCallHistory } from '../../src/react/use-call-history.js';
import { useCallMessages } from '../../src/react/use-call-messages.js';
import { useCallStats } from '../../src/react/use-call-stats.js';
import { useConnectionQuality } from '../../src/react/use-connection-quality.js';
import { useIncomingCall } from '../../src/react/use-incoming-call.js';
import { usePresence } from '../../src/react/use-presence.js';
import { useMaybeRingClient, useRingClient } from '../../src/react/use-ring-client.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld | undefined;

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await world?.close();
  world = undefined;
});

/** A phone UI built only from the hooks. */
function Phone({ callee }: { callee: string }) {
  const { status, startCall, hangup, toggleMicrophone, micEnabled, remoteParticipants, call, endReason, endedBy } = useCall();
  const { call: ringing, accept, reject } = useIncomingCall();
  const self = useRingClient().getSnapshot().user ?? '?';
  return (
    <section aria-label={`phone ${self}`} data-status={status}>
      <p>status: {status}</p>
      {status === 'idle' || status === 'ended' ? <button onClick={() => void startCall(callee, { video: true })}>call {callee}</button> : null}
      {ringing ? (
        <div role="alertdialog" aria-label={`call from ${ringing.from}`}>
          <button onClick={() => void accept({ video: false })}>answer</button>
          <button onClick={() => void reject()}>decline</button>
        </div>
      ) : null}
      {status === 'active' ? (
        <>
          <button onClick={() => void toggleMicrophone()}>{micEnabled ? 'mute' : 'unmute'}</button>
          <button onClick={() => void hangup()}>hang up</button>
        </>
      ) : null}
      <ul aria-label="remotes">
        {remoteParticipants.map((participant) => (
          <li key={participant.identity}>
            {participant.user} mic {call?.remote[participant.user]?.micEnabled ? 'on' : 'off'}
          </li>
        ))}
      </ul>
      {endReason ? (
        <p>
          ended: {endReason} by {endedBy ?? 'server'}
        </p>
      ) : null}
    </section>
  );
}

function wrap(strict: boolean, client: RingClient, children: ReactNode) {
  const tree = <RingProvider client={client}>{children}</RingProvider>;
  return strict ? <StrictMode>{tree}</StrictMode> : tree;
}

function wrapper(strict: boolean, client: RingClient) {
  return ({ children }: { children: ReactNode }) => wrap(strict, client, children);
}

async function connectedPair() {
  world = createMemoryWorld();
  const alice = world.client('alice');
  const bob = world.client('bob');
  await Promise.all([alice.client.connect(), bob.client.connect()]);
  return { alice, bob };
}

async function activeCall() {
  const pair = await connectedPair();
  await pair.alice.client.call('bob', { video: true });
  await waitForClient(pair.bob.client, (s) => s.incoming.length === 1);
  await pair.bob.client.accept();
  await waitForStatus(pair.alice.client, 'active');
  return pair;
}

describe.each([
  ['StrictMode', true],
  ['without StrictMode', false],
] as const)('hooks (%s)', (_mode, strict) => {
  it('a full call between two clients: ring, answer audio-only, mute, hang up', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice');
    const bob = world.client('bob');
    render(
      <>
        {wrap(strict, alice.client, <Phone callee="bob" />)}
        {wrap(strict, bob.client, <Phone callee="alice" />)}
      </>,
    );
    await waitFor(() => expect(alice.client.getSnapshot().connection).toBe('connected'));
    await waitFor(() => expect(bob.client.getSnapshot().connection).toBe('connected'));
    const alicePhone = () => screen.getByRole('region', { name: 'phone alice' });
    const bobPhone = () => screen.getByRole('region', { name: 'phone bob' });

    await act(async () => screen.getByRole('button', { name: 'call bob' }).click());
    // The first ring of the file waits for the call machine's on-demand load (a cold transform on a loaded machine can take seconds).
    const dialog = await screen.findByRole('alertdialog', { name: 'call from alice' }, { timeout: 15_000 });
    await waitFor(() => expect(alicePhone().dataset.status).toBe('ringing'));

    await act(async () => dialog.querySelector('button')?.click());
    await waitFor(() => expect(bobPhone().dataset.status).toBe('active'));
    await waitFor(() => expect(alicePhone().dataset.status).toBe('active'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(alicePhone().textContent).toContain('bob mic on'));
    expect(bob.client.getSnapshot().call).toMatchObject({ media: 'audio', cameraEnabled: false });

    await act(async () => bobPhone().querySelector<HTMLButtonElement>('button')?.click());
    await waitFor(() => expect(alicePhone().textContent).toContain('bob mic off'));
    expect(bobPhone().textContent).toContain('unmute');

    const hangUp = [...alicePhone().querySelectorAll('button')].find((button) => button.textContent === 'hang up');
    await act(async () => hangUp?.click());
    await waitFor(() => expect(bobPhone().textContent).toContain('ended: completed by alice'));
    expect(alicePhone().textContent).toContain('ended: completed by alice');
  });

  it('useIncomingCall does not re-render while an active call changes', async () => {
    const { alice, bob } = await activeCall();
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        return useIncomingCall();
      },
      { wrapper: wrapper(strict, bob.client) },
    );
    expect(result.current.call).toBeNull();
    const before = renders;
    await act(async () => {
      await bob.client.setMicrophoneEnabled(false);
      await bob.client.setCameraEnabled(true);
      await alice.client.setMicrophoneEnabled(false);
    });
    await waitForClient(bob.client, (s) => s.call?.remote.alice?.micEnabled === false);
    expect(renders).toBe(before);
  });

  it('useIncomingCall lists ringing calls and declines one', async () => {
    const { alice, bob } = await connectedPair();
    const { result } = renderHook(() => useIncomingCall(), { wrapper: wrapper(strict, bob.client) });
    expect(result.current).toMatchObject({ call: null, calls: [] });
    await act(async () => {
      await alice.client.call('bob', { extra: { subject: 'lunch' } });
    });
    await waitFor(() => expect(result.current.call).toMatchObject({ from: 'alice', extra: { subject: 'lunch' } }));
    expect(result.current.calls).toHaveLength(1);
    await act(async () => result.current.reject());
    await waitFor(() => expect(result.current.call).toBeNull());
    expect(alice.client.getSnapshot().call).toMatchObject({ endReason: 'declined', endedBy: 'bob' });
  });

  it('useCall exposes errors as values, and participants with their media state', async () => {
    const { alice } = await activeCall();
    const { result } = renderHook(() => useCall(), { wrapper: wrapper(strict, alice.client) });
    expect(result.current).toMatchObject({ status: 'active', inCall: true, micEnabled: true, cameraEnabled: true });
    expect(result.current.localParticipant?.user).toBe('alice');
    expect(result.current.remoteParticipants.map((participant) => participant.user)).toEqual(['bob']);
    await act(async () => {
      await expect(result.current.startCall('carol')).rejects.toMatchObject({ code: 'already-in-call' });
    });
    expect(result.current.error?.code).toBe('already-in-call');
    await act(async () => result.current.hangup());
    expect(result.current).toMatchObject({ status: 'ended', inCall: false, endReason: 'completed', endedBy: 'alice' });
    act(() => result.current.dismiss());
    expect(result.current).toMatchObject({ status: 'idle', call: null, error: null });
  });

  it('useCallDuration ticks once a second while answered', async () => {
    const { alice } = await activeCall();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { result } = renderHook(() => useCallDuration(), { wrapper: wrapper(strict, alice.client) });
    expect(result.current).toMatchObject({ running: true, seconds: 0, formatted: '0:00' });
    act(() => vi.advanceTimersByTime(65_000));
    expect(result.current).toMatchObject({ seconds: 65, formatted: '1:05' });
    vi.useRealTimers();
    await act(async () => alice.client.hangup());
    expect(result.current.running).toBe(false);
  });

  it('usePresence watches users and sets this user status', async () => {
    const { alice, bob } = await connectedPair();
    const { result } = renderHook(() => usePresence({ watch: ['bob', 'carol'] }), { wrapper: wrapper(strict, alice.client) });
    await waitFor(() => expect(result.current.users).toEqual({ bob: 'available', carol: 'offline' }));
    await act(async () => bob.client.setPresence('do-not-disturb'));
    await waitFor(() => expect(result.current.users.bob).toBe('do-not-disturb'));
    await act(async () => result.current.setStatus('do-not-disturb'));
    expect(result.current.status).toBe('do-not-disturb');
  });

  it('useCallHistory fetches history and reports missed calls', async () => {
    const { alice, bob } = await connectedPair();
    const onMissed = vi.fn();
    const { result } = renderHook(() => useCallHistory({ onMissed }), { wrapper: wrapper(strict, bob.client) });
    await waitFor(() => expect(result.current.history).toEqual([]));
    await act(async () => {
      await alice.client.call('bob');
      await waitForClient(bob.client, (s) => s.incoming.length === 1);
      await alice.client.cancel();
    });
    await waitFor(() => expect(onMissed).toHaveBeenCalledTimes(1));
    expect(onMissed.mock.calls[0]?.[0]).toMatchObject({ reason: 'cancelled', call: { from: 'alice' } });
    expect(result.current.missed).toHaveLength(1);
    await waitFor(() => expect(result.current.history[0]).toMatchObject({ direction: 'incoming', missed: true, reason: 'cancelled' }));
  });

  it('useConnectionQuality and useCallStats follow the media session', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice', { fake: { statsIntervalMs: 20, network: { rttMs: 55 } } });
    const bob = world.client('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    await waitForStatus(alice.client, 'active');
    const { result } = renderHook(() => ({ quality: useConnectionQuality(), stats: useCallStats() }), {
      wrapper: wrapper(strict, alice.client),
    });
    await waitFor(() => expect(result.current.stats?.rttMs).toBe(55));
    expect(result.current.quality).toMatchObject({ signaling: 'connected', reconnecting: false });
    await act(async () => alice.sessions.at(-1)?.simulateReconnecting());
    expect(result.current.quality.reconnecting).toBe(true);
    await act(async () => alice.sessions.at(-1)?.simulateReconnected());
    expect(result.current.quality.reconnecting).toBe(false);
    await waitFor(() => expect(result.current.quality.remotes.bob).toBeDefined());
  });

  it('useCallMessages sends and receives in-call messages', async () => {
    const { alice, bob } = await activeCall();
    const onMessage = vi.fn();
    const aliceHook = renderHook(() => useCallMessages({ kind: 'chat' }), { wrapper: wrapper(strict, alice.client) });
    const bobHook = renderHook(() => useCallMessages({ onMessage }), { wrapper: wrapper(strict, bob.client) });
    await act(async () => aliceHook.result.current.send('chat', { text: 'hello' }));
    await waitFor(() => expect(bobHook.result.current.messages).toHaveLength(1));
    expect(bobHook.result.current.messages[0]).toMatchObject({ from: 'alice', kind: 'chat', data: { text: 'hello' } });
    expect(aliceHook.result.current.messages).toMatchObject([{ from: 'alice', data: { text: 'hello' } }]);
    expect(onMessage).toHaveBeenCalledTimes(1);
  });

  it('a denied microphone and camera show as a typed device error on the call', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice', { fake: { failWith: 'permission-denied' } });
    const bob = world.client('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    const { result } = renderHook(() => useCall(), { wrapper: wrapper(strict, alice.client) });
    await act(async () => {
      await result.current.startCall('bob', { video: true });
    });
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await act(async () => bob.client.accept());
    await waitFor(() => expect(result.current.status).toBe('active'));
    expect(result.current.call?.deviceError).toMatchObject({ code: 'permission-denied' });
    expect(result.current.micEnabled || result.current.cameraEnabled).toBe(false);
  });
});

describe('client context', () => {
  it('useRingClient throws a clear error outside <RingProvider>; useMaybeRingClient returns null', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useRingClient())).toThrow(/RingProvider/);
    spy.mockRestore();
    expect(renderHook(() => useMaybeRingClient()).result.current).toBeNull();
  });

  it('hooks accept an explicit client without a provider', async () => {
    const { alice } = await connectedPair();
    const { result } = renderHook(() => ({ call: useCall(alice.client), incoming: useIncomingCall(alice.client) }));
    expect(result.current.call.status).toBe('idle');
    expect(result.current.incoming.call).toBeNull();
  });
});
