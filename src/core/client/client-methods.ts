/**
 * The ring client's public methods: argument checks, then the call machine
 * events or server requests they stand for. Every failure rejects with a
 * typed `RingError`, also stored as `snapshot.error`.
 *
 * @packageDocumentation
 */
import { RingError, toRingError } from '../errors.js';
import type { DeviceKind } from '../media/types.js';
import {
  ExtraSchema,
  IdSchema,
  MAX_CALLEES,
  MediaSchema,
  PayloadSchema,
  PresenceStatusSchema,
  PushSchema,
  type HistoryEntry,
  type Media,
  type PresenceStatus,
} from '../../protocol/protocol.js';
import { isLive, sendAndWait, untilCall, type CallEntry } from './call-entry.js';
import type { CallRegistry } from './call-registry.js';
import type { ClientOutput } from './client-output.js';
import type { Connection } from './connection.js';
import type { JsonValue } from './event-types.js';
import type { AcceptOptions, CallOptions } from './option-types.js';
import type { WatchedPresence } from './snapshot-types.js';
import type { RingClient } from './types.js';

/**
 * The methods of {@link RingClient} that act (the rest read the store or register listeners).
 *
 * @example
 * ```ts
 * const methods: RingClientMethods = createClientMethods({ calls, output, connection });
 * await methods.call('bob');
 * ```
 */
export type RingClientMethods = Omit<RingClient, 'getSnapshot' | 'subscribe' | 'on' | 'devices' | 'messages'>;

/**
 * What the methods work on.
 *
 * @example
 * ```ts
 * createClientMethods({ calls, output, connection });
 * ```
 */
export interface ClientMethodsOptions {
  /** The client's calls. */
  calls: CallRegistry;
  /** Where the client reports to. */
  output: ClientOutput;
  /** The connection to the signaling server. */
  connection: Connection;
}

/** Call ids: 20 random base-36 characters (works outside secure contexts, unlike `randomUUID`). */
function newCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => (byte % 36).toString(36)).join('');
}

function invalid(message: string): Promise<never> {
  return Promise.reject(new RingError('invalid-argument', message));
}

/**
 * Create the acting methods of a ring client.
 *
 * @example
 * ```ts
 * const client: RingClient = { devices, getSnapshot: store.get, subscribe: store.subscribe, on, ...createClientMethods({ calls, output, connection }) };
 * ```
 */
export function createClientMethods({ calls, output, connection }: ClientMethodsOptions): RingClientMethods {
  const { store, fail } = output;

  function requireCurrent(): CallEntry {
    if (!isLive(calls.current)) throw new RingError('no-call', 'there is no call in progress');
    return calls.current;
  }

  async function withCurrent(work: (entry: CallEntry) => Promise<void> | void): Promise<void> {
    await work(requireCurrent());
  }

  /** The ringing call `callId` names (default: the oldest one). */
  function requireRinging(callId: string | undefined): CallEntry {
    const id = callId ?? store.get().incoming[0]?.callId;
    const entry = id === undefined ? undefined : calls.entries.get(id);
    if (!entry || !entry.actor.getSnapshot().matches({ incoming: 'ringing' })) {
      throw new RingError('no-call', id === undefined ? 'no call is ringing' : `call ${id} is not ringing here`);
    }
    return entry;
  }

  /** Every failed method: a typed rejection, also stored as `snapshot.error`. */
  function reported<A extends unknown[], R>(method: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args) => {
      try {
        return await method(...args);
      } catch (error) {
        throw fail(toRingError(error, 'internal'));
      }
    };
  }

  return {
    connect: reported(async () => {
      try {
        await connection.connect();
      } catch (error) {
        throw fail(toRingError(error, 'not-connected'));
      }
    }),

    disconnect: reported(async () => {
      await calls.endCurrent().catch(() => undefined);
      for (const entry of [...calls.entries.values()]) {
        calls.entries.delete(entry.callId);
        entry.media.leave();
        entry.actor.stop();
      }
      connection.close();
      store.set({ incoming: [] });
    }),

    call: reported(async (to: string | readonly string[], callOptions: CallOptions = {}) => {
      const callees = typeof to === 'string' ? [to] : [...to];
      if (callees.length === 0 || callees.length > MAX_CALLEES || !callees.every((user) => IdSchema.safeParse(user).success)) {
        return invalid(`call needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      if (callOptions.extra !== undefined && !ExtraSchema.safeParse(callOptions.extra).success) {
        return invalid('extra must be a JSON object of at most 4 KiB');
      }
      if (callOptions.push !== undefined && !PushSchema.safeParse(callOptions.push).success) return invalid('push needs a title and a body');
      if (connection.status() !== 'connected') throw fail(new RingError('not-connected', 'connect before calling'));
      if (isLive(calls.current)) {
        if (!callOptions.replace) throw new RingError('already-in-call', 'a call is already in progress; pass { replace: true } to end it first');
        await calls.endCurrent();
      }
      const entry = calls.open(newCallId(), callOptions.capture ?? {});
      calls.makeCurrent(entry);
      entry.actor.send({
        type: 'CALL',
        callId: entry.callId,
        to: callees,
        media: callOptions.video ? 'video' : 'audio',
        ...(callOptions.extra === undefined ? {} : { extra: callOptions.extra }),
        ...(callOptions.push === undefined ? {} : { push: callOptions.push }),
      });
      await untilCall(entry, () => entry.actor.getSnapshot().context.invited, 'call failed');
      return entry.callId;
    }),

    accept: reported(async (callId?: string, acceptOptions: AcceptOptions = {}) => {
      const entry = requireRinging(callId);
      if (calls.current !== entry) await calls.endCurrent();
      entry.capture = acceptOptions.capture ?? {};
      calls.makeCurrent(entry);
      calls.refreshIncoming();
      const media = acceptOptions.video === undefined ? entry.actor.getSnapshot().context.media : acceptOptions.video ? 'video' : 'audio';
      entry.actor.send({ type: 'ACCEPT', media });
      await untilCall(entry, () => {
        const snapshot = entry.actor.getSnapshot();
        return snapshot.matches('connecting') || snapshot.matches('active');
      }, 'accept failed');
    }),

    reject: reported(async (callId?: string) => {
      await sendAndWait(requireRinging(callId), { type: 'REJECT' }, 'reject');
    }),

    cancel: reported(() => withCurrent((entry) => sendAndWait(entry, { type: 'CANCEL' }, 'cancel'))),

    hangup: reported(() =>
      withCurrent(async (entry) => {
        const wasOutgoing = entry.actor.getSnapshot().matches('outgoing');
        await sendAndWait(entry, { type: 'HANGUP' }, wasOutgoing ? 'cancel' : 'hangup');
      }),
    ),

    leave: reported(() => withCurrent((entry) => sendAndWait(entry, { type: 'LEAVE' }, 'leave'))),

    add: reported((users: readonly string[]) => {
      if (users.length === 0 || users.length > MAX_CALLEES || !users.every((user) => IdSchema.safeParse(user).success)) {
        return invalid(`add needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      return withCurrent((entry) => sendAndWait(entry, { type: 'ADD', to: [...users] }, 'add'));
    }),

    switchMedia: reported((media: Media) => {
      if (!MediaSchema.safeParse(media).success) return invalid("media must be 'audio' or 'video'");
      return withCurrent((entry) =>
        entry.actor.getSnapshot().context.media === media ? undefined : sendAndWait(entry, { type: 'SWITCH_MEDIA', media }, 'media'),
      );
    }),

    setMicrophoneEnabled: reported((enabled: boolean) =>
      withCurrent((entry) => entry.actor.send({ type: 'SET_MIC', enabled: Boolean(enabled) })),
    ),

    setCameraEnabled: reported((enabled: boolean) =>
      withCurrent((entry) => entry.actor.send({ type: 'SET_CAMERA', enabled: Boolean(enabled) })),
    ),

    switchDevice: reported(async (kind: DeviceKind, deviceId: string) => {
      if (!['audioinput', 'videoinput', 'audiooutput'].includes(kind) || typeof deviceId !== 'string' || deviceId.length === 0) {
        return invalid('switchDevice needs a device kind and id');
      }
      calls.chosenDevices[kind] = deviceId;
      if (isLive(calls.current)) await calls.current.media.switchDevice(kind, deviceId);
    }),

    sendMessage: reported((kind: string, data: JsonValue) => {
      if (typeof kind !== 'string' || kind.length === 0 || kind.length > 128) return invalid('kind must be 1 to 128 characters');
      if (!PayloadSchema.safeParse(data).success) return invalid('data must be JSON of at most 4 KiB');
      return withCurrent(async (entry) => {
        if (!entry.actor.getSnapshot().matches('active')) throw new RingError('invalid-state', 'messages need an active call');
        await connection.request({ type: 'message', callId: entry.callId, kind, data });
      });
    }),

    setPresence: reported(async (status: PresenceStatus) => {
      if (!PresenceStatusSchema.safeParse(status).success) return invalid("presence must be 'available' or 'do-not-disturb'");
      await connection.request({ type: 'presence', status });
      store.set({ presence: status });
    }),

    watch: reported(async (users: readonly string[]) => {
      if (users.length > 500 || !users.every((user) => IdSchema.safeParse(user).success)) return invalid('watch needs up to 500 valid user ids');
      const known = store.get().watched;
      const watched: Record<string, WatchedPresence> = {};
      for (const user of users) {
        const status = known[user];
        if (status !== undefined) watched[user] = status;
      }
      store.set({ watched });
      await connection.request({ type: 'watch', users: [...users] });
    }),

    history: reported(async (limit?: number) => {
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100)) return invalid('limit must be 1 to 100');
      const reply = await connection.request({ type: 'history', ...(limit === undefined ? {} : { limit }) });
      const entries: HistoryEntry[] = reply.type === 'history' ? reply.entries : [];
      store.set({ history: entries });
      return entries;
    }),

    dismiss() {
      if (calls.current && !isLive(calls.current)) {
        calls.current = null;
        store.set({ call: null, media: null });
      }
      store.set({ error: null });
    },

    getMediaSession: () => (isLive(calls.current) ? calls.current.media.session() : null),
  };
}
