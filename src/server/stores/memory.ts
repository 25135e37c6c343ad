/**
 * The in-memory {@link RingStore}: one process, no dependencies, also used by
 * the browser-side memory hub.
 *
 * @packageDocumentation
 */
import type { HistoryEntry, PresenceStatus } from '../../protocol/protocol.js';
import type { CallRecord } from '../call-record.js';
import { deepFreeze } from './immutable.js';
import { HISTORY_LIMIT, type Change, type DeviceRecord, type RingStore, type Updated } from './store.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** How many ended calls stay readable (oldest forgotten first). Default 10 000. */
  keepEndedCalls?: number;
}

/**
 * A {@link RingStore} held in plain maps. Each method completes its read and
 * write in one synchronous step, so every update is atomic. Records are
 * stored frozen and handed out as they are, never copied.
 *
 * @example
 * ```ts
 * const server = await createRingServer({ port: 0, store: createMemoryStore(), auth: { jwtSecret } });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): RingStore {
  const keepEnded = options.keepEndedCalls ?? 10_000;
  const calls = new Map<string, CallRecord>();
  const endedOrder: string[] = [];
  const claims = new Map<string, string>();
  const userCalls = new Map<string, Set<string>>();
  const locks = new Map<string, { token: string; until: number }>();
  const presence = new Map<string, PresenceStatus>();
  const devices = new Map<string, DeviceRecord>();
  const sessionsByUser = new Map<string, Set<string>>();
  const history = new Map<string, HistoryEntry[]>();
  const deadlines = new Map<string, number>();

  function rememberEnded(call: CallRecord): void {
    endedOrder.push(call.callId);
    while (endedOrder.length > keepEnded) {
      const oldest = endedOrder.shift();
      if (oldest !== undefined && calls.get(oldest)?.status === 'ended') calls.delete(oldest);
    }
  }

  function indexDevice(device: DeviceRecord): void {
    devices.set(device.session, { ...device });
    const sessions = sessionsByUser.get(device.user) ?? new Set<string>();
    sessions.add(device.session);
    sessionsByUser.set(device.user, sessions);
  }

  function dropDevice(device: DeviceRecord): void {
    devices.delete(device.session);
    const sessions = sessionsByUser.get(device.user);
    sessions?.delete(device.session);
    if (sessions?.size === 0) sessionsByUser.delete(device.user);
  }

  return {
    async getCall(callId) {
      return calls.get(callId);
    },
    async createCall(call) {
      if (calls.has(call.callId)) return false;
      calls.set(call.callId, deepFreeze({ ...call, version: 1 }));
      if (call.status === 'ended') rememberEnded(call);
      return true;
    },
    async deleteCall(callId) {
      calls.delete(callId);
    },
    async updateCall<R>(callId: string, change: (call: CallRecord) => Change<CallRecord, R>) {
      const current = calls.get(callId);
      if (!current) return undefined;
      const decision = change(current);
      if (decision.next === undefined) return { result: decision.result, value: current, changed: false };
      const next = deepFreeze({ ...decision.next, version: current.version + 1 });
      calls.set(callId, next);
      if (next.status === 'ended' && current.status !== 'ended') rememberEnded(next);
      return { result: decision.result, value: next, changed: true };
    },

    async claimUser(user, callId, replacing) {
      const held = claims.get(user);
      if (held === undefined || held === callId || (replacing !== undefined && held === replacing)) {
        claims.set(user, callId);
        return undefined;
      }
      return held;
    },
    async releaseUser(user, callId) {
      if (claims.get(user) === callId) claims.delete(user);
    },
    async userCall(user) {
      return claims.get(user);
    },

    async indexCall(callId, users) {
      for (const user of users) {
        const calls = userCalls.get(user) ?? new Set<string>();
        calls.add(callId);
        userCalls.set(user, calls);
      }
    },
    async unindexCall(callId, user) {
      const calls = userCalls.get(user);
      calls?.delete(callId);
      if (calls?.size === 0) userCalls.delete(user);
    },
    async listUserCalls(user) {
      return [...(userCalls.get(user) ?? [])];
    },

    async lockUser(user, token, ttlMs) {
      const now = Date.now();
      const held = locks.get(user);
      if (held && held.token !== token && held.until > now) return false;
      locks.set(user, { token, until: now + ttlMs });
      return true;
    },
    async unlockUser(user, token) {
      if (locks.get(user)?.token === token) locks.delete(user);
    },

    async getPresence(user) {
      return presence.get(user) ?? 'available';
    },
    async setPresence(user, status) {
      presence.set(user, status);
    },

    async getDevice(session) {
      const device = devices.get(session);
      return device && { ...device };
    },
    async putDevice(device) {
      indexDevice(device);
    },
    async updateDevice<R>(session: string, change: (device: DeviceRecord) => Change<DeviceRecord | null, R>) {
      const current = devices.get(session);
      if (!current) return undefined;
      const decision = change({ ...current });
      if (decision.next === undefined) {
        return { result: decision.result, value: { ...current }, changed: false } satisfies Updated<DeviceRecord | null, R>;
      }
      if (decision.next === null) dropDevice(current);
      else indexDevice({ ...decision.next, session, user: current.user });
      return { result: decision.result, value: decision.next && { ...decision.next }, changed: true };
    },
    async listDevices(user) {
      return [...(sessionsByUser.get(user) ?? [])].flatMap((session) => {
        const device = devices.get(session);
        return device ? [{ ...device }] : [];
      });
    },

    async appendHistory(user, entry) {
      const entries = history.get(user) ?? [];
      entries.unshift(deepFreeze(entry));
      entries.length = Math.min(entries.length, HISTORY_LIMIT);
      history.set(user, entries);
    },
    async listHistory(user, limit) {
      return (history.get(user) ?? []).slice(0, limit);
    },
    async rateHistory(user, callId, rating) {
      const entries = history.get(user) ?? [];
      const index = entries.findIndex((entry) => entry.callId === callId);
      const entry = entries[index];
      if (!entry) return undefined;
      const rated = deepFreeze({ ...entry, rating });
      entries[index] = rated;
      return rated;
    },

    async setDeadline(key, at) {
      deadlines.set(key, at);
    },
    async clearDeadline(key) {
      deadlines.delete(key);
    },
    async takeDeadline(key, now) {
      const at = deadlines.get(key);
      if (at === undefined) return { taken: false };
      if (at > now) return { taken: false, at };
      deadlines.delete(key);
      return { taken: true };
    },
    async dueDeadlines(now) {
      return [...deadlines].filter(([, at]) => at <= now).map(([key]) => key);
    },
  };
}
