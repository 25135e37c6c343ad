/**
 * Model-based tests of the call machine with xstate/graph: every state is
 * reachable, and every simple path from idle to ended runs against a real
 * actor (on a simulated clock) with context assertions at each step.
 */
import { describe, expect, it } from 'vitest';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { callMachine, callStatusOf, type CallMachineEvent, type CallMachineSnapshot } from '../../src/core/call-machine.js';
import { ClientMessageSchema } from '../../src/protocol/protocol.js';
import { answeredCall, grantFor, ringingCall, startCallActor, TEST_TIMEOUTS } from '../helpers/client-fixtures.js';

const SELF = 'alice';
const PEER = 'bob';

/** The events the model may take from a state (payloads chosen per state). */
function eventsFor(snapshot: CallMachineSnapshot, withHolds = false): CallMachineEvent[] {
  const common: CallMachineEvent[] = [
    { type: 'CALL', callId: 'c1', to: [PEER], media: 'video' },
    { type: 'INCOMING', call: ringingCall(PEER, SELF, 'video') },
    { type: 'INVITED', call: ringingCall(SELF, PEER, 'video'), livekit: grantFor(SELF) },
    { type: 'RINGING', by: PEER },
    { type: 'ACCEPT', media: 'audio' },
    { type: 'REJECT' },
    { type: 'CANCEL' },
    { type: 'HANGUP' },
    { type: 'LEAVE' },
    { type: 'SIGNAL_ERROR', code: 'forbidden', message: 'no' },
    { type: 'MEDIA_CONNECTED' },
    { type: 'MEDIA_RECONNECTING' },
    { type: 'MEDIA_RECONNECTED' },
    { type: 'MEDIA_DISCONNECTED', reason: 'media-failed' },
  ];
  const incoming = snapshot.context.direction === 'incoming';
  // The callee's accept is answered (`ANSWERED`, with its grant); the caller hears the callee accepted.
  const accepted: CallMachineEvent = incoming
    ? { type: 'ANSWERED', call: answeredCall(PEER, SELF, 'audio'), livekit: grantFor(SELF) }
    : { type: 'ACCEPTED', by: PEER, media: 'video' };
  const ended: CallMachineEvent = { type: 'ENDED', reason: incoming ? 'cancelled' : 'declined', by: PEER };
  // Mic and camera toggles where they move the active regions (while reconnecting they would only multiply paths).
  const toggles: CallMachineEvent[] = snapshot.matches({ active: { connection: 'connected' } })
    ? [{ type: 'TOGGLE_MIC' }, { type: 'TOGGLE_CAMERA' }]
    : [];
  // Hold from either side, where it moves the call between `active` and `held` (in the reachability walk:
  // in every simple path they would multiply the paths past what a test can run; call-machine-hold.test.ts has them).
  const holds: CallMachineEvent[] =
    withHolds && (snapshot.matches({ active: { connection: 'connected' } }) || snapshot.matches('held'))
      ? [
          { type: 'HELD', by: SELF },
          { type: 'HELD', by: PEER },
          { type: 'RESUMED', by: SELF },
          { type: 'RESUMED', by: PEER },
        ]
      : [];
  const timers: CallMachineEvent[] = [
    { type: 'SIGNAL_TIMEOUT' },
    { type: 'RING_TIMEOUT' },
    { type: 'CONNECT_TIMEOUT' },
    { type: 'RECONNECT_TIMEOUT' },
  ];
  return [...common, accepted, ended, ...toggles, ...holds, ...timers];
}

/** States are told apart by their value and the context that steers transitions from them. */
function serializeState(snapshot: CallMachineSnapshot): string {
  const { local, invited, direction, end, call } = snapshot.context;
  const beforeAnswer = !snapshot.matches('active') && !snapshot.matches('ended');
  return JSON.stringify({
    value: snapshot.value,
    mic: local.mic,
    camera: local.camera,
    direction,
    endReason: end.reason,
    heldBy: [...call.heldBy].sort(),
    ...(beforeAnswer ? { invited, mediaConnected: local.connected } : {}),
  });
}

/**
 * Traversal of the machine itself (its request and media actors are not run while traversing: the
 * model sends their results as events). Context-only events (UPDATED, REMOTE_CHANGED...) have their own unit tests.
 */
const traversal = {
  input: { self: SELF, timeouts: TEST_TIMEOUTS },
  events: (snapshot: CallMachineSnapshot) => eventsFor(snapshot),
  serializeState,
};

/** Timer events are not sent: the simulated clock advances until the machine raises them itself. */
const TIMER_MS: Partial<Record<CallMachineEvent['type'], number>> = {
  SIGNAL_TIMEOUT: TEST_TIMEOUTS.signalMs,
  RING_TIMEOUT: TEST_TIMEOUTS.ringMs,
  CONNECT_TIMEOUT: TEST_TIMEOUTS.connectMs,
  RECONNECT_TIMEOUT: TEST_TIMEOUTS.reconnectMs,
};

/** A snapshot's state value, with the two steps of `ended` as one. */
function restingValue(snapshot: CallMachineSnapshot): unknown {
  return snapshot.matches('ended') ? 'ended' : snapshot.value;
}

/** The state node ids a snapshot is in, e.g. `call.active.mic.on`. */
function leafIds(snapshot: CallMachineSnapshot): string[] {
  return [...snapshot._nodes].filter((node) => node.type === 'atomic' || node.type === 'final').map((node) => node.id);
}

/** Invariants that hold after every step of every path. */
function assertContext(snapshot: CallMachineSnapshot) {
  const { context } = snapshot;
  const { call, end, local } = context;
  const status = callStatusOf(snapshot);
  expect(context.self).toBe(SELF);
  if (status === null) return;
  expect(context.callId).toBe('c1');
  expect(call.peers).toEqual([PEER]);
  expect(call.createdAt).toBeGreaterThan(0);
  if (status === 'active' || status === 'reconnecting') {
    expect(call.answeredAt).toBeTypeOf('number');
    expect(snapshot.matches({ active: { mic: local.mic ? 'on' : 'off' } })).toBe(true);
    expect(snapshot.matches({ active: { camera: local.camera ? 'on' : 'off' } })).toBe(true);
  }
  if (status === 'ended') {
    expect(snapshot.matches('ended')).toBe(true);
    expect(end.reason).toBeDefined();
    expect(end.at).toBeGreaterThanOrEqual(call.createdAt > 1e12 ? 0 : call.createdAt);
    expect(end.by === null || [SELF, PEER].includes(end.by ?? '')).toBe(true);
  } else {
    expect(end.reason).toBeUndefined();
  }
}

describe('call machine model', () => {
  it('reaches every state node', () => {
    const reached = new Set<string>();
    const withHolds = { ...traversal, events: (snapshot: CallMachineSnapshot) => eventsFor(snapshot, true), allowDuplicatePaths: true };
    for (const path of getShortestPaths(callMachine, withHolds as typeof traversal)) {
      for (const id of leafIds(path.state)) reached.add(id);
    }
    const all = collectLeafIds(callMachine.root);
    // `resolving` states are transient (eventless) and never rest.
    expect([...reached].sort()).toEqual(all.filter((id) => !id.endsWith('.resolving')).sort());
  });

  it('runs every simple path from idle to ended against the machine', { timeout: 120_000 }, () => {
    const paths = getSimplePaths(callMachine, { ...traversal, toState: (snapshot) => snapshot.matches('ended') });
    expect(paths.length).toBeGreaterThan(1000);
    const reasons = new Set<string>();
    for (const path of paths) {
      const run = startCallActor(SELF);
      assertContext(run.actor.getSnapshot());
      for (const step of path.steps) {
        const timerMs = TIMER_MS[step.event.type];
        if (timerMs === undefined) run.actor.send(step.event);
        else run.clock.increment(timerMs);
        const snapshot = run.actor.getSnapshot();
        // `ended.closing` settles once the farewell request is answered, which the recording actor does on its own.
        expect(restingValue(snapshot), path.steps.map((s) => s.event.type).join(' > ')).toEqual(restingValue(step.state));
        assertContext(snapshot);
      }
      const final = run.actor.getSnapshot();
      expect(final.matches('ended')).toBe(true);
      reasons.add(final.context.end.reason ?? '');
      // Every message the machine asked to send is a valid protocol message, and media is always released.
      for (const effect of run.effects) {
        if (effect.type === 'signal') expect(ClientMessageSchema.safeParse({ ...effect.message, id: 'r1' }).success).toBe(true);
      }
      expect(run.mediaLeft()).toBe(1);
    }
    console.log(`call machine: ran ${paths.length} simple paths from idle to ended (end reasons: ${[...reasons].sort().join(', ')})`);
    expect([...reasons].sort()).toEqual(
      ['cancelled', 'completed', 'declined', 'failed', 'media-failed', 'no-answer', 'connection-lost'].sort(),
    );
  });
});

/** Ids of every atomic and final state node under a node. */
function collectLeafIds(node: (typeof callMachine)['root']): string[] {
  const children = Object.values(node.states);
  if (children.length === 0) return [node.id];
  return children.flatMap((child) => collectLeafIds(child));
}
