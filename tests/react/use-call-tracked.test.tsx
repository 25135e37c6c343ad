/**
 * `useCall` re-renders only for the fields a component read (tracked results), counted
 * as React commits with `<Profiler>`, on real ring clients over the memory hub with fake
 * media (statistics every 3 s), in StrictMode and without.
 */
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { Profiler, StrictMode, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RingClient } from '../../src/core/ring-client.js';
import { RingProvider } from '../../src/react/provider.js';
import { useCall } from '../../src/react/use-call.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

const STATS_INTERVAL_MS = 3_000;
let world: MemoryWorld | undefined;

/** Advance the fake clock one second at a time, letting React commit after each. */
function advanceSeconds(seconds: number) {
  for (let second = 0; second < seconds; second += 1) act(() => vi.advanceTimersByTime(1_000));
}

afterEach(async () => {
  cleanup();
  vi.useRealTimers();
  await world?.close();
  world = undefined;
});

function StatusOnly() {
  const { status } = useCall();
  return <p>{status}</p>;
}

function DurationOnly() {
  const { duration } = useCall();
  return <time>{duration.formatted}</time>;
}

function RemotesOnly() {
  const { remoteParticipants } = useCall();
  return <ul>{remoteParticipants.map((participant) => <li key={participant.identity}>{participant.micEnabled ? 'mic on' : 'mic off'}</li>)}</ul>;
}

function tree(strict: boolean, client: RingClient, children: ReactNode) {
  const content = <RingProvider client={client}>{children}</RingProvider>;
  return strict ? <StrictMode>{content}</StrictMode> : content;
}

/** Renders each component under its own `<Profiler>`; `commits` counts commits per id from now on. */
function renderProfiled(strict: boolean, client: RingClient, components: Record<string, () => ReactNode>) {
  const commits: Record<string, number> = {};
  const onRender: ProfilerOnRenderCallback = (id) => {
    commits[id] = (commits[id] ?? 0) + 1;
  };
  const profiled = Object.entries(components).map(([id, Component]) => (
    <Profiler key={id} id={id} onRender={onRender}>
      <Component />
    </Profiler>
  ));
  render(tree(strict, client, profiled));
  for (const id of Object.keys(components)) commits[id] = 0;
  return commits;
}

/** Alice and Bob in an active video call; timers that tick (stats, duration) are fake from the start. */
async function activeCall() {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  world = createMemoryWorld();
  const alice = world.client('alice', { fake: { statsIntervalMs: STATS_INTERVAL_MS } });
  const bob = world.client('bob', { fake: { statsIntervalMs: STATS_INTERVAL_MS } });
  await Promise.all([alice.client.connect(), bob.client.connect()]);
  await alice.client.call('bob', { video: true });
  await waitForClient(bob.client, (snapshot) => snapshot.incoming.length === 1);
  await bob.client.accept();
  await waitForStatus(alice.client, 'active');
  await waitForClient(alice.client, (snapshot) => (snapshot.media?.remotes.length ?? 0) > 0);
  return { alice: alice.client, bob: bob.client };
}

describe.each([
  ['StrictMode', true],
  ['without StrictMode', false],
] as const)('useCall tracked fields (%s)', (_mode, strict) => {
  it('a component reading only status skips duration ticks, stats and remote mute; one reading duration ticks', async () => {
    const { alice, bob } = await activeCall();
    const commits = renderProfiled(strict, alice, { status: StatusOnly, duration: DurationOnly, remotes: RemotesOnly });

    const statsBefore = alice.getSnapshot().media?.stats?.at;
    advanceSeconds(10);
    expect(alice.getSnapshot().media?.stats?.at).not.toBe(statsBefore);
    expect(commits).toEqual({ status: 0, duration: 10, remotes: 0 });

    await act(async () => bob.setMicrophoneEnabled(false));
    await waitFor(() => expect(alice.getSnapshot().call?.remote.bob?.micEnabled).toBe(false));
    await waitFor(() => expect(commits.remotes).toBeGreaterThan(0));
    expect(commits.status).toBe(0);
    expect(commits.duration).toBe(10);

    await act(async () => alice.hangup());
    await waitFor(() => expect(commits.status).toBe(1));
    expect(document.querySelector('p')?.textContent).toBe('ended');
  });

  it('a field read after render (in a handler, or here) has its latest value, and is tracked from then on', async () => {
    const { alice } = await activeCall();
    const { result } = renderHook(() => useCall(), { wrapper: ({ children }) => tree(strict, alice, children) });
    const first = result.current;
    expect(first.status).toBe('active');
    await act(async () => alice.setMicrophoneEnabled(false));
    expect(result.current).toBe(first); // not read yet: no re-render
    expect(first.micEnabled).toBe(false); // the latest value, though
    await act(async () => alice.setMicrophoneEnabled(true));
    await waitFor(() => expect(result.current).not.toBe(first)); // read now: re-rendered
    expect(result.current.micEnabled).toBe(true);
  });

  it('a component reading no field does not re-render for call changes, and spreading the result reads every field', async () => {
    const { alice } = await activeCall();
    function ActionsOnly() {
      const { hangup } = useCall();
      return <button onClick={() => void hangup()}>hang up</button>;
    }
    function Spread() {
      const all = { ...useCall() };
      return <p data-seconds={all.duration.seconds}>{all.status}</p>;
    }
    const commits = renderProfiled(strict, alice, { actions: ActionsOnly, spread: Spread });
    advanceSeconds(2);
    expect(commits).toEqual({ actions: 0, spread: 2 });
  });
});
