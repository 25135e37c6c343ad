/**
 * The RingStore contract as a reusable suite: every store (memory, Redis)
 * must pass it. `open` gives two handles on one store (for Redis: two
 * connections, as two processes would have), and the races spread their
 * operations over both.
 */
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/protocol/protocol.js';
import type { CallRecord } from '../../src/server/call-record.js';
import { HISTORY_LIMIT, type DeviceRecord, type RingStore } from '../../src/server/stores/store.js';

/** Two handles on one store, and how to let go of them. */
export interface StoreHandles {
  stores: [RingStore, RingStore];
  close(): Promise<void>;
}

let counter = 0;
/** A fresh id, unique in this test run. */
function unique(kind: string): string {
  counter += 1;
  return `${kind}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A ringing 1:1 call record.
 *
 * @example
 * ```ts
 * const call = ringingCall('alice', 'bob');
 * ```
 */
export function ringingCall(from: string, to: string): CallRecord {
  const callId = unique('call');
  return {
    callId,
    version: 1,
    room: callId,
    from,
    media: 'audio',
    status: 'ringing',
    createdAt: 1_700_000_000_000,
    members: [
      { user: from, state: 'calling', media: 'audio', device: 'd0' },
      { user: to, state: 'invited', media: 'audio', ringUntil: 1_700_000_060_000 },
    ],
  };
}

function entry(callId: string, at: number): HistoryEntry {
  return { callId, direction: 'outgoing', peers: ['bob'], media: 'audio', missed: false, reason: 'completed', startedAt: at, endedAt: at + 1, durationMs: 1 };
}

function device(user: string, node?: string): DeviceRecord {
  return { session: unique('s'), device: unique('d'), user, connection: unique('c'), connected: true, ...(node ? { node } : {}) };
}

/** Run `count` tasks at once, alternating between the two handles. */
function race<T>(handles: StoreHandles, count: number, task: (store: RingStore, index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => task(handles.stores[index % 2] as RingStore, index)));
}

/**
 * Register the contract suite for one store.
 *
 * @example
 * ```ts
 * describeStoreContract('memory', async () => { const store = createMemoryStore(); return { stores: [store, store], close: async () => undefined }; });
 * ```
 */
export function describeStoreContract(name: string, open: () => Promise<StoreHandles>): void {
  describe(`RingStore contract: ${name}`, () => {
    async function withStores(body: (handles: StoreHandles) => Promise<void>): Promise<void> {
      const handles = await open();
      try {
        await body(handles);
      } finally {
        await handles.close();
      }
    }

    it('creates a call once, reads records that cannot be changed in place, deletes', () =>
      withStores(async ({ stores: [a, b] }) => {
        const call = ringingCall('alice', 'bob');
        expect(await a.createCall(call)).toBe(true);
        expect(await b.createCall({ ...call, from: 'mallory' })).toBe(false);
        const read = await b.getCall(call.callId);
        expect(read).toEqual(call);
        // Records are immutable: an edit in place either throws (frozen) or changes nothing stored (a fresh parse).
        try {
          if (read) read.members.length = 0;
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
        expect((await a.getCall(call.callId))?.members).toHaveLength(2);
        await b.deleteCall(call.callId);
        expect(await a.getCall(call.callId)).toBeUndefined();
        expect(await a.updateCall(call.callId, () => ({ result: 1 }))).toBeUndefined();
      }));

    it('updateCall: no write without `next`, and the stored value after a write', () =>
      withStores(async ({ stores: [a, b] }) => {
        const call = ringingCall('alice', 'bob');
        await a.createCall(call);
        expect(await b.updateCall(call.callId, () => ({ result: 'x' }))).toEqual({ result: 'x', value: call, changed: false });
        const updated = await b.updateCall(call.callId, (current) => ({ next: { ...current, status: 'active' as const }, result: 'y' }));
        expect(updated).toEqual({ result: 'y', value: { ...call, status: 'active', version: 2 }, changed: true });
        expect((await a.getCall(call.callId))?.status).toBe('active');
      }));

    it('updateCall is compare-and-set: 40 concurrent appends all land', () =>
      withStores(async (handles) => {
        const call = ringingCall('alice', 'bob');
        await handles.stores[0].createCall(call);
        await race(handles, 40, (store, index) =>
          store.updateCall(call.callId, (current) => ({
            next: { ...current, members: [...current.members, { user: `u${index}`, state: 'invited' as const, media: 'audio' as const }] },
            result: undefined,
          })),
        );
        const users = (await handles.stores[1].getCall(call.callId))?.members.map((member) => member.user) ?? [];
        expect(users).toHaveLength(42);
        expect(new Set(users).size).toBe(42);
      }));

    it('updateCall: first accept wins among 20 concurrent accepts', () =>
      withStores(async (handles) => {
        const call = ringingCall('alice', 'bob');
        await handles.stores[0].createCall(call);
        const results = await race(handles, 20, (store, index) =>
          store.updateCall(call.callId, (current) =>
            current.status === 'ringing' ? { next: { ...current, status: 'active' as const, answeredAt: index }, result: index } : { result: -1 },
          ),
        );
        const winners = results.map((updated) => updated?.result).filter((result) => result !== -1);
        expect(winners).toHaveLength(1);
        expect((await handles.stores[1].getCall(call.callId))?.answeredAt).toBe(winners[0]);
      }));

    it('claimUser: one of 20 concurrent claims wins; re-claim, stale replace and release', () =>
      withStores(async (handles) => {
        const [a, b] = handles.stores;
        const user = unique('bob');
        const calls = Array.from({ length: 20 }, (_, index) => `claim-${index}-${unique('c')}`);
        const held = await race(handles, 20, (store, index) => store.claimUser(user, calls[index] ?? ''));
        const winner = calls[held.findIndex((holder) => holder === undefined)];
        expect(held.filter((holder) => holder === undefined)).toHaveLength(1);
        expect(held.filter((holder) => holder !== undefined).every((holder) => holder === winner)).toBe(true);
        expect(await b.userCall(user)).toBe(winner);
        expect(await a.claimUser(user, winner ?? '')).toBeUndefined();
        expect(await a.claimUser(user, 'other', 'not-the-holder')).toBe(winner);
        const replaced = await race(handles, 10, (store, index) => store.claimUser(user, `new-${index}`, winner));
        expect(replaced.filter((holder) => holder === undefined)).toHaveLength(1);
        const current = await a.userCall(user);
        await b.releaseUser(user, 'not-held');
        expect(await a.userCall(user)).toBe(current);
        await b.releaseUser(user, current ?? '');
        expect(await a.userCall(user)).toBeUndefined();
      }));

    it('user call index: several calls per user, shared by both handles, unindexed one by one', () =>
      withStores(async ({ stores: [a, b] }) => {
        const [alice, bob] = [unique('alice'), unique('bob')];
        await a.indexCall('x1', [alice, bob]);
        await b.indexCall('x2', [bob]);
        await b.indexCall('x2', [bob]);
        expect((await b.listUserCalls(bob)).sort()).toEqual(['x1', 'x2']);
        expect(await a.listUserCalls(alice)).toEqual(['x1']);
        await a.unindexCall('x1', bob);
        await a.unindexCall('nope', bob);
        expect(await b.listUserCalls(bob)).toEqual(['x2']);
        await b.unindexCall('x2', bob);
        expect(await a.listUserCalls(bob)).toEqual([]);
      }));

    it('lockUser: one of 20 concurrent lockers wins; only its token unlocks; the lease lapses', () =>
      withStores(async (handles) => {
        const [a, b] = handles.stores;
        const user = unique('dave');
        const taken = await race(handles, 20, (store, index) => store.lockUser(user, `t${index}`, 60_000));
        expect(taken.filter(Boolean)).toHaveLength(1);
        const winner = `t${taken.indexOf(true)}`;
        await b.unlockUser(user, 'not-the-holder');
        expect(await a.lockUser(user, 'late', 60_000)).toBe(false);
        await b.unlockUser(user, winner);
        expect(await a.lockUser(user, 'short', 20)).toBe(true);
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(await b.lockUser(user, 'after-lapse', 60_000)).toBe(true);
        await b.unlockUser(user, 'after-lapse');
      }));

    it('presence is available until set', () =>
      withStores(async ({ stores: [a, b] }) => {
        const user = unique('carol');
        expect(await a.getPresence(user)).toBe('available');
        await a.setPresence(user, 'do-not-disturb');
        expect(await b.getPresence(user)).toBe('do-not-disturb');
        await b.setPresence(user, 'available');
        expect(await a.getPresence(user)).toBe('available');
      }));

    it('devices: put, list, compare-and-set update, delete', () =>
      withStores(async (handles) => {
        const [a, b] = handles.stores;
        const user = unique('dave');
        const phone = device(user, 'n1');
        const laptop = device(user, 'n2');
        await a.putDevice(phone);
        await b.putDevice(laptop);
        expect((await a.listDevices(user)).map((found) => found.session).sort()).toEqual([phone.session, laptop.session].sort());
        const drops = await race(handles, 10, (store) =>
          store.updateDevice(phone.session, (current) =>
            current.connected ? { next: { ...current, connected: false, graceUntil: 5 }, result: true } : { result: false },
          ),
        );
        expect(drops.filter((updated) => updated?.result)).toHaveLength(1);
        expect(await b.getDevice(phone.session)).toEqual({ ...phone, connected: false, graceUntil: 5 });
        const removed = await b.updateDevice(phone.session, () => ({ next: null, result: 'gone' }));
        expect(removed).toEqual({ result: 'gone', value: null, changed: true });
        expect(await a.getDevice(phone.session)).toBeUndefined();
        expect(await a.updateDevice(phone.session, () => ({ result: 1 }))).toBeUndefined();
        expect((await a.listDevices(user)).map((found) => found.session)).toEqual([laptop.session]);
      }));

    it(`history: newest first, trimmed to ${HISTORY_LIMIT}`, () =>
      withStores(async (handles) => {
        const user = unique('erin');
        for (let index = 0; index < HISTORY_LIMIT + 5; index += 1) await handles.stores[index % 2]?.appendHistory(user, entry(`h${index}`, index));
        const all = await handles.stores[0].listHistory(user, 1_000);
        expect(all).toHaveLength(HISTORY_LIMIT);
        expect(all[0]?.callId).toBe(`h${HISTORY_LIMIT + 4}`);
        expect(all.at(-1)?.callId).toBe('h5');
        expect((await handles.stores[1].listHistory(user, 3)).map((found) => found.callId)).toEqual(['h104', 'h103', 'h102']);
        expect(await handles.stores[1].listHistory(unique('nobody'), 10)).toEqual([]);
      }));

    it('history ratings: set on the entry of that call only, replaced by a later one, kept while entries are pushed in front', () =>
      withStores(async (handles) => {
        const [a, b] = handles.stores;
        const user = unique('fay');
        for (let index = 0; index < 5; index += 1) await a.appendHistory(user, entry(`r${index}`, index));
        expect(await b.rateHistory(user, 'nope', { score: 3, ratedAt: 1 })).toBeUndefined();
        expect(await b.rateHistory(unique('nobody'), 'r1', { score: 3, ratedAt: 1 })).toBeUndefined();
        const rated = await b.rateHistory(user, 'r1', { score: 2, issues: ['echo'], ratedAt: 7 });
        expect(rated).toEqual({ ...entry('r1', 1), rating: { score: 2, issues: ['echo'], ratedAt: 7 } });
        // Ratings and new entries at once, from both handles: every rating lands on its own call, nothing is lost.
        await Promise.all([
          ...[0, 2, 3, 4].map((index) => handles.stores[index % 2]?.rateHistory(user, `r${index}`, { score: 5, comment: `r${index}`, ratedAt: 8 })),
          ...[5, 6, 7].map((index) => handles.stores[index % 2]?.appendHistory(user, entry(`r${index}`, index))),
        ]);
        await a.rateHistory(user, 'r1', { score: 4, ratedAt: 9 });
        const all = await b.listHistory(user, 100);
        expect(all.map((found) => found.callId)).toEqual(expect.arrayContaining(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']));
        expect(all).toHaveLength(8);
        for (const found of all) {
          const index = Number(found.callId.slice(1));
          if (index >= 5) expect(found.rating).toBeUndefined();
          else if (index === 1) expect(found.rating).toEqual({ score: 4, ratedAt: 9 });
          else expect(found.rating).toEqual({ score: 5, comment: found.callId, ratedAt: 8 });
        }
      }));

    it('deadlines: not due yet, then taken by exactly one of 20 takers', () =>
      withStores(async (handles) => {
        const [a, b] = handles.stores;
        const key = `ring:${unique('c')}`;
        await a.setDeadline(key, 1_000);
        expect(await b.takeDeadline(key, 999)).toEqual({ taken: false, at: 1_000 });
        await b.setDeadline(key, 2_000);
        expect(await a.takeDeadline(key, 1_500)).toEqual({ taken: false, at: 2_000 });
        expect(await a.dueDeadlines(1_999)).not.toContain(key);
        expect(await b.dueDeadlines(2_000)).toContain(key);
        const takes = await race(handles, 20, (store) => store.takeDeadline(key, 2_000));
        expect(takes.filter((take) => take.taken)).toHaveLength(1);
        expect(takes.filter((take) => !take.taken).every((take) => take.at === undefined)).toBe(true);
        expect(await a.dueDeadlines(10_000)).not.toContain(key);
        await a.setDeadline(key, 3_000);
        await b.clearDeadline(key);
        expect(await a.takeDeadline(key, 10_000)).toEqual({ taken: false });
      }));
  });
}
