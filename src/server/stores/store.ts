/**
 * The storage contract of the call rules. Every method is async and every
 * write that decides an outcome is atomic, so one implementation can live in
 * memory (one process) and another in Redis (several processes) with the
 * same guarantees: first accept wins, a call ends once, a timer fires once.
 *
 * Rules for implementers:
 * - `updateCall` / `updateDevice` are compare-and-set: read the record, run
 *   `change` on a copy, write only if nobody wrote in between, else re-read
 *   and run `change` again (Redis: WATCH/MULTI or a version field checked in
 *   Lua). `change` is pure and may run several times.
 * - `claimUser` is an atomic compare-and-set on one key per user (Redis: a
 *   Lua script, or SET NX plus a checked replace). The rules create a call
 *   before claiming anyone for it, so a claim always points at a stored call;
 *   a claim whose call is gone or ended is stale and may be replaced.
 * - `lockUser` is a lease (Redis: SET NX PX): the rules hold it while they
 *   change which call a user is active in (call waiting), one such change per
 *   user at a time across processes.
 * - Deadlines are data: any process may `takeDeadline` a due one, and only
 *   one succeeds, so a ring or grace timer fires once even if the process
 *   that scheduled it died.
 * - Records are immutable values: `change` returns a new record and never
 *   edits the one it is given, and nobody edits a record read from or
 *   written to a store (the memory store freezes them and hands out the
 *   stored objects themselves; the Redis store hands out fresh parses).
 * - Ended calls stay readable for a while (minutes at least) so late
 *   messages get `call-ended` rather than `not-found`.
 *
 * @packageDocumentation
 */
import type { CallRating, HistoryEntry, PresenceStatus } from '../../protocol/protocol.js';
import type { CallRecord } from '../call-record.js';

/**
 * What a `change` function decides: the next record (`null` deletes it, where
 * allowed) or no write, plus a result handed back to the caller.
 *
 * @example
 * ```ts
 * const change = (call: CallRecord): Change<CallRecord, boolean> =>
 *   call.status === 'ringing' ? { next: { ...call, status: 'active' }, result: true } : { result: false };
 * ```
 */
export interface Change<T, R> {
  /** The record to write; leave out to write nothing. */
  next?: T;
  /** Anything the caller wants back from the decision. */
  result: R;
}

/** The outcome of an atomic update: the caller's result and the record as stored after it. */
export interface Updated<T, R> {
  result: R;
  /** The stored record after the update (the unchanged one when nothing was written). */
  value: T;
  /** True when `change` returned a `next` record that was written. */
  changed: boolean;
}

/**
 * One device (one session) of a user, connected or waiting out its grace period.
 *
 * @example
 * ```ts
 * const device: DeviceRecord = { session: 's1', device: 'k3f9x2', user: 'alice', connection: 'c7', connected: true };
 * ```
 */
export interface DeviceRecord {
  /** Secret id the client resumes with. */
  session: string;
  /** Public device id (LiveKit identity is `user#device`). */
  device: string;
  user: string;
  /** Id of the connection bound to the session now (a new one on every resume). */
  connection: string;
  /** False while in the grace period after a drop. */
  connected: boolean;
  /** End of the grace period (epoch ms), while not connected. */
  graceUntil?: number;
  /** The server process holding the connection, for stores shared by several processes. */
  node?: string;
  /** The device reported its page hidden (`visibility`); a user with no visible device is also rung by push. */
  hidden?: boolean;
}

/**
 * Storage for calls, per-user call claims, devices, presence, history and deadlines.
 *
 * @example
 * ```ts
 * const store: RingStore = createMemoryStore();
 * const service = createCallService({ store });
 * ```
 */
export interface RingStore {
  /** Read a call. */
  getCall(callId: string): Promise<CallRecord | undefined>;
  /** Store a new call at version 1; `false` (and nothing written) when the id is taken. */
  createCall(call: CallRecord): Promise<boolean>;
  /** Remove a call nobody has seen (its caller could not be claimed). */
  deleteCall(callId: string): Promise<void>;
  /** Atomically change a call (compare-and-set, retried), one version up; `undefined` when there is no such call. */
  updateCall<R>(callId: string, change: (call: CallRecord) => Change<CallRecord, R>): Promise<Updated<CallRecord, R> | undefined>;

  /**
   * Atomically make `callId` the call `user` is in. Succeeds (returns
   * `undefined`) when the user holds no call, already holds `callId`, or holds
   * `replacing` (a stale claim); otherwise returns the call id they hold.
   */
  claimUser(user: string, callId: string, replacing?: string): Promise<string | undefined>;
  /** Drop the user's claim, only if it is `callId`. */
  releaseUser(user: string, callId: string): Promise<void>;
  /** The call the user is in, if any. */
  userCall(user: string): Promise<string | undefined>;

  /** Note that `users` are members of `callId` (the index behind {@link RingStore.listUserCalls}). */
  indexCall(callId: string, users: readonly string[]): Promise<void>;
  /** Forget that `user` is a member of `callId`. */
  unindexCall(callId: string, user: string): Promise<void>;
  /** The calls `user` was indexed in and not yet unindexed from (may include calls that ended since: check the records). */
  listUserCalls(user: string): Promise<string[]>;

  /**
   * Take `user`'s lock for `ttlMs` with a token of your own: `true` when taken,
   * `false` while someone else holds it. The lock lapses by itself after `ttlMs`.
   */
  lockUser(user: string, token: string, ttlMs: number): Promise<boolean>;
  /** Let go of `user`'s lock, only if `token` holds it. */
  unlockUser(user: string, token: string): Promise<void>;

  /** A user's presence (`available` when never set). */
  getPresence(user: string): Promise<PresenceStatus>;
  /** Set a user's presence. */
  setPresence(user: string, status: PresenceStatus): Promise<void>;

  /** Read a device by its session. */
  getDevice(session: string): Promise<DeviceRecord | undefined>;
  /** Store a new device (a fresh session). */
  putDevice(device: DeviceRecord): Promise<void>;
  /** Atomically change or delete (`next: null`) a device; `undefined` when there is no such session. */
  updateDevice<R>(
    session: string,
    change: (device: DeviceRecord) => Change<DeviceRecord | null, R>,
  ): Promise<Updated<DeviceRecord | null, R> | undefined>;
  /** Every device of a user, connected or in grace. */
  listDevices(user: string): Promise<DeviceRecord[]>;

  /** Add an entry to the front of a user's history, keeping the newest 100. */
  appendHistory(user: string, entry: HistoryEntry): Promise<void>;
  /** A user's history, newest first. */
  listHistory(user: string, limit: number): Promise<HistoryEntry[]>;
  /**
   * Atomically set the rating of the call `callId` in `user`'s history (a
   * later rating replaces an earlier one); resolves with the rated entry, or
   * `undefined` when the call is not in their history.
   */
  rateHistory(user: string, callId: string, rating: CallRating): Promise<HistoryEntry | undefined>;

  /** Set (or move) a named deadline. */
  setDeadline(key: string, at: number): Promise<void>;
  /** Remove a deadline. */
  clearDeadline(key: string): Promise<void>;
  /**
   * Atomically remove a deadline that is due at `now` and report `taken: true`
   * to exactly one caller. Otherwise `taken: false`, with `at` when the
   * deadline exists but is still in the future.
   */
  takeDeadline(key: string, now: number): Promise<{ taken: boolean; at?: number }>;
  /** Keys of the deadlines due at `now` (for a process taking over timers). */
  dueDeadlines(now: number): Promise<string[]>;
}

/** Most entries kept in one user's history. */
export const HISTORY_LIMIT = 100;
