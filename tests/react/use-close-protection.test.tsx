/**
 * The leave-page warning against real ring clients on the memory hub with fake media:
 * `beforeunload` is cancelled only while a live call exists, in StrictMode and without.
 * (Real Chromium's dialog is checked in tests/e2e/leave-warning.test.ts.)
 */
import { cleanup, render } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { hasLiveCall, protectClose } from '../../src/core/page/close-protection.js';
import type { RingClient } from '../../src/core/ring-client.js';
import { RingProvider } from '../../src/react/provider.js';
import { useCloseProtection, type UseCloseProtectionOptions } from '../../src/react/use-close-protection.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';
import { currentCall } from './components-client.js';

let world: MemoryWorld | undefined;

afterEach(async () => {
  cleanup();
  await world?.close();
  world = undefined;
});

/** Whether the page would ask now: a cancelable `beforeunload` that some listener cancelled. */
function wouldAsk(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

function Protected(props: UseCloseProtectionOptions) {
  useCloseProtection(props);
  return null;
}

function wrap(strict: boolean, client: RingClient, children: ReactNode) {
  const tree = <RingProvider client={client} connect={false}>{children}</RingProvider>;
  return strict ? <StrictMode>{tree}</StrictMode> : tree;
}

async function connectedPair() {
  world = createMemoryWorld();
  const alice = world.client('alice').client;
  const bob = world.client('bob').client;
  await Promise.all([alice.connect(), bob.connect()]);
  return { alice, bob };
}

describe('hasLiveCall', () => {
  it('is true from placing a call until it ends, also for a call on hold, and false for a call only ringing on this device', () => {
    expect(hasLiveCall({ call: null, calls: [] })).toBe(false);
    for (const status of ['calling', 'ringing', 'answering', 'connecting', 'active', 'reconnecting', 'held'] as const) {
      expect(hasLiveCall({ call: currentCall({ status }), calls: [] }), status).toBe(true);
    }
    const ringingHere = currentCall({ status: 'incoming', direction: 'incoming' });
    expect(hasLiveCall({ call: ringingHere, calls: [ringingHere] })).toBe(false);
    const ended = currentCall({ status: 'ended', endReason: 'completed' });
    expect(hasLiveCall({ call: ended, calls: [] })).toBe(false);
    // The shown call ended while another one waits on hold.
    expect(hasLiveCall({ call: ended, calls: [currentCall({ callId: 'call-2', status: 'held' })] })).toBe(true);
  });
});

describe.each([
  ['StrictMode', true],
  ['without StrictMode', false],
] as const)('useCloseProtection (%s)', (_mode, strict) => {
  it("asks on the caller's page from ringing until hang up, not before nor after", async () => {
    const { alice, bob } = await connectedPair();
    render(wrap(strict, alice, <Protected />));
    expect(wouldAsk()).toBe(false);

    await alice.call('bob', { video: true });
    await waitForStatus(alice, 'ringing');
    expect(wouldAsk()).toBe(true);

    await waitForClient(bob, (snapshot) => snapshot.incoming.length === 1);
    await bob.accept();
    await waitForStatus(alice, 'active');
    expect(wouldAsk()).toBe(true);

    await bob.hangup();
    await waitForStatus(alice, 'ended');
    expect(wouldAsk()).toBe(false);
  });

  it("asks on the callee's page only once he answered", async () => {
    const { alice, bob } = await connectedPair();
    render(wrap(strict, bob, <Protected />));
    await alice.call('bob');
    await waitForClient(bob, (snapshot) => snapshot.incoming.length === 1);
    expect(wouldAsk()).toBe(false);

    await bob.accept();
    await waitForStatus(bob, 'active');
    expect(wouldAsk()).toBe(true);

    await alice.hangup();
    await waitForStatus(bob, 'ended');
    expect(wouldAsk()).toBe(false);
  });

  it('stops when unmounted or turned off during a call', async () => {
    const { alice, bob } = await connectedPair();
    const view = render(wrap(strict, alice, <Protected />));
    await alice.call('bob');
    await waitForStatus(alice, 'ringing');
    expect(wouldAsk()).toBe(true);

    view.rerender(wrap(strict, alice, <Protected enabled={false} />));
    expect(wouldAsk()).toBe(false);
    view.rerender(wrap(strict, alice, <Protected client={alice} />));
    expect(wouldAsk()).toBe(true);
    view.unmount();
    expect(wouldAsk()).toBe(false);
    await bob.reject();
  });
});

describe('protectClose', () => {
  it('works without React and stops on demand', async () => {
    const { alice, bob } = await connectedPair();
    await alice.call('bob');
    await waitForStatus(alice, 'ringing');
    const stop = protectClose(alice);
    expect(wouldAsk()).toBe(true);
    stop();
    expect(wouldAsk()).toBe(false);
    await bob.reject();
  });
});
