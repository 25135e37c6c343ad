/**
 * React renders page: two ring clients on the in-memory hub with fake media, each with a component
 * using `useCall`, one using only `useIncomingCall`, and `<CallView>`, each under a `<Profiler>`.
 * `window.__renders.run(activeMs)` plays one full call (ring, accept, active, hang up) and returns
 * the commits of each profiled tree, phase by phase. Built with React's development build (the
 * Profiler reports nothing in production builds).
 *
 * @packageDocumentation
 */
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { createRingClient, type RingClient } from '../../src/core.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing.js';
import { createMemoryHub } from '../../src/testing/memory-hub.js';
import { CallView, RingProvider, useCall, useIncomingCall } from '../../src/index.js';

/** Phases of the call, in order. */
export const PHASES = ['connect', 'ringing', 'answering', 'active', 'hangup'] as const;
/** A phase of the call. */
export type Phase = (typeof PHASES)[number];
/** Commits per profiled tree (`<side>:<tree>`) per phase. */
export type RenderCounts = Record<string, Record<Phase, number>>;

/** What the page exposes on `window.__renders`. */
export interface RendersPage {
  /** Plays one full call with `activeMs` of talking; resolves with the counts. */
  run(activeMs: number, statsIntervalMs: number): Promise<RenderCounts>;
}

declare global {
  interface Window {
    __renders?: RendersPage;
  }
}

const STEP_TIMEOUT_MS = 10_000;
const SETTLE_MS = 100;
const counts: RenderCounts = {};
let phase: Phase = 'connect';

const onRender: ProfilerOnRenderCallback = (id) => {
  counts[id] ??= { connect: 0, ringing: 0, answering: 0, active: 0, hangup: 0 };
  counts[id][phase] += 1;
};

/** Reads only `useCall().status`. */
function CallStatus() {
  const { status } = useCall();
  return <p data-status={status}>{status}</p>;
}

function IncomingOnly() {
  const incoming = useIncomingCall();
  return <p>{incoming.call ? `incoming from ${incoming.call.from}` : 'nothing ringing'}</p>;
}

function Side({ side, client }: { side: string; client: RingClient }) {
  return (
    <RingProvider client={client}>
      <Profiler id={`${side}:useCall`} onRender={onRender}>
        <CallStatus />
      </Profiler>
      <Profiler id={`${side}:useIncomingCall`} onRender={onRender}>
        <IncomingOnly />
      </Profiler>
      <Profiler id={`${side}:CallView`} onRender={onRender}>
        <CallView />
      </Profiler>
    </RingProvider>
  );
}

/** Resolves once `done()` holds after a change of `client`, or rejects after the step timeout. */
function until(client: RingClient, what: string, done: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve();
    const timer = window.setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, STEP_TIMEOUT_MS);
    const unsubscribe = client.subscribe(() => {
      if (!done()) return;
      window.clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

const status = (client: RingClient) => client.getSnapshot().call?.status;

/**
 * Lets React commit what the last phase scheduled before the next phase starts. The memory hub
 * answers in microtasks, so without a pause a whole call could pass before React's first commit.
 */
const settle = () => new Promise((resolve) => window.setTimeout(resolve, SETTLE_MS));

async function run(activeMs: number, statsIntervalMs: number): Promise<RenderCounts> {
  const hub = createMemoryHub();
  const mediaHub = createFakeMediaHub();
  const client = (user: string) =>
    createRingClient({
      transport: hub.transport(user),
      media: () => createFakeMedia({ user, hub: mediaHub, statsIntervalMs }),
    });
  const alice = client('alice');
  const bob = client('bob');
  const root = document.getElementById('root');
  if (!root) throw new Error('no #root');
  createRoot(root).render(
    <>
      <Side side="caller" client={alice} />
      <Side side="callee" client={bob} />
    </>,
  );
  await Promise.all([alice.connect(), bob.connect()]);
  await settle();
  phase = 'ringing';
  void alice.call('bob', { video: true });
  await until(bob, 'the call to ring', () => bob.getSnapshot().incoming.length > 0);
  await until(alice, 'the caller to hear ringing', () => status(alice) === 'ringing');
  await settle();
  phase = 'answering';
  void bob.accept(undefined, { video: true });
  await until(bob, 'the callee to be active', () => status(bob) === 'active');
  await until(alice, 'the caller to be active', () => status(alice) === 'active');
  await settle();
  phase = 'active';
  await new Promise((resolve) => window.setTimeout(resolve, activeMs));
  phase = 'hangup';
  void alice.hangup();
  await until(bob, 'the call to end', () => status(bob) === 'ended');
  await until(alice, 'the call to end', () => status(alice) === 'ended');
  await settle();
  return counts;
}

window.__renders = { run };
