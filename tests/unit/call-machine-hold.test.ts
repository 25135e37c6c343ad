/**
 * Call waiting and hold in the call machine: who holds the call decides between
 * `active`, `held.mine` (this device's media paused) and `held.theirs`; this
 * device's own hold and resume go to the server and count once it says `ok`.
 */
import { waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callStatusOf, type CallMachineEvent } from '../../src/core/call-machine.js';
import { isHeldByOthers } from '../../src/core/machine/hold.js';
import { answeredCall, grantFor, ringingCall, startCallActor } from '../helpers/client-fixtures.js';

const CALLEE_ACTIVE: CallMachineEvent[] = [
  { type: 'INCOMING', call: ringingCall('alice', 'bob') },
  { type: 'ACCEPT', media: 'video' },
  { type: 'ANSWERED', call: answeredCall('alice', 'bob'), livekit: grantFor('bob') },
  { type: 'MEDIA_CONNECTED' },
];

describe('hold in the call machine', () => {
  it('held by this user: media paused, then resumed with the microphone and camera as wanted meanwhile', () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'HELD', by: 'bob' });
    expect(run.actor.getSnapshot().matches({ held: 'mine' })).toBe(true);
    expect(callStatusOf(run.actor.getSnapshot())).toBe('held');
    expect(run.effects.at(-1)).toEqual({ type: 'holdMedia' });
    run.send({ type: 'SET_MIC', enabled: false });
    run.send({ type: 'RESUMED', by: 'bob' });
    expect(callStatusOf(run.actor.getSnapshot())).toBe('active');
    expect(run.effects.at(-1)).toEqual({ type: 'resumeMedia', mic: false, camera: true });
    expect(run.actor.getSnapshot().matches({ active: { mic: 'off', camera: 'on' } })).toBe(true);
  });

  it('held by the other side: held.theirs, nothing paused here; their resume brings it back', () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'HELD', by: 'alice' });
    expect(run.actor.getSnapshot().matches({ held: 'theirs' })).toBe(true);
    expect(run.effects.some((effect) => effect.type === 'holdMedia')).toBe(false);
    // Both hold, then the other resumes: still held here, now by this user.
    run.send({ type: 'HELD', by: 'bob' }, { type: 'RESUMED', by: 'alice' });
    expect(run.actor.getSnapshot().matches({ held: 'mine' })).toBe(true);
    expect(run.actor.getSnapshot().context.call.heldBy).toEqual(['bob']);
  });

  it('HOLD asks the server and counts once it answers ok; RESUME likewise', async () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'HOLD' });
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'hold', callId: 'c1' } });
    await waitFor(run.actor, (snapshot) => snapshot.matches({ held: 'mine' }), { timeout: 2_000 });
    run.send({ type: 'RESUME' });
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'resume', callId: 'c1' } });
    await waitFor(run.actor, (snapshot) => snapshot.matches('active'), { timeout: 2_000 });
  });

  it('the server view of the call (welcome, updated) carries who holds it', () => {
    const run = startCallActor('bob');
    run.send(...CALLEE_ACTIVE, { type: 'UPDATED', call: { ...answeredCall('alice', 'bob'), version: 9, heldBy: ['bob'] } });
    expect(run.actor.getSnapshot().matches({ held: 'mine' })).toBe(true);
    run.send({ type: 'UPDATED', call: { ...answeredCall('alice', 'bob'), version: 10, heldBy: [] } });
    expect(run.actor.getSnapshot().matches('active')).toBe(true);
  });

  it('a held call ends as any call does: hang-up from here, or the other side', () => {
    const here = startCallActor('bob');
    here.send(...CALLEE_ACTIVE, { type: 'HELD', by: 'bob' }, { type: 'HANGUP' });
    expect(here.actor.getSnapshot().context.end.reason).toBe('completed');
    expect(here.signals()).toContain('hangup');
    const there = startCallActor('bob');
    there.send(...CALLEE_ACTIVE, { type: 'HELD', by: 'alice' }, { type: 'ENDED', reason: 'completed', by: 'alice' });
    expect(there.actor.getSnapshot().matches('ended')).toBe(true);
    expect(there.mediaLeft()).toBe(1);
  });

  it('a call rung as call waiting is marked, and its accept tells the server what to do with the active call', () => {
    const run = startCallActor('bob');
    run.send({ type: 'INCOMING', call: ringingCall('carol', 'bob'), waiting: true }, { type: 'ACCEPT', media: 'audio', active: 'hold' });
    expect(run.actor.getSnapshot().context.call.waiting).toBe(true);
    expect(run.effects).toContainEqual({ type: 'signal', message: { type: 'accept', callId: 'c1', media: 'audio', active: 'hold' } });
  });

  it('in a group call, one member holding is not "held by others" while someone else still talks', () => {
    const members = [
      { user: 'alice', state: 'joined' as const, media: 'audio' as const },
      { user: 'bob', state: 'joined' as const, media: 'audio' as const },
      { user: 'carol', state: 'joined' as const, media: 'audio' as const },
    ];
    expect(isHeldByOthers({ self: 'bob', call: { heldBy: ['alice'], members } })).toBe(false);
    expect(isHeldByOthers({ self: 'bob', call: { heldBy: ['alice', 'carol'], members } })).toBe(true);
  });
});
