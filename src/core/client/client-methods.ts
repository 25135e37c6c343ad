/**
 * The ring client's public methods: argument checks, then the call machine
 * events or server requests they stand for. Every failure rejects with a
 * typed `RingError`, also stored as `snapshot.error`.
 *
 * @packageDocumentation
 */
import { RingError, toRingError } from '../errors.js';
import type { DeviceKind } from '../media/types.js';
import type { HistoryEntry, Media, PresenceStatus } from '../../protocol/protocol.js';
import { loadClientSchemas, loadedClientSchemas } from '../load-client-schemas.js';
import { MAX_CALLEES, MAX_COMMENT_LENGTH, MAX_DETAIL_LENGTH } from '../../protocol/limits.js';
import type { Actor } from 'xstate';
import type { CallMachineSnapshot } from '../call-machine.js';
import type { CallMachineEvent } from '../machine/types.js';
import { isLiveRef, type CallActorRef } from './root-setup.js';
import type { rootMachine } from './root-machine.js';
import { newCallId } from './call-ids.js';
import { requestDone, untilCall, untilSettled } from './call-waits.js';
import type { ClientView } from './client-view.js';
import type { Connection } from './connection.js';
import type { JsonValue } from './event-types.js';
import type { AcceptOptions, CallRatingInput, CallOptions, RejectOptions } from './option-types.js';
import type { RingClient } from './types.js';
import { toCurrentCall } from './call-view.js';
import { setScreenShare } from './screen-share-method.js';
import { createHoldMethods, isActiveHere, settleActiveCall } from './hold-methods.js';

/**
 * The methods of {@link RingClient} that act (the rest read the snapshot or register listeners).
 *
 * @example
 * ```ts
 * const methods: RingClientMethods = createClientMethods({ root, callsReady, close, view, connection });
 * await methods.call('bob');
 * ```
 */
export type RingClientMethods = Omit<RingClient, 'getSnapshot' | 'subscribe' | 'on' | 'devices' | 'messages' | 'preCallCheck'>;

/**
 * What the methods work on.
 *
 * @example
 * ```ts
 * createClientMethods({ root, callsReady, close, view, connection });
 * ```
 */
export interface ClientMethodsOptions {
  /** The root client actor. */
  root: Actor<typeof rootMachine>;
  /** `undefined` once the call machine is loaded, else its load (see `root-actor.ts`). */
  callsReady: () => Promise<void> | undefined;
  /** Stop every call and drop the events held for the call machine. */
  close: () => void;
  /** The client's snapshot. */
  view: ClientView;
  /** The connection to the signaling server. */
  connection: Connection;
}

function invalid(message: string): Promise<never> {
  return Promise.reject(new RingError('invalid-argument', message));
}

/** Send a call actor an event it can take now, or fail with `invalid-state`. */
function sendIfPossible(call: CallActorRef, event: CallMachineEvent): void {
  const snapshot = call.getSnapshot();
  if (!snapshot.can(event)) {
    const status = toCurrentCall(snapshot)?.status ?? 'idle';
    throw new RingError('invalid-state', `${event.type.toLowerCase().replace('_', ' ')} is not possible while the call is ${status}`, {
      callId: snapshot.context.callId,
    });
  }
  call.send(event);
}

/** End a call from this device and wait for the server's answer to it. */
async function endHere(call: CallActorRef, event: CallMachineEvent): Promise<void> {
  sendIfPossible(call, event);
  const settled = await untilSettled(call);
  if (settled.context.end.farewellError) throw settled.context.end.farewellError;
}

/** Ask a call actor for a request that does not end the call, and wait for its answer. */
async function requestHere(call: CallActorRef, event: CallMachineEvent): Promise<void> {
  const before = call.getSnapshot().context.requests.count;
  sendIfPossible(call, event);
  const after = call.getSnapshot().context;
  const id = Object.keys(after.requests.byId).find((key) => key.endsWith(`.${before}`));
  if (id !== undefined && after.requests.count > before) await requestDone(call, id);
}

/**
 * Create the acting methods of a ring client.
 *
 * @example
 * ```ts
 * const client: RingClient = { devices, ...view, on, ...createClientMethods({ root, callsReady, close, view, connection }) };
 * ```
 */
export function createClientMethods({ root, callsReady, close, view, connection }: ClientMethodsOptions): RingClientMethods {
  const context = () => root.getSnapshot().context;

  function fail(error: RingError): RingError {
    if (context().error !== error) root.send({ type: 'FAILED', error });
    return error;
  }

  function requireCurrent(): CallActorRef {
    const { current } = context();
    if (!isLiveRef(current)) throw new RingError('no-call', 'there is no call in progress');
    return current;
  }

  async function withCurrent(work: (call: CallActorRef) => Promise<void> | void): Promise<void> {
    await work(requireCurrent());
  }

  /** The ringing call `callId` names (default: the oldest one). */
  function requireRinging(callId: string | undefined): CallActorRef {
    const id = callId ?? view.getSnapshot().incoming[0]?.callId;
    const call = id === undefined ? undefined : context().calls[id];
    if (!call || !call.getSnapshot().matches({ incoming: 'ringing' })) {
      throw new RingError('no-call', id === undefined ? 'no call is ringing' : `call ${id} is not ringing here`);
    }
    return call;
  }

  /** Hang up the current call if it is live and not on hold, and wait for the server's answer (its refusal changes nothing here). */
  async function endCurrent(): Promise<void> {
    const { current } = context();
    if (!isActiveHere(current)) return;
    current.send({ type: 'HANGUP' });
    await untilSettled(current).catch(() => undefined);
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
      // Every call this device is in, the current one and those on hold, ends with it.
      await Promise.all(
        Object.values(context().calls)
          .filter((call) => isLiveRef(call) && !call.getSnapshot().matches('incoming'))
          .map((call) => {
            call.send({ type: 'HANGUP' });
            return untilSettled(call);
          }),
      );
      close();
      connection.close();
    }),

    call: reported(async (to: string | readonly string[], callOptions: CallOptions = {}) => {
      const callees = typeof to === 'string' ? [to] : [...to];
      const { CalleesSchema, ExtraSchema, PushSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!CalleesSchema.safeParse(callees).success) {
        return invalid(`call needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      if (callOptions.extra !== undefined && !ExtraSchema.safeParse(callOptions.extra).success) {
        return invalid('extra must be a JSON object of at most 4 KiB');
      }
      if (callOptions.push !== undefined && !PushSchema.safeParse(callOptions.push).success) return invalid('push needs a title and a body');
      if (connection.status() !== 'connected') throw fail(new RingError('not-connected', 'connect before calling'));
      if (isActiveHere(context().current)) {
        if (!callOptions.replace) throw new RingError('already-in-call', 'a call is already in progress; pass { replace: true } to end it first');
        await endCurrent();
      }
      // Only a call placed before the call machine loaded waits for it (nothing waits once it is there).
      const ready = callsReady();
      if (ready) await ready;
      const callId = newCallId();
      root.send({
        type: 'PLACE',
        callId,
        to: callees,
        media: callOptions.video ? 'video' : 'audio',
        ...(callOptions.extra === undefined ? {} : { extra: callOptions.extra }),
        ...(callOptions.push === undefined ? {} : { push: callOptions.push }),
        ...(callOptions.capture === undefined ? {} : { capture: callOptions.capture }),
      });
      const placed = context().current as CallActorRef;
      // Taken by the server: answered `invited`, or already ended by the server's rules (offline, busy...),
      // whose `ended` may come before the reply.
      const taken = (snapshot: CallMachineSnapshot) =>
        snapshot.context.invited ||
        (snapshot.matches('ended') && snapshot.context.end.error === undefined && snapshot.context.end.by !== snapshot.context.self);
      const invited = await untilCall(placed, taken, 'call failed');
      // With glare the server answers with the other side's call: this device is now in that one.
      return invited.context.callId;
    }),

    accept: reported(async (callId?: string, acceptOptions: AcceptOptions = {}) => {
      const { active, capture } = acceptOptions;
      const { ActiveCallChoiceSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (active !== undefined && !ActiveCallChoiceSchema.safeParse(active).success) return invalid("active must be 'end' or 'hold'");
      const call = requireRinging(callId);
      const previous = context().current;
      if (previous !== call && active === undefined) await endCurrent();
      const media = acceptOptions.video === undefined ? call.getSnapshot().context.media : acceptOptions.video ? 'video' : 'audio';
      root.send({ type: 'ANSWER', call, media, ...(capture === undefined ? {} : { capture }), ...(active === undefined ? {} : { active }) });
      await untilCall(call, (snapshot) => snapshot.matches('connecting') || snapshot.matches('active'), 'accept failed');
      if (active !== undefined && previous !== call) settleActiveCall(previous, active);
    }),

    ...createHoldMethods(root, requestHere),

    reject: reported(async (callId?: string, rejectOptions: RejectOptions = {}) => {
      const { reason } = rejectOptions;
      const { DetailSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (reason !== undefined && !DetailSchema.safeParse(reason).success) {
        return invalid(`reason must be 'busy', 'declined' or 1 to ${MAX_DETAIL_LENGTH} characters on one line`);
      }
      await endHere(requireRinging(callId), { type: 'REJECT', ...(reason === undefined ? {} : { reason }) });
    }),

    ignore: reported(async (callId?: string) => {
      requireRinging(callId).send({ type: 'IGNORE' });
    }),

    rateCall: reported(async (callId: string, feedback: CallRatingInput) => {
      const { score, issues = [], comment = '' } = feedback ?? {};
      const { IdSchema, ScoreSchema, CallIssuesSchema, CommentSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!IdSchema.safeParse(callId).success) return invalid('rateCall needs the id of a call');
      if (!ScoreSchema.safeParse(score).success) return invalid('score must be a whole number from 1 to 5');
      if (!CallIssuesSchema.safeParse(issues).success) return invalid('issues must be known call issues, each at most once');
      if (!CommentSchema.safeParse(comment).success) return invalid(`comment must be at most ${MAX_COMMENT_LENGTH} characters`);
      await connection.request({
        type: 'rate',
        callId,
        score,
        ...(issues.length ? { issues: [...issues] } : {}),
        ...(comment ? { comment } : {}),
      });
      // The history shown here gets the rating at once (the server stamped its own time on the stored one).
      root.send({ type: 'RATED', callId, rating: { score, ...(issues.length ? { issues: [...issues] } : {}), ...(comment ? { comment } : {}), ratedAt: Date.now() } });
    }),

    cancel: reported(() => withCurrent((call) => endHere(call, { type: 'CANCEL' }))),

    hangup: reported(() => withCurrent((call) => endHere(call, { type: 'HANGUP' }))),

    leave: reported(() => withCurrent((call) => endHere(call, { type: 'LEAVE' }))),

    add: reported(async (users: readonly string[]) => {
      const { CalleesSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!CalleesSchema.safeParse(users).success) {
        return invalid(`add needs 1 to ${MAX_CALLEES} valid user ids`);
      }
      await withCurrent((call) => requestHere(call, { type: 'ADD', to: [...users] }));
    }),

    switchMedia: reported(async (media: Media) => {
      const { MediaSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!MediaSchema.safeParse(media).success) return invalid("media must be 'audio' or 'video'");
      await withCurrent((call) =>
        call.getSnapshot().context.media === media ? undefined : requestHere(call, { type: 'SWITCH_MEDIA', media }),
      );
    }),

    setMicrophoneEnabled: reported((enabled: boolean) => withCurrent((call) => call.send({ type: 'SET_MIC', enabled: Boolean(enabled) }))),

    setCameraEnabled: reported((enabled: boolean) => withCurrent((call) => call.send({ type: 'SET_CAMERA', enabled: Boolean(enabled) }))),

    setScreenShareEnabled: reported((enabled: boolean) => withCurrent((call) => setScreenShare(call, Boolean(enabled)))),

    switchDevice: reported(async (kind: DeviceKind, deviceId: string) => {
      if (!['audioinput', 'videoinput', 'audiooutput'].includes(kind) || typeof deviceId !== 'string' || deviceId.length === 0) {
        return invalid('switchDevice needs a device kind and id');
      }
      root.send({ type: 'DEVICE_CHOSEN', kind, deviceId });
      const { current } = context();
      const session = isLiveRef(current) ? current.getSnapshot().context.local.session : undefined;
      const joined = session && ['connected', 'reconnecting'].includes(session.getSnapshot().connection);
      // A device that cannot be used is shown (snapshot.error, the call's deviceError); the choice is kept for later calls.
      if (joined) await session.switchDevice(kind, deviceId).catch((error: unknown) => void fail(toRingError(error, 'media')));
    }),

    sendMessage: reported(async (kind: string, data: JsonValue) => {
      const { MessageKindSchema, PayloadSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!MessageKindSchema.safeParse(kind).success) return invalid('kind must be 1 to 128 characters');
      if (!PayloadSchema.safeParse(data).success) return invalid('data must be JSON of at most 4 KiB');
      await withCurrent(async (call) => {
        const snapshot = call.getSnapshot();
        if (!snapshot.matches('active')) throw new RingError('invalid-state', 'messages need an active call');
        await connection.request({ type: 'message', callId: snapshot.context.callId, kind, data });
      });
    }),

    setPresence: reported(async (status: PresenceStatus) => {
      const { PresenceStatusSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!PresenceStatusSchema.safeParse(status).success) return invalid("presence must be 'available' or 'do-not-disturb'");
      await connection.request({ type: 'presence', status });
      root.send({ type: 'PRESENCE_SET', status });
    }),

    watch: reported(async (users: readonly string[]) => {
      const { WatchedUsersSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (!WatchedUsersSchema.safeParse(users).success) return invalid('watch needs up to 500 valid user ids');
      root.send({ type: 'WATCHING', users });
      await connection.request({ type: 'watch', users: [...users] });
    }),

    history: reported(async (limit?: number) => {
      const { HistoryLimitSchema } = loadedClientSchemas() ?? (await loadClientSchemas());
      if (limit !== undefined && !HistoryLimitSchema.safeParse(limit).success) return invalid('limit must be 1 to 100');
      const reply = await connection.request({ type: 'history', ...(limit === undefined ? {} : { limit }) });
      const entries: HistoryEntry[] = reply.type === 'history' ? reply.entries : [];
      root.send({ type: 'HISTORY', entries });
      return entries;
    }),

    dismiss() {
      root.send({ type: 'DISMISS' });
    },

    getMediaSession: () => {
      const { current } = context();
      return isLiveRef(current) ? (current.getSnapshot().context.local.session ?? null) : null;
    },
  };
}
