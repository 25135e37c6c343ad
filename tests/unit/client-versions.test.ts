/**
 * The client applies a message about a call only when it is not older than
 * what the call's actor holds: a stale copy of every message type is dropped
 * (the call does not move back), a fresh one is applied, and nothing about a
 * call that ended here rings or revives it.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { rootMachine } from '../../src/core/client/root-machine.js';
import type { CallActorRef } from '../../src/core/client/root-setup.js';
import type { CallInfo, ServerMessage } from '../../src/protocol/protocol.js';
import { grantFor, recordingCallMachine, ringingCall, startCallActor, TEST_TIMEOUTS, type RecordedEffect } from '../helpers/client-fixtures.js';

/** A root actor for bob with a call `c1` from alice ringing here at version 5. */
function ringingAtFive() {
  const effects: RecordedEffect[] = [];
  const emitted: string[] = [];
  const root = createActor(rootMachine.provide({ actors: { call: recordingCallMachine(effects) } }), { input: { timeouts: TEST_TIMEOUTS } });
  root.on('*', (event) => emitted.push(event.type));
  root.start();
  root.send({
    type: 'WELCOMED',
    welcome: { type: 'welcome', replyTo: 'r0', version: 2, user: 'bob', device: 'bob#d1', session: 's1', resumed: false, presence: 'available', graceMs: 3_000, calls: [] },
  });
  const server = (message: ServerMessage) => root.send({ type: 'SERVER_MESSAGE', message });
  server({ type: 'incoming', call: { ...ringingCall('alice', 'bob', 'video'), version: 5 } });
  const call = () => root.getSnapshot().context.calls.c1 as CallActorRef;
  return { root, server, call, emitted };
}

const at = (version: number, patch: Partial<CallInfo> = {}): CallInfo => ({ ...ringingCall('alice', 'bob', 'video'), version, ...patch });
const withCarol = (version: number): CallInfo =>
  at(version, { members: [...ringingCall('alice', 'bob', 'video').members, { user: 'carol', state: 'ringing', media: 'video' }] });

/** Each message type about a call, at a version, and what applying it shows in the call actor. */
const messages: Record<string, { message: (version: number) => ServerMessage; applied: (call: CallActorRef) => boolean }> = {
  updated: {
    message: (version) => ({ type: 'updated', call: at(version, { media: 'audio', members: at(version).members.map((m) => ({ ...m, media: 'audio' as const })) }) }),
    applied: (call) => call.getSnapshot().context.media === 'audio',
  },
  incoming: {
    message: (version) => ({ type: 'incoming', call: withCarol(version) }),
    applied: (call) => call.getSnapshot().context.call.members.some((member) => member.user === 'carol'),
  },
  joined: {
    message: (version) => ({ type: 'joined', callId: 'c1', version, user: 'carol' }),
    applied: (call) => call.getSnapshot().context.call.members.some((member) => member.user === 'carol' && member.state === 'joined'),
  },
  left: {
    message: (version) => ({ type: 'left', callId: 'c1', version, user: 'alice', reason: 'completed' }),
    applied: (call) => call.getSnapshot().context.call.members.some((member) => member.user === 'alice' && member.state === 'left'),
  },
  ended: {
    message: (version) => ({ type: 'ended', callId: 'c1', version, reason: 'cancelled', by: 'alice' }),
    applied: (call) => call.getSnapshot().matches('ended'),
  },
};

describe('the client drops stale versions', () => {
  it.each(Object.keys(messages))('%s: an older version is dropped, the same or a newer one applied', (type) => {
    const case_ = messages[type] as (typeof messages)[string];
    const { call, server } = ringingAtFive();
    const held = call();
    server(case_.message(4));
    expect(case_.applied(held)).toBe(false);
    expect(held.getSnapshot().matches({ incoming: 'ringing' })).toBe(true);
    server(case_.message(6));
    expect(case_.applied(held)).toBe(true);
  });

  it('ringing and accepted: an older copy does not move an outgoing call, a newer one does', () => {
    const effects: RecordedEffect[] = [];
    const root = createActor(rootMachine.provide({ actors: { call: recordingCallMachine(effects) } }), { input: { timeouts: TEST_TIMEOUTS } }).start();
    root.send({
      type: 'WELCOMED',
      welcome: { type: 'welcome', replyTo: 'r0', version: 2, user: 'alice', device: 'alice#d1', session: 's1', resumed: false, presence: 'available', graceMs: 3_000, calls: [] },
    });
    const server = (message: ServerMessage) => root.send({ type: 'SERVER_MESSAGE', message });
    root.send({ type: 'PLACE', callId: 'c1', to: ['bob'], media: 'video' });
    const call = root.getSnapshot().context.current as CallActorRef;
    call.send({ type: 'INVITED', call: { ...ringingCall('alice', 'bob', 'video'), version: 3 }, livekit: grantFor('alice') });
    server({ type: 'ringing', callId: 'c1', version: 2, by: 'bob' });
    expect(call.getSnapshot().matches({ outgoing: 'calling' })).toBe(true);
    server({ type: 'ringing', callId: 'c1', version: 4, by: 'bob' });
    expect(call.getSnapshot().matches({ outgoing: 'ringing' })).toBe(true);
    server({ type: 'accepted', callId: 'c1', version: 3, by: 'bob', media: 'video' });
    expect(call.getSnapshot().matches({ outgoing: 'ringing' })).toBe(true);
    server({ type: 'accepted', callId: 'c1', version: 5, by: 'bob', media: 'video' });
    expect(call.getSnapshot().matches('connecting')).toBe(true);
    expect(call.getSnapshot().context.version).toBe(5);
  });

  it('accepted before the invite reply: the late reply brings the grant but not its older call', () => {
    const run = startCallActor('alice');
    run.actor.send({ type: 'CALL', callId: 'c1', to: ['bob'], media: 'video' });
    run.actor.send({ type: 'ACCEPTED', by: 'bob', media: 'video', version: 3 });
    expect(run.actor.getSnapshot().matches('connecting')).toBe(true);
    run.actor.send({ type: 'INVITED', call: ringingCall('alice', 'bob', 'video'), livekit: grantFor('alice') });
    const { context } = run.actor.getSnapshot();
    expect(context.local.grant).toEqual(grantFor('alice'));
    expect(context.version).toBe(3);
    expect(context.call.members.find((member) => member.user === 'bob')?.state).toBe('joined');
  });

  it('never rings again for a call that ended here, whatever its version', () => {
    const { root, server, emitted } = ringingAtFive();
    server({ type: 'ended', callId: 'c1', version: 6, reason: 'cancelled', by: 'alice' });
    expect(root.getSnapshot().context.calls.c1).toBeUndefined();
    const rings = emitted.filter((type) => type === 'incoming').length;
    server({ type: 'incoming', call: at(5) });
    server({ type: 'incoming', call: at(9) });
    expect(emitted.filter((type) => type === 'incoming').length).toBe(rings);
    expect(root.getSnapshot().context.calls.c1).toBeUndefined();
  });

  it('an incoming for a call this device joined updates it and never rings', () => {
    const { root, server, call, emitted } = ringingAtFive();
    call().send({ type: 'ACCEPT', media: 'video' });
    call().send({ type: 'ANSWERED', call: at(6, { status: 'active', members: ringingCall('alice', 'bob').members.map((m) => ({ ...m, state: 'joined' as const })) }), livekit: grantFor('bob') });
    const rings = emitted.filter((type) => type === 'incoming').length;
    server({ type: 'incoming', call: at(5) });
    server({ type: 'incoming', call: at(6, { status: 'active' }) });
    expect(emitted.filter((type) => type === 'incoming').length).toBe(rings);
    expect(call().getSnapshot().matches('connecting')).toBe(true);
    expect(Object.keys(root.getSnapshot().context.calls)).toEqual(['c1']);
  });
});
