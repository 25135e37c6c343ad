/**
 * Path tests over the root client actor and its call actors (xstate/graph): the server may
 * deliver a call's messages in any order (it rings the callees before it answers the caller;
 * glare answers an invite with the other side's call, already active). Every order of those
 * messages runs against a real root actor with its spawned call actors; none may ring for a
 * call this device joined, end the call, or lose the media grant.
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromTransition } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { rootMachine } from '../../src/core/client/root-machine.js';
import type { CallActorRef } from '../../src/core/client/root-setup.js';
import type { RequestResult } from '../../src/core/machine/types.js';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import { answeredCall, grantFor, recordingCallMachine, ringingCall, TEST_TIMEOUTS, type RecordedEffect } from '../helpers/client-fixtures.js';

/** One step a path may take: a server message, the invite reply, or the media session connecting. */
interface Step {
  name: string;
  /** Steps that must come first. */
  after: readonly string[];
  run(root: ReturnType<typeof startRoot>): void | Promise<void>;
}

/** Every order of `steps` that respects their `after`, as xstate/graph simple paths over a model of what was delivered. */
function orders(steps: readonly Step[]): Step[][] {
  const model = fromTransition((delivered: string[], event: { type: string }) => [...delivered, event.type], [] as string[]);
  const paths = getSimplePaths(model, {
    events: (snapshot) =>
      steps
        .filter((step) => !snapshot.context.includes(step.name) && step.after.every((name) => snapshot.context.includes(name)))
        .map((step) => ({ type: step.name })),
    serializeState: (snapshot) => snapshot.context.join(','),
    toState: (snapshot) => snapshot.context.length === steps.length,
  });
  return paths.map((path) => path.steps.slice(1).map((step) => steps.find((candidate) => candidate.name === step.event.type) as Step));
}

/**
 * A root client actor for `user` whose call actors record what they asked of their request and media actors;
 * with `replyToInvite`, the invite's request actor waits for `answerInvite` (else tests send `INVITED` themselves).
 */
function startRoot(user: string, options: { replyToInvite?: boolean } = {}) {
  let answer: (result: RequestResult) => void = () => undefined;
  const inviteReply = options.replyToInvite ? new Promise<RequestResult>((resolve) => (answer = resolve)) : undefined;
  const effects: RecordedEffect[] = [];
  const emitted: string[] = [];
  const root = createActor(rootMachine.provide({ actors: { call: recordingCallMachine(effects, inviteReply) } }), { input: { timeouts: TEST_TIMEOUTS } });
  root.on('*', (event) => emitted.push(event.type));
  root.start();
  root.send({
    type: 'WELCOMED',
    welcome: { type: 'welcome', replyTo: 'r0', version: 2, user, device: `${user}#d1`, session: 's1', resumed: false, presence: 'available', graceMs: 3_000, calls: [] },
  });
  const current = () => root.getSnapshot().context.current as CallActorRef;
  return {
    root,
    effects,
    emitted,
    current,
    server: (message: ServerMessage) => root.send({ type: 'SERVER_MESSAGE', message }),
    answerInvite: (result: RequestResult) => answer(result),
    ringing: () => Object.values(root.getSnapshot().context.calls).filter((call) => call !== root.getSnapshot().context.current && call.getSnapshot().matches({ incoming: 'ringing' })),
  };
}

describe('root client actor + call actors, every delivery order', () => {
  it('caller: the invite reply before or after the callee rang and answered', () => {
    const steps: Step[] = [
      { name: 'invited', after: [], run: (r) => r.current().send({ type: 'INVITED', call: ringingCall('alice', 'bob'), livekit: grantFor('alice') }) },
      { name: 'ringing', after: [], run: (r) => r.server({ type: 'ringing', callId: 'c1', version: 3, by: 'bob' }) },
      { name: 'accepted', after: ['ringing'], run: (r) => r.server({ type: 'accepted', callId: 'c1', version: 4, by: 'bob', media: 'video' }) },
      { name: 'media connected', after: ['invited'], run: (r) => r.current().send({ type: 'MEDIA_CONNECTED' }) },
    ];
    const paths = orders(steps);
    for (const path of paths) {
      const r = startRoot('alice');
      r.root.send({ type: 'PLACE', callId: 'c1', to: ['bob'], media: 'video' });
      for (const step of path) {
        step.run(r);
        expect(r.current().getSnapshot().matches('ended'), path.map((s) => s.name).join(' > ')).toBe(false);
      }
      const snapshot = r.current().getSnapshot();
      expect(snapshot.matches('active'), path.map((s) => s.name).join(' > ')).toBe(true);
      expect(snapshot.context.callId).toBe('c1');
      expect(r.effects.filter((effect) => effect.type === 'joinMedia')).toEqual([{ type: 'joinMedia', grant: grantFor('alice'), media: 'video', mic: true, camera: true }]);
      expect(r.ringing()).toEqual([]);
      expect(r.emitted).not.toContain('incoming');
    }
    console.log(`root + call actors (caller orders): ran ${paths.length} paths`);
    expect(paths.length).toBe(6);
  });

  it('glare: the other side’s ring, the reply that joins it, and its accepted, in any order, never ring a joined call', () => {
    const joined = answeredCall('alice', 'bob', 'video', 'a-to-b');
    const steps: Step[] = [
      { name: 'incoming', after: [], run: (r) => r.server({ type: 'incoming', call: ringingCall('alice', 'bob', 'video', 'a-to-b') }) },
      { name: 'invited (active)', after: [], run: (r) => r.current().send({ type: 'INVITED', call: joined, livekit: grantFor('bob', 'a-to-b') }) },
      { name: 'accepted by self', after: [], run: (r) => r.server({ type: 'accepted', callId: 'a-to-b', version: joined.version, by: 'bob', media: 'video' }) },
      { name: 'incoming again', after: ['invited (active)'], run: (r) => r.server({ type: 'incoming', call: joined }) },
      { name: 'media connected', after: ['invited (active)'], run: (r) => r.current().send({ type: 'MEDIA_CONNECTED' }) },
    ];
    const paths = orders(steps);
    for (const path of paths) {
      const r = startRoot('bob');
      const label = path.map((s) => s.name).join(' > ');
      r.root.send({ type: 'PLACE', callId: 'b-to-a', to: ['alice'], media: 'video' });
      const placed = r.current();
      let adopted = false;
      for (const step of path) {
        step.run(r);
        adopted ||= step.name === 'invited (active)';
        expect(placed.getSnapshot().matches('ended'), label).toBe(false);
        // Once this device is in the call, nothing about it rings here.
        if (adopted) expect(r.ringing(), label).toEqual([]);
      }
      const { context } = r.root.getSnapshot();
      expect(context.current, label).toBe(placed);
      expect(placed.getSnapshot().context.callId).toBe('a-to-b');
      expect(placed.getSnapshot().matches('active'), label).toBe(true);
      expect(Object.keys(context.calls)).toEqual(['a-to-b']);
      expect(context.missed).toEqual([]);
      expect(r.emitted.filter((type) => type === 'ended' || type === 'missed')).toEqual([]);
      expect(r.effects.filter((effect) => effect.type === 'joinMedia')).toEqual([
        { type: 'joinMedia', grant: grantFor('bob', 'a-to-b'), media: 'video', mic: true, camera: true },
      ]);
      // A ring that came before the reply was dropped with its media; the joined call keeps its own.
      const rangFirst = path.findIndex((s) => s.name === 'incoming') < path.findIndex((s) => s.name === 'invited (active)');
      expect(r.effects.filter((effect) => effect.type === 'leaveMedia').length, label).toBe(rangFirst ? 1 : 0);
    }
    console.log(`root + call actors (glare orders): ran ${paths.length} paths`);
    expect(paths.length).toBeGreaterThan(20);
  });

  it('glare winner: the invite reply through its request actor, before, with (same network read) or after the callee’s accepted, still joins media', async () => {
    // The server answers this device's invite while the callee's ringing/accepted come relayed (Redis) or in the
    // same read as the reply: the reply must reach the call in whatever state the accepted put it in.
    const steps: Step[] = [
      {
        name: 'reply arrives',
        after: [],
        run: (r) => r.answerInvite({ ok: true, reply: { type: 'invited', replyTo: 'r1', call: ringingCall('alice', 'bob'), livekit: grantFor('alice') } }),
      },
      { name: 'reply handled', after: ['reply arrives'], run: () => new Promise((resolve) => setTimeout(resolve, 0)) },
      { name: 'ringing', after: [], run: (r) => r.server({ type: 'ringing', callId: 'c1', version: 3, by: 'bob' }) },
      { name: 'accepted', after: ['ringing'], run: (r) => r.server({ type: 'accepted', callId: 'c1', version: 4, by: 'bob', media: 'video' }) },
      { name: 'media connected', after: ['reply handled'], run: (r) => r.current().send({ type: 'MEDIA_CONNECTED' }) },
    ];
    const paths = orders(steps);
    for (const path of paths) {
      const label = path.map((s) => s.name).join(' > ');
      const r = startRoot('alice', { replyToInvite: true });
      r.root.send({ type: 'PLACE', callId: 'c1', to: ['bob'], media: 'video' });
      for (const step of path) {
        await step.run(r);
        expect(r.current().getSnapshot().matches('ended'), label).toBe(false);
      }
      expect(r.current().getSnapshot().matches('active'), label).toBe(true);
      expect(r.current().getSnapshot().context.invited, label).toBe(true);
      expect(r.effects.filter((effect) => effect.type === 'joinMedia'), label).toEqual([{ type: 'joinMedia', grant: grantFor('alice'), media: 'video', mic: true, camera: true }]);
    }
    console.log(`root + call actors (invite reply through its request actor): ran ${paths.length} paths`);
    expect(paths.length).toBe(10);
  });
});
