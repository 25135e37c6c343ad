/**
 * The call rules as a service: feed it parsed client messages from
 * authenticated connections; it answers and notifies through each
 * connection's `send`. Pure TypeScript (no Node APIs), so the same rules run
 * in the WebSocket server and in the in-browser memory hub.
 *
 * @packageDocumentation
 */
import {
  PROTOCOL_VERSION,
  type CallInfo,
  type ClientMessage,
  type ClientMessageOf,
  type LiveKitGrant,
  type ServerMessage,
} from '../protocol/protocol.js';
import { callStampOf } from '../protocol/call-version.js';
import { findMember, isPending, toCallInfo } from './call-record.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { callIdOf, type CallEvent, type CallRatedEvent } from './events/call-event.js';
import { randomId } from './ids.js';
import { callEventEntry } from './logging/call-event-log.js';
import { silentLog, type ServerLog } from './logging/server-log.js';
import { createSentVersions, type SentVersions } from './sent-versions.js';
import { createLane } from './lane.js';
import { accept, ack, reject } from './rules/answer.js';
import { ok, type Actor, type DeliveryTarget, type RulesContext, type UnreachableEvent } from './rules/context.js';
import { cancel, expireRing, hangup, loseDevice } from './rules/end.js';
import { hold, resume } from './rules/hold.js';
import { add, relayMessage, switchMedia } from './rules/in-call.js';
import { invite } from './rules/invite.js';
import { rate } from './rules/rate.js';
import { engagedCall } from './rules/reach.js';
import { callsOf } from './rules/user-calls.js';
import { nextRingDeadline } from './rules/transitions.js';
import { pushMessage } from './push/push-messages.js';
import { createPrecheckHandler, type PrecheckGrant } from './precheck/precheck-request.js';
import type { PushNotifier } from './push/push-notifier.js';
import { createMemoryStore } from './stores/memory.js';
import type { DeviceRecord, RingStore } from './stores/store.js';

export type { DeliveryTarget, UnreachableEvent } from './rules/context.js';

/** Shortest, default and longest ring time (ms). */
export const RING_TIMEOUT = { min: 5_000, default: 60_000, max: 180_000 } as const;
/** Default and longest grace period after a dropped connection (ms). */
export const GRACE = { default: 15_000, max: 600_000 } as const;

/** Close codes the service uses. */
export const CLOSE_CODES = {
  /** The session was resumed on another connection. */
  replaced: 4000,
  /** The client speaks another protocol version. */
  unsupportedVersion: 4002,
} as const;

/**
 * One authenticated connection (a socket, or a memory transport).
 *
 * @example
 * ```ts
 * const connection: Connection = { send: (m) => socket.send(JSON.stringify(m)), close: (code, reason) => socket.close(code, reason) };
 * ```
 */
export interface Connection {
  /** Send one message to the client. */
  send(message: ServerMessage): void;
  /** Close the connection (the service then expects {@link CallService.detach}). */
  close(code: number, reason: string): void;
}

/** What the `grant` hook is asked for: credentials for one device of one user in one call. */
export interface GrantRequest {
  call: CallInfo;
  user: string;
  device: string;
}

/**
 * Options of {@link createCallService}.
 *
 * @example
 * ```ts
 * const options: CallServiceOptions = { ringTimeoutMs: 30_000, log: console.log };
 * ```
 */
export interface CallServiceOptions {
  /** Where calls, claims, devices, presence, history and deadlines live. Default: a new memory store. */
  store?: RingStore;
  /** Time and timers. Default: the real clock. */
  clock?: Clock;
  /** How long a callee rings (5 000 to 180 000 ms). Default 60 000. */
  ringTimeoutMs?: number;
  /** How long a dropped device may resume its session (0 to 600 000 ms). Default 15 000. */
  graceMs?: number;
  /**
   * Call waiting: an invite to a user who is in a call rings them with
   * `incoming { waiting: true }` (they end or hold their call to accept, or
   * decline: the caller hears `busy`). `false`: such an invite is answered
   * `busy` at once, and so is one to a user who is being rung. Default `true`.
   * Every process sharing a store must use the same setting.
   */
  callWaiting?: boolean;
  /** The LiveKit URL sent with `incoming`, so callee devices can warm up while they ring. */
  livekitUrl?: string;
  /** LiveKit credentials for a device (the caller on invite, the winner on accept). */
  grant?: (request: GrantRequest) => Promise<LiveKitGrant | undefined>;
  /** LiveKit credentials for a pre-call check's private test room; without it `precheck` is answered `unavailable`. */
  precheckGrant?: PrecheckGrant;
  /** A callee has no device: push a notification and return true to keep the call ringing for them. Keep it quick. */
  onUnreachable?: (event: UnreachableEvent) => boolean | Promise<boolean>;
  /** Web Push: rings callees with no visible device on their push subscriptions (see `createRingServer`'s `push`). */
  pusher?: PushNotifier;
  /** A call ended (for example: delete its LiveKit room). */
  onCallEnded?: (call: CallInfo) => void;
  /** The server removed a member from a call that goes on (their connection was lost): take `user#device` out of the LiveKit room. */
  onMemberRemoved?: (call: CallInfo, user: string, device: string) => void;
  /** Every decided change of a call, reported once (by the process that decided it). Keep it quick: queue slow work. */
  onEvent?: (event: CallEvent) => void;
  /** A member rated a call (`rate`): the rating, who gave it, and their history entry of the call. Also a `call.rated` event. */
  onFeedback?: (feedback: CallRatedEvent) => void | Promise<void>;
  /** One entry per call event and failure: a line, and structured fields (see {@link ServerLog}). */
  log?: ServerLog;
  /** Forward deliveries to other processes sharing the store; they hand them to their own {@link CallService.deliverLocal}. */
  relay?: (target: DeliveryTarget, message: ServerMessage) => void;
  /** This process's name, stored on its devices. */
  node?: string;
}

/**
 * The call rules bound to a store and a clock.
 *
 * @example
 * ```ts
 * service.attach('alice', connection);
 * await service.receive(connection, { type: 'hello', id: 'r1', version: PROTOCOL_VERSION });
 * ```
 */
export interface CallService {
  readonly ringTimeoutMs: number;
  readonly graceMs: number;
  /** Whether call waiting is on (see {@link CallServiceOptions.callWaiting}). */
  readonly callWaiting: boolean;
  /** A new connection of an authenticated user; its first message must be `hello`. */
  attach(user: string, connection: Connection): void;
  /** Handle one parsed message; resolves once it is answered. */
  receive(connection: Connection, message: ClientMessage): Promise<void>;
  /** The connection is gone: its device enters the grace period. */
  detach(connection: Connection): Promise<void>;
  /** Deliver a message to this process's matching connections (the receiving end of `relay`). */
  deliverLocal(target: DeliveryTarget, message: ServerMessage): void;
  /** Run every deadline that is due in the store (timers a dead process left behind). */
  runDueDeadlines(): Promise<void>;
  /** Ids of the connections this service holds (as stored in `DeviceRecord.connection`). */
  localConnections(): string[];
  /**
   * Decline a ringing call for `user` from outside any connection (a Decline
   * on a push notification), exactly as `reject` from `device` would; resolves with the answer (`ok` or `error`).
   */
  rejectAs(user: string, device: string, callId: string): Promise<ServerMessage>;
  /** Stop all timers. */
  close(): void;
}

/** One connection (all fields set at creation, so the object keeps one compact shape). */
interface Session {
  user: string;
  connection: Connection;
  id: string;
  session: string | undefined;
  device: string | undefined;
  /** Users whose presence this connection watches (none until its first `watch`). */
  watching?: Set<string>;
  /** The call versions sent on this connection (none until its first call message). */
  sent: SentVersions | undefined;
}

function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number of milliseconds from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * Make a call service.
 *
 * @throws RangeError when `ringTimeoutMs` or `graceMs` is out of range.
 * @example
 * ```ts
 * const service = createCallService({ store: createMemoryStore(), ringTimeoutMs: 30_000 });
 * ```
 */
export function createCallService(options: CallServiceOptions = {}): CallService {
  const store = options.store ?? createMemoryStore();
  const clock = options.clock ?? systemClock;
  const ringTimeoutMs = checkRange('ringTimeoutMs', options.ringTimeoutMs ?? RING_TIMEOUT.default, RING_TIMEOUT.min, RING_TIMEOUT.max);
  const graceMs = checkRange('graceMs', options.graceMs ?? GRACE.default, 0, GRACE.max);
  const log = options.log ?? (() => undefined);
  const callWaiting = options.callWaiting ?? true;
  const lane = createLane();
  const sessions = new Map<Connection, Session>();
  const byUser = new Map<string, Set<Session>>();
  const watchers = new Map<string, Set<Session>>();
  const timers = new Map<string, TimerHandle>();
  const precheck = createPrecheckHandler({ grant: options.precheckGrant, clock, log });

  function sentVersions(session: Session): SentVersions {
    return (session.sent ??= createSentVersions());
  }

  function safeSend(session: Session, message: ServerMessage): void {
    // Per device, a message about a call never follows one about a newer version of it.
    if ((message.type === 'welcome' || callStampOf(message)) && !sentVersions(session).admit(message)) return;
    try {
      session.connection.send(message);
    } catch (error) {
      log(`send to ${session.user} failed: ${String(error)}`, { level: 'warn', event: 'send-failed', user: session.user });
    }
  }

  function deliverLocal(target: DeliveryTarget, message: ServerMessage): void {
    if ('watchersOf' in target) {
      for (const session of watchers.get(target.watchersOf) ?? []) safeSend(session, message);
      return;
    }
    for (const session of byUser.get(target.user) ?? []) {
      if (target.device !== undefined && session.device !== target.device) continue;
      if (target.exceptDevice !== undefined && session.device === target.exceptDevice) continue;
      safeSend(session, message);
    }
  }

  let closed = false;

  function armTimer(key: string, at: number): void {
    disarmTimer(key);
    // After close(), deadlines stay in the store (another process may run them) but arm no timer here.
    if (closed) return;
    const handle = clock.setTimeout(() => {
      timers.delete(key);
      lane(() => fire(key)).catch((error: unknown) => log(`deadline ${key} failed: ${String(error)}`, { level: 'error', event: 'deadline-failed' }));
    }, Math.max(0, at - clock.now()));
    timers.set(key, handle);
  }

  function disarmTimer(key: string): void {
    const handle = timers.get(key);
    if (handle !== undefined) clock.clearTimeout(handle);
    timers.delete(key);
  }

  async function schedule(key: string, at: number): Promise<void> {
    await store.setDeadline(key, at);
    armTimer(key, at);
  }

  async function unschedule(key: string): Promise<void> {
    disarmTimer(key);
    await store.clearDeadline(key);
  }

  const context: RulesContext = {
    store,
    clock,
    ringTimeoutMs,
    callWaiting,
    incoming: (call, waiting) => ({
      type: 'incoming',
      call: toCallInfo(call),
      ...(options.livekitUrl ? { livekitUrl: options.livekitUrl } : {}),
      ...(waiting ? { waiting: true } : {}),
    }),
    async grant(call, user, device) {
      try {
        return await options.grant?.({ call: toCallInfo(call), user, device });
      } catch (error) {
        log(`grant for ${user}#${device} in call ${call.callId} failed: ${String(error)}`, { level: 'error', event: 'grant-failed', callId: call.callId, user, device });
        return undefined;
      }
    },
    deliver(target, message) {
      deliverLocal(target, message);
      options.relay?.(target, message);
    },
    async syncRingDeadline(call) {
      const at = nextRingDeadline(call);
      if (at === undefined) await unschedule(`ring:${call.callId}`);
      else await schedule(`ring:${call.callId}`, at);
    },
    async pushRing(call, user) {
      if (!options.pusher) return false;
      try {
        return await options.pusher.ring(call, user, findMember(call, user)?.ringUntil ?? clock.now() + ringTimeoutMs);
      } catch (error) {
        log(`push to ${user} for call ${call.callId} failed: ${String(error)}`);
        return false;
      }
    },
    pushWithdraw(call, user) {
      try {
        options.pusher?.withdraw(call, user);
      } catch (error) {
        log(`withdrawing the push to ${user} for call ${call.callId} failed: ${String(error)}`);
      }
    },
    async unreachable(event) {
      try {
        return Boolean(await options.onUnreachable?.(event));
      } catch (error) {
        log(`onUnreachable for ${event.user} failed: ${String(error)}`, { level: 'error', event: 'hook-failed', callId: event.call.callId, user: event.user });
        return false;
      }
    },
    callEnded(call) {
      try {
        options.onCallEnded?.(toCallInfo(call));
      } catch (error) {
        log(`onCallEnded for call ${call.callId} failed: ${String(error)}`, { level: 'error', event: 'hook-failed', callId: call.callId });
      }
    },
    emit(event) {
      // The entry is built only for a log that writes it (it formats and measures the call's payload).
      if (options.log && options.log !== silentLog) {
        const { line, fields } = callEventEntry(event);
        log(line, fields);
      }
      try {
        options.onEvent?.(event);
      } catch (error) {
        log(`onEvent ${event.type} for call ${callIdOf(event)} failed: ${String(error)}`, { level: 'error', event: 'hook-failed', callId: callIdOf(event) });
      }
      if (event.type === 'call.rated' && options.onFeedback) {
        const failed = (error: unknown) =>
          log(`onFeedback for call ${event.callId} failed: ${String(error)}`, { level: 'error', event: 'hook-failed', callId: event.callId, user: event.user });
        try {
          void Promise.resolve(options.onFeedback(event)).catch(failed);
        } catch (error) {
          failed(error);
        }
      }
    },
    memberRemoved(call, user, device) {
      try {
        options.onMemberRemoved?.(toCallInfo(call), user, device);
      } catch (error) {
        log(`onMemberRemoved for ${user}#${device} in call ${call.callId} failed: ${String(error)}`, { level: 'error', event: 'hook-failed', callId: call.callId, user, device });
      }
    },
    log,
  };

  async function presenceOf(user: string): Promise<'available' | 'do-not-disturb' | 'offline'> {
    const devices = await store.listDevices(user);
    return devices.length === 0 ? 'offline' : store.getPresence(user);
  }

  async function announcePresence(user: string): Promise<void> {
    context.deliver({ watchersOf: user }, { type: 'presence', user, status: await presenceOf(user) });
  }

  async function graceExpired(sessionId: string): Promise<void> {
    const removed = await store.updateDevice(sessionId, (device) =>
      device.connected ? { result: undefined } : { next: null, result: device },
    );
    const device = removed?.result;
    if (!device) return;
    log(`device ${device.user}#${device.device} lost after its grace period`, { event: 'device.lost', user: device.user, device: device.device });
    await loseDevice(context, device.user, device.device, 'connection-lost');
    if ((await store.listDevices(device.user)).length === 0) await announcePresence(device.user);
  }

  async function fire(key: string): Promise<void> {
    const taken = await store.takeDeadline(key, clock.now());
    if (!taken.taken) {
      if (taken.at !== undefined) armTimer(key, taken.at);
      return;
    }
    const split = key.indexOf(':');
    const kind = key.slice(0, split);
    const id = key.slice(split + 1);
    if (kind === 'ring') await expireRing(context, id);
    else if (kind === 'grace') await graceExpired(id);
  }

  function unbind(session: Session): void {
    byUser.get(session.user)?.delete(session);
    if (byUser.get(session.user)?.size === 0) byUser.delete(session.user);
    for (const user of session.watching ?? []) watchers.get(user)?.delete(session);
    session.watching = undefined;
  }

  async function resumeDevice(session: Session, sessionId: string): Promise<DeviceRecord | undefined> {
    const resumed = await store.updateDevice(sessionId, (device) => {
      if (device.user !== session.user) return { result: false };
      const { graceUntil: _graceUntil, ...rest } = device;
      return { next: { ...rest, connected: true, connection: session.id, ...(options.node ? { node: options.node } : {}) }, result: true };
    });
    if (!resumed?.result || !resumed.value) return undefined;
    await unschedule(`grace:${sessionId}`);
    for (const other of byUser.get(session.user) ?? []) {
      if (other.session !== sessionId) continue;
      unbind(other);
      sessions.delete(other.connection);
      other.connection.close(CLOSE_CODES.replaced, 'session resumed on another connection');
    }
    return resumed.value;
  }

  async function hello(session: Session, message: ClientMessageOf<'hello'>): Promise<void> {
    if (message.version !== PROTOCOL_VERSION) {
      safeSend(session, {
        type: 'error',
        code: 'unsupported-version',
        message: `this server speaks protocol version ${PROTOCOL_VERSION}`,
        replyTo: message.id,
      });
      session.connection.close(CLOSE_CODES.unsupportedVersion, 'unsupported protocol version');
      return;
    }
    if (session.session !== undefined) {
      safeSend(session, { type: 'error', code: 'invalid-state', message: 'hello was already received', replyTo: message.id });
      return;
    }
    const user = session.user;
    let device = message.resume === undefined ? undefined : await resumeDevice(session, message.resume);
    const resumed = device !== undefined;
    let firstDevice = false;
    if (!device) {
      firstDevice = (await store.listDevices(user)).length === 0;
      device = {
        session: randomId(24),
        device: randomId(8),
        user,
        connection: session.id,
        connected: true,
        ...(options.node ? { node: options.node } : {}),
      };
      await store.putDevice(device);
    }
    session.session = device.session;
    session.device = device.device;
    const mine = byUser.get(user) ?? new Set<Session>();
    mine.add(session);
    byUser.set(user, mine);

    const [calls, engaged] = await Promise.all([callsOf(context, user), engagedCall(context, user)]);
    safeSend(session, {
      type: 'welcome',
      replyTo: message.id,
      version: PROTOCOL_VERSION,
      user,
      device: device.device,
      session: device.session,
      resumed,
      presence: await store.getPresence(user),
      graceMs,
      calls: calls.map(toCallInfo),
      ...(options.pusher ? { vapidPublicKey: options.pusher.vapidPublicKey } : {}),
    });
    if (!resumed) {
      for (const call of calls) {
        const me = findMember(call, user);
        if (me && isPending(me)) safeSend(session, context.incoming(call, engaged !== undefined && engaged.callId !== call.callId));
      }
    }
    log(`device ${user}#${device.device} ${resumed ? 'resumed' : 'connected'}`, { event: resumed ? 'device.resumed' : 'device.connected', user, device: device.device });
    if (firstDevice) await announcePresence(user);
  }

  async function watch(session: Session, message: ClientMessageOf<'watch'>): Promise<void> {
    for (const user of session.watching ?? []) watchers.get(user)?.delete(session);
    const watching = new Set(message.users);
    session.watching = watching;
    for (const user of watching) {
      const set = watchers.get(user) ?? new Set<Session>();
      set.add(session);
      watchers.set(user, set);
      safeSend(session, { type: 'presence', user, status: await presenceOf(user) });
    }
    safeSend(session, { type: 'ok', replyTo: message.id });
  }

  async function dispatch(session: Session, actor: Actor, message: Exclude<ClientMessage, { type: 'hello' }>): Promise<void> {
    switch (message.type) {
      case 'invite':
        return invite(context, actor, message);
      case 'ack':
        return ack(context, actor, message);
      case 'accept':
        return accept(context, actor, message);
      case 'reject':
        return reject(context, actor, message);
      case 'cancel':
        return cancel(context, actor, message);
      case 'hangup':
      case 'leave':
        return hangup(context, actor, message);
      case 'add':
        return add(context, actor, message);
      case 'hold':
        return hold(context, actor, message);
      case 'resume':
        return resume(context, actor, message);
      case 'media':
        return switchMedia(context, actor, message);
      case 'message':
        return relayMessage(context, actor, message);
      case 'presence':
        await store.setPresence(actor.user, message.status);
        ok(actor, message.id);
        log(`presence ${actor.user} ${message.status}`, { event: 'presence', user: actor.user, status: message.status });
        return announcePresence(actor.user);
      case 'watch':
        return watch(session, message);
      case 'history':
        return actor.send({ type: 'history', replyTo: message.id, entries: await store.listHistory(actor.user, message.limit ?? 100) });
      case 'rate':
        return rate(context, actor, message);
      case 'ping':
        return actor.send({ type: 'pong', replyTo: message.id, time: clock.now() });
      case 'precheck':
        return precheck(session, actor, message);
      case 'visibility':
      case 'push-subscribe':
      case 'push-unsubscribe':
        return pushMessage({ store, pusher: options.pusher, log }, actor, session.session ?? '', message);
    }
  }

  return {
    ringTimeoutMs,
    graceMs,
    callWaiting,
    attach(user, connection) {
      sessions.set(connection, { user, connection, id: randomId(16), session: undefined, device: undefined, watching: undefined, sent: undefined });
    },
    receive(connection, message) {
      const receivedAt = performance.now();
      return lane(async () => {
        const session = sessions.get(connection);
        if (!session) return;
        try {
          if (message.type === 'hello') return await hello(session, message);
          const device = session.device;
          if (device === undefined) {
            return safeSend(session, { type: 'error', code: 'not-authenticated', message: 'send hello first', replyTo: message.id });
          }
          const actor: Actor = {
            user: session.user,
            device,
            receivedAt,
            send: (reply) => safeSend(session, reply),
            holds: (callId, version) => sentVersions(session).note(callId, version),
          };
          await dispatch(session, actor, message);
        } catch (error) {
          log(`${message.type} from ${session.user} failed: ${String(error)}`, { level: 'error', event: 'request-failed', type: message.type, user: session.user });
          safeSend(session, {
            type: 'error',
            code: 'internal',
            message: 'the server failed to handle this message',
            replyTo: message.id,
            ...('callId' in message ? { callId: message.callId } : {}),
          });
        }
      });
    },
    detach(connection) {
      return lane(async () => {
        const session = sessions.get(connection);
        if (!session) return;
        sessions.delete(connection);
        unbind(session);
        const sessionId = session.session;
        if (sessionId === undefined) return;
        const graceUntil = clock.now() + graceMs;
        try {
          const updated = await store.updateDevice(sessionId, (device) =>
            device.connection === session.id ? { next: { ...device, connected: false, graceUntil }, result: true } : { result: false },
          );
          if (!updated?.result) return;
          log(`device ${session.user}#${session.device ?? '?'} dropped; grace ${graceMs} ms`, { event: 'device.dropped', user: session.user, device: session.device });
          await schedule(`grace:${sessionId}`, graceUntil);
        } catch (error) {
          log(`dropping device ${session.user}#${session.device ?? '?'} failed: ${String(error)}`, { level: 'error', event: 'device.drop-failed', user: session.user, device: session.device });
        }
      });
    },
    deliverLocal,
    localConnections() {
      return [...sessions.values()].map((session) => session.id);
    },
    rejectAs(user, device, callId) {
      return lane(async () => {
        let reply: ServerMessage = { type: 'error', code: 'internal', message: 'no answer', callId };
        const actor: Actor = { user, device, send: (message) => (reply = message) };
        await reject(context, actor, { type: 'reject', id: 'push-decline', callId });
        return reply;
      });
    },
    runDueDeadlines() {
      return lane(async () => {
        for (const key of await store.dueDeadlines(clock.now())) await fire(key);
      });
    },
    close() {
      closed = true;
      for (const key of [...timers.keys()]) disarmTimer(key);
    },
  };
}
