/**
 * The call waiting and hold races, written once and run on any world (one
 * in-process service, or real server processes sharing Redis). Each run
 * returns its outcome and what any device or the store got wrong: per
 * device (with the glare watch) no message about a call after a newer
 * version of it and at most one ending per call; per user at most one
 * active call, and their claim on it; and the outcome the race promises.
 */
import type { ClientMessage, ServerMessage } from '../../src/protocol/protocol.js';
import type { CallRecord } from '../../src/server/call-record.js';
import type { RingStore } from '../../src/server/stores/store.js';
import { watchDevice } from './glare-watch.js';
import type { TestClient } from './server-client.js';
import { rid } from './server-client.js';

/** Where one race runs. */
export interface RaceWorld {
  /** A connected, welcomed device of `user`; `side` says which process (when there are several). */
  connect(user: string, side: number): Promise<TestClient>;
  /** The store the servers share (read only, for the checks). */
  store: RingStore;
  /** How many processes serve the devices. */
  sides: number;
  /** Let messages in flight arrive. */
  settle(): Promise<void>;
}

/** The result of one run. */
export interface RaceRun {
  outcome: string;
  violations: string[];
}

/** A user with two devices, spread over the processes. */
interface User {
  name: string;
  phone: TestClient;
  laptop: TestClient;
}

/** One race. */
export type Race = (world: RaceWorld, tag: string) => Promise<RaceRun>;

const WAIT_MS = 10_000;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** Run requests at once, each after a random pause (none, microtasks, a macrotask, 0-2 ms), in random order. */
function racing(requests: [TestClient, ClientMessage][]): Promise<ServerMessage[]> {
  return Promise.all(
    requests.map(async ([client, message]) => {
      const kind = Math.floor(Math.random() * 4);
      if (kind === 1) for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
      if (kind === 2) await new Promise((resolve) => setImmediate(resolve));
      if (kind === 3) await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
      return client.request(message, WAIT_MS);
    }),
  );
}

async function user(world: RaceWorld, name: string): Promise<User> {
  const side = Math.floor(Math.random() * world.sides);
  const phone = await world.connect(name, side);
  const laptop = await world.connect(name, (side + 1) % world.sides);
  return { name, phone, laptop };
}

/** `from` calls `to` (`callId`); `to` answers on a random device, which is then the one in the call. */
async function established(from: User, to: User, callId: string): Promise<TestClient> {
  await from.phone.request({ type: 'invite', id: rid(), callId, to: [to.name], media: 'audio' }, WAIT_MS);
  const device = pick([to.phone, to.laptop]);
  await device.next('incoming', (message) => message.call.callId === callId, WAIT_MS);
  const reply = await device.request({ type: 'accept', id: rid(), callId, media: 'audio' }, WAIT_MS);
  if (reply.type !== 'answered') throw new Error(`${callId}: the setup accept got ${JSON.stringify(reply)}`);
  await from.phone.next('accepted', (message) => message.callId === callId, WAIT_MS);
  return device;
}

async function ring(from: User, to: User, callId: string): Promise<void> {
  await from.phone.request({ type: 'invite', id: rid(), callId, to: [to.name], media: 'audio' }, WAIT_MS);
  await Promise.all([to.phone, to.laptop].map((device) => device.next('incoming', (message) => message.call.callId === callId, WAIT_MS)));
}

/** Wait until `device` has an `ended` for `callId` (not consumed: checks read every message received). */
async function endedOn(device: TestClient, callId: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (device.endings(callId).length === 0) {
    if (Date.now() > deadline) throw new Error(`${device.user}: no ended for ${callId}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Who holds `callId` as `device` last heard (the `heldBy` of its newest `held`/`resumed`), sorted and joined. */
function holdersHeard(device: TestClient, callId: string): string {
  let newest: { version: number; heldBy: readonly string[] } = { version: -1, heldBy: [] };
  for (const message of device.received) {
    if ((message.type === 'held' || message.type === 'resumed') && message.callId === callId && message.version > newest.version) {
      newest = { version: message.version, heldBy: message.heldBy ?? [] };
    }
  }
  return [...newest.heldBy].sort().join();
}

/** Wait until `device` last heard that exactly `holders` hold `callId`. */
async function heard(device: TestClient, callId: string, holders: readonly string[]): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  const expected = [...holders].sort().join();
  while (holdersHeard(device, callId) !== expected) {
    if (Date.now() > deadline) throw new Error(`${device.user}: heard ${callId} held by [${holdersHeard(device, callId)}], not [${expected}]`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Per device: versions only grow per call (the glare watch), and at most one ending per call. */
function deviceViolations(users: readonly User[]): string[] {
  const violations: string[] = [];
  for (const { name, phone, laptop } of users) {
    for (const [label, device] of [
      ['phone', phone],
      ['laptop', laptop],
    ] as const) {
      const watch = watchDevice(`${name} ${label}`);
      const endings = new Map<string, Set<string>>();
      for (const message of device.received) {
        watch.receive(message);
        if (message.type !== 'ended') continue;
        const seen = endings.get(message.callId) ?? new Set<string>();
        seen.add(`${message.reason}/${message.by ?? 'server'}`);
        endings.set(message.callId, seen);
      }
      violations.push(...watch.violations);
      for (const [callId, seen] of endings) if (seen.size > 1) violations.push(`${name} ${label}: ${callId} ended as ${[...seen].join(' and ')}`);
    }
  }
  return violations;
}

/** Per user: at most one call they are joined in and do not hold, and their claim on it. */
async function activeViolations(store: RingStore, users: readonly User[], callIds: readonly string[]): Promise<string[]> {
  const calls = (await Promise.all(callIds.map((callId) => store.getCall(callId)))).filter((call): call is CallRecord => call !== undefined);
  const violations: string[] = [];
  for (const { name } of users) {
    const active = calls.filter(
      (call) => call.status !== 'ended' && call.members.some((member) => member.user === name && member.state === 'joined') && !call.heldBy?.includes(name),
    );
    if (active.length > 1) violations.push(`${name} is active in ${active.map((call) => call.callId).join(' and ')}`);
    const claim = await store.userCall(name);
    const [only] = active;
    if (only && claim !== only.callId) violations.push(`${name} is active in ${only.callId} but claims ${claim ?? 'nothing'}`);
  }
  return violations;
}

function expectThat(violations: string[], holds: boolean, what: string): void {
  if (!holds) violations.push(what);
}

async function finish(world: RaceWorld, users: User[], callIds: string[], violations: string[], outcome: string): Promise<RaceRun> {
  await world.settle();
  violations.push(...deviceViolations(users), ...(await activeViolations(world.store, users, callIds)));
  return { outcome, violations };
}

/**
 * B, in a call with A, accepts C's waiting call (ending or holding A's) while A hangs up.
 *
 * @example
 * ```ts
 * const { outcome, violations } = await acceptWhileHungUp(world, 'r1');
 * ```
 */
export const acceptWhileHungUp: Race = async (world, tag) => {
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => user(world, `${name}-${tag}`))) as [User, User, User];
  const [first, second] = [`${tag}-1`, `${tag}-2`];
  const bInFirst = await established(a, b, first);
  await ring(c, b, second);
  const choice = pick(['end', 'hold'] as const);
  const [accepted, hungUp] = await racing([
    [pick([b.phone, b.laptop]), { type: 'accept', id: rid(), callId: second, media: 'audio', active: choice }],
    [pick([a.phone, a.laptop]), { type: 'hangup', id: rid(), callId: first }],
  ]);
  const violations: string[] = [];
  expectThat(violations, accepted?.type === 'answered', `accept got ${JSON.stringify(accepted)}`);
  expectThat(violations, hungUp?.type === 'ok', `hangup got ${JSON.stringify(hungUp)}`);
  const [old, next] = await Promise.all([world.store.getCall(first), world.store.getCall(second)]);
  const endedBy = old?.endedBy === a.name ? 'A' : old?.endedBy === b.name ? 'B' : String(old?.endedBy);
  expectThat(violations, old?.status === 'ended' && old.reason === 'completed', `${first} is ${old?.status}/${old?.reason}`);
  expectThat(violations, endedBy === 'A' || (endedBy === 'B' && choice === 'end'), `${first} ended by ${endedBy} after ${choice}`);
  expectThat(violations, next?.status === 'active' && !next.heldBy, `${second} is ${next?.status} held by ${String(next?.heldBy)}`);
  await Promise.all([endedOn(a.phone, first), endedOn(bInFirst, first)]);
  // A device may miss the `held` when the newer `ended` reached it first: only the newest version counts.
  const wasHeld = old?.heldBy?.includes(b.name) === true;
  return finish(world, [a, b, c], [first, second], violations, `${choice}: ended by ${endedBy}${wasHeld ? ' after the hold' : ''}`);
};

/**
 * Two calls ring at B side by side (B maybe in a call with D); both callers cancel while B accepts one.
 *
 * @example
 * ```ts
 * const { outcome } = await cancelsWhileAccepting(world, 'r2');
 * ```
 */
export const cancelsWhileAccepting: Race = async (world, tag) => {
  const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((name) => user(world, `${name}-${tag}`))) as [User, User, User, User];
  const [current, fromA, fromC] = [`${tag}-0`, `${tag}-1`, `${tag}-2`];
  const inCall = Math.random() < 0.5;
  if (inCall) await established(d, b, current);
  await ring(a, b, fromA);
  await ring(c, b, fromC);
  const target = pick([fromA, fromC]);
  const choice = inCall ? pick(['end', 'hold'] as const) : undefined;
  const [accepted, cancelA, cancelC] = await racing([
    [pick([b.phone, b.laptop]), { type: 'accept', id: rid(), callId: target, media: 'audio', ...(choice ? { active: choice } : {}) }],
    [a.phone, { type: 'cancel', id: rid(), callId: fromA }],
    [c.phone, { type: 'cancel', id: rid(), callId: fromC }],
  ]);
  const violations: string[] = [];
  const won = accepted?.type === 'answered';
  const targetCancel = target === fromA ? cancelA : cancelC;
  const otherCancel = target === fromA ? cancelC : cancelA;
  const [stored, other, before] = await Promise.all([world.store.getCall(target), world.store.getCall(target === fromA ? fromC : fromA), world.store.getCall(current)]);
  if (won) {
    expectThat(violations, targetCancel?.type === 'error' && targetCancel.code === 'already-answered', `a won accept, and the cancel got ${JSON.stringify(targetCancel)}`);
    expectThat(violations, stored?.status === 'active', `a won accept, and ${target} is ${stored?.status}`);
  } else {
    expectThat(violations, accepted?.type === 'error' && accepted.code === 'call-ended', `a lost accept got ${JSON.stringify(accepted)}`);
    expectThat(violations, targetCancel?.type === 'ok' && stored?.status === 'ended' && stored.reason === 'cancelled', `a won cancel: ${JSON.stringify(targetCancel)}, ${stored?.status}/${stored?.reason}`);
    for (const device of [b.phone, b.laptop]) await endedOn(device, target);
  }
  expectThat(violations, otherCancel?.type === 'ok' && other?.status === 'ended' && other.reason === 'cancelled', `the other call: ${JSON.stringify(otherCancel)}, ${other?.status}`);
  for (const device of [b.phone, b.laptop]) await endedOn(device, other?.callId ?? '');
  if (inCall) {
    const expected = !won ? 'active' : choice === 'end' ? 'ended' : 'held';
    const actual = before?.status === 'ended' ? 'ended' : before?.heldBy?.includes(b.name) ? 'held' : before?.status;
    expectThat(violations, actual === expected, `${current} is ${actual}, expected ${expected} (accept ${won ? 'won' : 'lost'}, ${choice})`);
    const claim = await world.store.userCall(b.name);
    expectThat(violations, claim === (won ? target : current), `${b.name} claims ${claim}`);
  }
  return finish(world, [a, b, c, d], [current, fromA, fromC], violations, `${won ? 'answered' : 'cancelled'}${inCall ? ` while in a call (${choice})` : ''}`);
};

/**
 * A and B hold their call at once, then resume it at once.
 *
 * @example
 * ```ts
 * const { outcome } = await holdFromBothSides(world, 'r3');
 * ```
 */
export const holdFromBothSides: Race = async (world, tag) => {
  const [a, b] = await Promise.all(['a', 'b'].map((name) => user(world, `${name}-${tag}`))) as [User, User];
  const callId = `${tag}-1`;
  await established(a, b, callId);
  const violations: string[] = [];
  const devices = [a.phone, a.laptop, b.phone, b.laptop];
  for (const type of ['hold', 'resume'] as const) {
    const replies = await racing([
      [pick([a.phone, a.laptop]), { type, id: rid(), callId }],
      [pick([b.phone, b.laptop]), { type, id: rid(), callId }],
    ]);
    expectThat(violations, replies.every((reply) => reply.type === 'ok'), `${type}: ${JSON.stringify(replies)}`);
    const holders = type === 'hold' ? [a.name, b.name] : [];
    await Promise.all(devices.map((device) => heard(device, callId, holders)));
    const stored = await world.store.getCall(callId);
    expectThat(violations, [...(stored?.heldBy ?? [])].sort().join() === [...holders].sort().join(), `after ${type}: held by ${String(stored?.heldBy)}`);
  }
  return finish(world, [a, b], [callId], violations, 'held by both, resumed by both');
};

/**
 * B holds A's call for C's; B resumes A's call while A (or C) hangs up.
 *
 * @example
 * ```ts
 * const { outcome } = await resumeWhileHungUp(world, 'r4');
 * ```
 */
export const resumeWhileHungUp: Race = async (world, tag) => {
  const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((name) => user(world, `${name}-${tag}`))) as [User, User, User];
  const [held, active] = [`${tag}-1`, `${tag}-2`];
  await established(a, b, held);
  await ring(c, b, active);
  const answered = await pick([b.phone, b.laptop]).request({ type: 'accept', id: rid(), callId: active, media: 'audio', active: 'hold' }, WAIT_MS);
  if (answered.type !== 'answered') throw new Error(`hold and accept got ${JSON.stringify(answered)}`);
  const hungUp = pick([held, active]);
  const [resumed, hangup] = await racing([
    [pick([b.phone, b.laptop]), { type: 'resume', id: rid(), callId: held }],
    [hungUp === held ? pick([a.phone, a.laptop]) : pick([c.phone, c.laptop]), { type: 'hangup', id: rid(), callId: hungUp }],
  ]);
  const violations: string[] = [];
  expectThat(violations, hangup?.type === 'ok', `hangup got ${JSON.stringify(hangup)}`);
  const [first, second] = await Promise.all([world.store.getCall(held), world.store.getCall(active)]);
  const won = resumed?.type === 'ok';
  if (hungUp === held) {
    expectThat(violations, won || (resumed?.type === 'error' && resumed.code === 'call-ended'), `resume got ${JSON.stringify(resumed)}`);
    // A resume that won held the other call first, and that stays held; one that lost changed nothing.
    expectThat(violations, second?.status === 'active' && Boolean(second.heldBy?.includes(b.name)) === won, `${active}: held by ${String(second?.heldBy)} after a resume that ${won ? 'won' : 'lost'}`);
    expectThat(violations, first?.status === 'ended' && first.endedBy === a.name, `${held} ended by ${String(first?.endedBy)}`);
  } else {
    expectThat(violations, won, `resume got ${JSON.stringify(resumed)}`);
    expectThat(violations, first?.status === 'active' && !first.heldBy, `${held} is ${first?.status} held by ${String(first?.heldBy)}`);
    expectThat(violations, second?.status === 'ended' && second.endedBy === c.name, `${active} ended by ${String(second?.endedBy)}`);
  }
  await endedOn(hungUp === held ? a.phone : c.phone, hungUp);
  return finish(world, [a, b, c], [held, active], violations, `${hungUp === held ? 'the held call' : 'the active call'} hung up; resume ${won ? 'won' : 'lost'}`);
};

/**
 * B, in a call, accepts two waiting calls at once on two devices (on two processes): one active call at the end.
 *
 * @example
 * ```ts
 * const { outcome } = await twoDevicesAccept(world, 'r5');
 * ```
 */
export const twoDevicesAccept: Race = async (world, tag) => {
  const [a, b, c, d] = await Promise.all(['a', 'b', 'c', 'd'].map((name) => user(world, `${name}-${tag}`))) as [User, User, User, User];
  const [current, fromC, fromD] = [`${tag}-0`, `${tag}-1`, `${tag}-2`];
  await established(a, b, current);
  await ring(c, b, fromC);
  await ring(d, b, fromD);
  const choices = [pick(['end', 'hold'] as const), pick(['end', 'hold'] as const)];
  const replies = await racing([
    [b.phone, { type: 'accept', id: rid(), callId: fromC, media: 'audio', active: choices[0] }],
    [b.laptop, { type: 'accept', id: rid(), callId: fromD, media: 'audio', active: choices[1] }],
  ]);
  const violations: string[] = [];
  expectThat(violations, replies.every((reply) => reply.type === 'answered'), `accepts got ${JSON.stringify(replies)}`);
  const calls = await Promise.all([current, fromC, fromD].map((callId) => world.store.getCall(callId)));
  const live = calls.filter((call) => call?.status === 'active').length;
  const active = calls.filter((call) => call?.status === 'active' && !call.heldBy?.includes(b.name)).map((call) => call?.callId);
  expectThat(violations, active.length === 1 && active[0] !== current, `${b.name} is active in ${active.join(' and ') || 'nothing'}`);
  return finish(world, [a, b, c, d], [current, fromC, fromD], violations, `${choices.join('+')}: ${live} calls go on`);
};

/** Every race, by name. */
export const WAITING_RACES: Record<string, Race> = {
  'the second call is accepted while the other side hangs up the first': acceptWhileHungUp,
  'both callers cancel while the callee accepts one': cancelsWhileAccepting,
  'hold (then resume) from both sides at once': holdFromBothSides,
  'resume vs hangup': resumeWhileHungUp,
  'two devices accept two waiting calls at once': twoDevicesAccept,
};

/**
 * Run `race` `runs` times, `batch` at a time; the outcomes counted, and every violation with its run.
 *
 * @example
 * ```ts
 * const { outcomes, inconsistent } = await runRace(world, acceptWhileHungUp, 1_000, 20, 'm');
 * ```
 */
export async function runRace(
  world: RaceWorld,
  race: Race,
  runs: number,
  batch: number,
  prefix: string,
): Promise<{ outcomes: Map<string, number>; inconsistent: string[] }> {
  const outcomes = new Map<string, number>();
  const inconsistent: string[] = [];
  for (let start = 0; start < runs; start += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, runs - start) }, async (_, index) => {
        const tag = `${prefix}${start + index}`;
        try {
          return { tag, ...(await race(world, tag)) };
        } catch (error) {
          return { tag, outcome: 'failed', violations: [String(error)] };
        }
      }),
    );
    for (const { tag, outcome, violations } of results) {
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (violations.length > 0) inconsistent.push(`${tag}: ${violations.join('; ')}`);
    }
  }
  return { outcomes, inconsistent };
}
