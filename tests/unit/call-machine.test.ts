/**
 * The call machine: every end reason from the caller's and the callee's side,
 * timers on a simulated clock, and the context-only events.
 */
import { createActor, fromCallback, fromPromise, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callMachine, callStatusOf, type CallMachineEvent, type RequestInput, type RequestResult } from '../../src/core/call-machine.js';
import { RingError } from '../../src/core/errors.js';
import { peersOf } from '../../src/core/machine/context.js';
import { END_REASONS, type EndReason, type Member } from '../../src/protocol/protocol.js';
import { answeredCall, grantFor, ringingCall, startCallActor, TEST_TIMEOUTS } from '../helpers/client-fixtures.js';

const CALL: CallMachineEvent = { type: 'CALL', callId: 'c1', to: ['bob'], media: 'video' };
const INVITED: CallMachineEvent = { type: 'INVITED', call: ringingCall('alice', 'bob'), livekit: grantFor('alice') };
const CALLER_ACTIVE: CallMachineEvent[] = [CALL, INVITED, { type: 'RINGING', by: 'bob' }, { type: 'MEDIA_CONNECTED' }, { type: 'ACCEPTED', by: 'bob', media: 'video' }];
const INCOMING: CallMachineEvent = { type: 'INCOMING', call: ringingCall('alice', 'bob') };
const ANSWERED: CallMachineEvent = { type: 'ANSWERED', call: answeredCall('alice', 'bob'), livekit: grantFor('bob') };
const CALLEE_ACTIVE: CallMachineEvent[] = [INCOMING, { type: 'ACCEPT', media: 'video' }, ANSWERED, { type: 'MEDIA_CONNECTED' }];

/** How one end reason comes about on one side: events, then optional clock time. */
interface Scenario {
  events: CallMachineEvent[];
  waitMs?: number;
  endedBy: string | null;
  /** The message this device sent to end the call, if it ended it. */
  sent?: string;
}

const CALLER: Record<EndReason, Scenario> = {
  completed: { events: [...CALLER_ACTIVE, { type: 'HANGUP' }], endedBy: 'alice', sent: 'hangup' },
  cancelled: { events: [CALL, INVITED, { type: 'RINGING', by: 'bob' }, { type: 'CANCEL' }], endedBy: 'alice', sent: 'cancel' },
  declined: { events: [CALL, INVITED, { type: 'ENDED', reason: 'declined', by: 'bob' }], endedBy: 'bob' },
  busy: { events: [CALL, INVITED, { type: 'ENDED', reason: 'busy', by: null }], endedBy: null },
  'no-answer': { events: [CALL, INVITED, { type: 'RINGING', by: 'bob' }], waitMs: TEST_TIMEOUTS.ringMs, endedBy: null, sent: 'cancel' },
  offline: { events: [CALL, { type: 'ENDED', reason: 'offline', by: null }], endedBy: null },
  'do-not-disturb': { events: [CALL, { type: 'ENDED', reason: 'do-not-disturb', by: null }], endedBy: null },
  'answered-elsewhere': { events: [CALL, INVITED, { type: 'ENDED', reason: 'answered-elsewhere', by: 'alice' }], endedBy: 'alice' },
  'declined-elsewhere': { events: [CALL, INVITED, { type: 'ENDED', reason: 'declined-elsewhere', by: 'alice' }], endedBy: 'alice' },
  'connection-lost': {
    events: [...CALLER_ACTIVE, { type: 'MEDIA_RECONNECTING' }],
    waitMs: TEST_TIMEOUTS.reconnectMs,
    endedBy: null,
    sent: 'hangup',
  },
  'media-failed': { events: [CALL, INVITED, { type: 'ACCEPTED', by: 'bob', media: 'video' }], waitMs: TEST_TIMEOUTS.connectMs, endedBy: 'alice', sent: 'hangup' },
  failed: { events: [CALL], waitMs: TEST_TIMEOUTS.signalMs, endedBy: null },
};

const CALLEE: Record<EndReason, Scenario> = {
  completed: { events: [...CALLEE_ACTIVE, { type: 'ENDED', reason: 'completed', by: 'alice' }], endedBy: 'alice' },
  cancelled: { events: [INCOMING, { type: 'ENDED', reason: 'cancelled', by: 'alice' }], endedBy: 'alice' },
  declined: { events: [INCOMING, { type: 'REJECT' }], endedBy: 'bob', sent: 'reject' },
  busy: { events: [INCOMING, { type: 'ENDED', reason: 'busy', by: null }], endedBy: null },
  'no-answer': { events: [INCOMING], waitMs: TEST_TIMEOUTS.ringMs, endedBy: null },
  offline: { events: [INCOMING, { type: 'ENDED', reason: 'offline', by: null }], endedBy: null },
  'do-not-disturb': { events: [INCOMING, { type: 'ENDED', reason: 'do-not-disturb', by: null }], endedBy: null },
  'answered-elsewhere': { events: [INCOMING, { type: 'ENDED', reason: 'answered-elsewhere', by: 'bob' }], endedBy: 'bob' },
  'declined-elsewhere': { events: [INCOMING, { type: 'ENDED', reason: 'declined-elsewhere', by: 'bob' }], endedBy: 'bob' },
  'connection-lost': { events: [...CALLEE_ACTIVE, { type: 'MEDIA_DISCONNECTED', reason: 'connection-lost' }], endedBy: 'bob', sent: 'hangup' },
  'media-failed': {
    events: [INCOMING, { type: 'ACCEPT', media: 'video' }, ANSWERED],
    waitMs: TEST_TIMEOUTS.connectMs,
    endedBy: 'bob',
    sent: 'hangup',
  },
  failed: { events: [INCOMING, { type: 'ACCEPT', media: 'audio' }, { type: 'SIGNAL_ERROR', code: 'call-ended', message: 'gone' }], endedBy: null },
};

describe.each([
  ['caller', 'alice', CALLER],
  ['callee', 'bob', CALLEE],
] as const)('end reasons seen by the %s', (_side, self, scenarios) => {
  it.each(END_REASONS.map((reason) => [reason] as const))('%s', (reason) => {
    const scenario = scenarios[reason];
    const run = startCallActor(self);
    run.send(...scenario.events);
    if (scenario.waitMs !== undefined) {
      run.clock.increment(scenario.waitMs - 1);
      expect(run.actor.getSnapshot().status).toBe('active');
      run.clock.increment(1);
    }
    const snapshot = run.actor.getSnapshot();
    expect(callStatusOf(snapshot)).toBe('ended');
    expect(snapshot.context.end.reason).toBe(reason);
    expect(snapshot.context.end.by).toBe(scenario.endedBy);
    expect(snapshot.context.end.at).toBeTypeOf('number');
    const endedBySending = run.signals().at(-1);
    if (scenario.sent) expect(endedBySending).toBe(scenario.sent);
    else expect(['hangup', 'cancel', 'reject', 'leave']).not.toContain(endedBySending);
    // The media actor was stopped exactly once, as the call ended.
    expect(run.mediaLeft()).toBe(1);
  });
});

describe('call machine details', () => {
  it('the caller joins media while ringing and goes straight to active on accept', () => {
    const run = startCallActor('alice');
    run.send(CALL, INVITED);
    expect(run.effects).toContainEqual({ type: 'joinMedia', grant: grantFor('alice'), media: 'video', mic: true, camera: true });
    run.send({ type: 'RINGING', by: 'bob' }, { type: 'MEDIA_CONNECTED' });
    expect(callStatusOf(run.actor.getSnapshot())).toBe('ringing');
    run.send({ type: 'ACCEPTED', by: 'bob', media: 'audio' });
    const snapshot = run.actor.getSnapshot();
    expect(callStatusOf(snapshot)).toBe('active');
    expect(snapshot.context.call.members.find((member) => member.user === 'bob')).toEqual({ user: 'bob', state: 'joined', media: 'audio' });
    expect(snapshot.context.call.answeredAt).toBeTypeOf('number');
  });

  it('the callee acks, prepares media while ringing, and can answer a video call audio-only', () => {
    const run = startCallActor('bob');
    run.send(INCOMING);
    expect(run.effects.slice(0, 2)).toEqual([
      { type: 'signal', message: { type: 'ack', callId: 'c1' } },
      { type: 'prepareMedia' },
    ]);
    run.send({ type: 'ACCEPT', media: 'audio' });
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'accept', callId: 'c1', media: 'audio' } });
    run.send({ type: 'ANSWERED', call: answeredCall('alice', 'bob', 'audio'), livekit: grantFor('bob') });
    expect(run.effects).toContainEqual({ type: 'joinMedia', grant: grantFor('bob'), media: 'audio', mic: true, camera: false });
    run.send({ type: 'MEDIA_CONNECTED' });
    expect(run.actor.getSnapshot().matches({ active: { camera: 'off', mic: 'on' } })).toBe(true);
  });

  it('the callee opens its devices at the accept, before the accept is answered, and joins with them after', () => {
    const run = startCallActor('bob');
    run.send(INCOMING, { type: 'ACCEPT', media: 'video' });
    const captured = run.effects.findIndex((effect) => effect.type === 'captureMedia');
    expect(run.effects[captured]).toEqual({ type: 'captureMedia', media: 'video' });
    expect(run.effects.some((effect) => effect.type === 'joinMedia')).toBe(false);
    run.send(ANSWERED);
    expect(run.effects.findIndex((effect) => effect.type === 'joinMedia')).toBeGreaterThan(captured);
  });

  it('another member accepting a group call does not start this device ringing media', () => {
    const run = startCallActor('bob');
    run.send(INCOMING, { type: 'ACCEPTED', by: 'carol', media: 'video' });
    expect(callStatusOf(run.actor.getSnapshot())).toBe('incoming');
    expect(run.actor.getSnapshot().context.call.members.at(-1)).toEqual({ user: 'carol', state: 'joined', media: 'video' });
  });

  it('mute, camera and media switches mirror context and ask for media work', () => {
    const run = startCallActor('alice');
    run.send(...CALLER_ACTIVE, { type: 'SET_MIC', enabled: false }, { type: 'SET_MIC', enabled: false });
    expect(run.effects.filter((effect) => effect.type === 'setMicrophone')).toEqual([{ type: 'setMicrophone', enabled: false }]);
    expect(run.actor.getSnapshot().matches({ active: { mic: 'off' } })).toBe(true);
    run.send({ type: 'SWITCH_MEDIA', media: 'audio' });
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.context.media).toBe('audio');
    expect(snapshot.matches({ active: { camera: 'off' } })).toBe(true);
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'media', callId: 'c1', media: 'audio' } });
    expect(run.effects.at(-1)).toEqual({ type: 'setCamera', enabled: false });
  });

  it('muting before the call connects carries into the active state', () => {
    const run = startCallActor('bob');
    run.send(INCOMING, { type: 'TOGGLE_MIC' }, ...CALLEE_ACTIVE.slice(1));
    expect(run.actor.getSnapshot().matches({ active: { mic: 'off', camera: 'on' } })).toBe(true);
  });

  it('a denied camera turns the camera off and is kept for the UI', () => {
    const run = startCallActor('alice');
    const error = { code: 'permission-denied', kind: 'videoinput', message: 'Camera blocked' } as const;
    run.send(...CALLER_ACTIVE, { type: 'DEVICE_ERROR', error });
    const snapshot = run.actor.getSnapshot();
    expect(snapshot.context.local.deviceError).toEqual(error);
    expect(snapshot.matches({ active: { camera: 'off', mic: 'on' } })).toBe(true);
  });

  it('tells the server why it hangs up when its media fails or is lost', () => {
    for (const reason of ['media-failed', 'connection-lost'] as const) {
      const run = startCallActor('bob');
      run.send(...CALLEE_ACTIVE, { type: 'MEDIA_DISCONNECTED', reason });
      expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'hangup', callId: 'c1', reason } });
    }
  });

  it('waits for the server when the media server closes the room, which it does as a call ends', () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'MEDIA_DISCONNECTED', reason: 'completed' });
    expect(run.actor.getSnapshot().matches('active')).toBe(true);
    expect(run.effects.filter((effect) => effect.type === 'signal' && effect.message.type === 'hangup')).toEqual([]);
    run.send({ type: 'ENDED', reason: 'no-answer', by: null });
    expect(run.actor.getSnapshot().context.end).toMatchObject({ reason: 'no-answer', by: null });
  });

  it('tells the others the connection was lost when reconnecting times out', () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'MEDIA_RECONNECTING' }, { type: 'RECONNECT_TIMEOUT' });
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'hangup', callId: 'c1', reason: 'connection-lost' } });
    expect(run.actor.getSnapshot().context.end.reason).toBe('connection-lost');
  });

  it('tracks members, remote media and quality', () => {
    const run = startCallActor('alice');
    run.send(...CALLER_ACTIVE, { type: 'ADD', to: ['carol'] }, { type: 'MEMBER_JOINED', user: 'carol' });
    expect(run.actor.getSnapshot().context.call.peers).toEqual(['bob', 'carol']);
    run.send({ type: 'MEMBER_LEFT', user: 'carol', reason: 'completed' });
    run.send({ type: 'REMOTE_CHANGED', remote: { bob: { micEnabled: false, cameraEnabled: true, quality: 'good' } } });
    run.send({ type: 'QUALITY_CHANGED', quality: 'poor' });
    const { context } = run.actor.getSnapshot();
    // Carol left a call that goes on: she is no longer a peer, but stays a member (state `left`).
    expect(context.call.peers).toEqual(['bob']);
    expect(context.call.members.find((member) => member.user === 'carol')?.state).toBe('left');
    expect(context.remote.bob?.micEnabled).toBe(false);
    expect(context.local.quality).toBe('poor');
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'add', callId: 'c1', to: ['carol'] } });
  });

  it('a media reconnect inside the limit keeps the call', () => {
    const run = startCallActor('alice');
    run.send(...CALLER_ACTIVE, { type: 'MEDIA_RECONNECTING' });
    expect(callStatusOf(run.actor.getSnapshot())).toBe('reconnecting');
    run.clock.increment(TEST_TIMEOUTS.reconnectMs - 1);
    run.send({ type: 'MEDIA_RECONNECTED' });
    run.clock.increment(TEST_TIMEOUTS.reconnectMs * 2);
    expect(callStatusOf(run.actor.getSnapshot())).toBe('active');
  });

  it('the ring timer stops once the call is answered', () => {
    const run = startCallActor('alice');
    run.send(...CALLER_ACTIVE);
    run.clock.increment(TEST_TIMEOUTS.ringMs * 2);
    expect(callStatusOf(run.actor.getSnapshot())).toBe('active');
  });

  it('the server view of the call replaces members and media on UPDATED', () => {
    const run = startCallActor('alice');
    run.send(...CALLER_ACTIVE);
    const call = { ...ringingCall('alice', 'bob', 'audio'), status: 'active' as const };
    run.send({ type: 'UPDATED', call });
    expect(run.actor.getSnapshot().context.media).toBe('audio');
    expect(run.actor.getSnapshot().context.call.members).toEqual(call.members);
  });
});

describe('peersOf', () => {
  const member = (user: string, state: Member['state']): Member => ({ user, state, media: 'audio' });

  it('drops members who left a call that goes on', () => {
    expect(peersOf([member('alice', 'joined'), member('bob', 'joined'), member('carol', 'left')], 'alice')).toEqual(['bob']);
  });

  it('keeps everyone else when nobody is left, so an ended call still names its peers', () => {
    expect(peersOf([member('alice', 'calling'), member('bob', 'left')], 'alice')).toEqual(['bob']);
  });
});

describe('a cancel that loses to an answer', () => {
  it('hangs up instead, so the call ends for everyone', async () => {
    const sent: string[] = [];
    const machine = callMachine.provide({
      actors: {
        request: fromPromise<RequestResult, RequestInput>(async ({ input }) => {
          sent.push(input.message.type);
          if (input.message.type === 'cancel') return { ok: false, error: new RingError('already-answered', 'the call was answered') };
          return { ok: true, reply: { type: 'ok', replyTo: 'r1' } };
        }),
        media: fromCallback(() => undefined),
      },
    });
    const actor = createActor(machine, { input: { self: 'alice', timeouts: TEST_TIMEOUTS } }).start();
    actor.send(CALL);
    actor.send(INVITED);
    actor.send({ type: 'CANCEL' });
    const settled = await waitFor(actor, (snapshot) => snapshot.matches({ ended: 'settled' }));
    expect(sent.slice(-2)).toEqual(['cancel', 'hangup']);
    expect(settled.context.end).toMatchObject({ reason: 'cancelled', by: 'alice' });
    expect(settled.context.end.farewellError).toBeUndefined();
  });
});
