/**
 * The root client actor's setup: its context (everything the client knows
 * that is not about one call), its events, what it emits, and its named actions.
 * The state of each call lives in that call's actor (`callMachine`), which the
 * root spawns and keeps in `context.calls` by call id.
 *
 * @packageDocumentation
 */
import { assign, enqueueActions, setup, type ActorRefFrom } from 'xstate';
import { loadedCallMachine } from '../load-call-machine.js';
import type { RingError } from '../errors.js';
import type { CallReport } from '../machine/types.js';
import type { DeviceKind } from '../media/types.js';
import type { ActiveCallChoice, CallInfo, CallRating, Extra, HistoryEntry, Media, PresenceStatus, Push, ServerMessage, ServerMessageOf } from '../../protocol/protocol.js';
import type { CaptureOptions } from '../media/types.js';
import { isLiveCall, isSettledCall } from './call-view.js';
import type { RingClientEvents } from './event-types.js';
import type { CallTimeouts } from './option-types.js';
import type { ConnectionStatus, MissedCall, WatchedPresence } from './snapshot-types.js';
import { deferredCallMachine, type CallMachineLogic } from './root-call-logic.js';

/**
 * One call actor of the client.
 *
 * @example
 * ```ts
 * const call: CallActorRef | null = root.getSnapshot().context.current;
 * ```
 */
export type CallActorRef = ActorRefFrom<CallMachineLogic>;

/**
 * What the root client actor knows.
 *
 * @example
 * ```ts
 * const { connection, calls, current } = root.getSnapshot().context;
 * ```
 */
export interface RootContext {
  /** The connection to the signaling server. */
  connection: ConnectionStatus;
  /** This user and device, once welcomed. */
  user: string | null;
  device: string | null;
  /** This user's own presence. */
  presence: PresenceStatus;
  /** Watched users' presence. */
  watched: Record<string, WatchedPresence>;
  /** Calls missed here, newest first. */
  missed: MissedCall[];
  /** The history last fetched. */
  history: HistoryEntry[];
  /** The last failure. */
  error: RingError | null;
  /** Every call actor still in a call or ringing here, by call id. */
  calls: Record<string, CallActorRef>;
  /** Ids of the calls that ended here, newest first (at most {@link SETTLED_CALLS}): later messages about them are dropped. */
  settled: string[];
  /** The call the UI shows (kept after it ends until the next call or `dismiss()`). */
  current: CallActorRef | null;
  /** The LiveKit url to warm up while a call rings (the last one seen). */
  livekitUrl?: string;
  /** Devices chosen with `switchDevice`, used by later calls. */
  chosenDevices: Partial<Record<DeviceKind, string>>;
  /** Call machine timer overrides. */
  timeouts?: CallTimeouts;
}

/**
 * Input of the root client actor.
 *
 * @example
 * ```ts
 * createActor(rootMachine, { input: { livekitUrl: 'wss://livekit.example.com' } });
 * ```
 */
export interface RootInput {
  livekitUrl?: string;
  timeouts?: CallTimeouts;
}

/**
 * Events of the root client actor: from the connection, from the client's methods, and the reports of its call actors.
 *
 * @example
 * ```ts
 * root.send({ type: 'PLACE', callId: 'c1', to: ['bob'], media: 'audio' });
 * ```
 */
export type RootEvent =
  | { type: 'STATUS'; status: ConnectionStatus }
  | { type: 'WELCOMED'; welcome: ServerMessageOf<'welcome'> }
  | { type: 'SERVER_MESSAGE'; message: ServerMessage }
  | { type: 'PLACE'; callId: string; to: string[]; media: Media; extra?: Extra; push?: Push; capture?: CaptureOptions }
  | { type: 'ANSWER'; call: CallActorRef; media: Media; capture?: CaptureOptions; active?: ActiveCallChoice }
  /** Show this live call as the current one (it was resumed). */
  | { type: 'SHOW'; call: CallActorRef }
  | { type: 'FAILED'; error: RingError }
  | { type: 'PRESENCE_SET'; status: PresenceStatus }
  | { type: 'WATCHING'; users: readonly string[] }
  | { type: 'HISTORY'; entries: HistoryEntry[] }
  | { type: 'RATED'; callId: string; rating: CallRating }
  | { type: 'DEVICE_CHOSEN'; kind: DeviceKind; deviceId: string }
  | { type: 'DISMISS' }
  | { type: 'CLOSE' }
  | CallReport;

/**
 * What the root client actor emits: the client's events (`client.on(type, ...)`), each with its payload in `event`.
 *
 * @example
 * ```ts
 * root.on('missed', ({ event }) => console.log(event.reason));
 * ```
 */
export type RootEmitted = { [K in keyof RingClientEvents]: { type: K; event: RingClientEvents[K] } }[keyof RingClientEvents];

/** How many ended call ids a client remembers, so that a late message about one neither rings nor revives it. */
export const SETTLED_CALLS = 64;

/** Errors that only say a call is already over: nothing to show. */
export function isStale(error: RingError): boolean {
  return error.code === 'call-ended' || error.code === 'not-found' || error.code === 'invalid-state';
}

/**
 * The typed setup of the root client actor.
 *
 * @example
 * ```ts
 * const rootMachine = rootSetup.createMachine({ context: ({ input }) => initialRootContext(input), on: { ... } });
 * ```
 */
export const rootSetup = setup({
  types: {
    context: {} as RootContext,
    events: {} as RootEvent,
    input: {} as RootInput,
    emitted: {} as RootEmitted,
  },
  // The call machine, once loaded (a client provides its own, built once with its request and media actors).
  actors: { call: deferredCallMachine(() => loadedCallMachine()?.callMachine) },
  actions: {
    /** Store a failure as `error` and emit it. */
    fail: enqueueActions(({ enqueue }, params: { error: RingError }) => {
      enqueue.assign({ error: params.error });
      enqueue.emit({ type: 'error', event: params.error });
    }),
    /** Start a call actor for a call (idle until its first event), keep it by call id, and show it when it is this device's own call. */
    spawnCall: assign(({ context, spawn }, params: { callId: string; current: boolean }) => {
      const call = spawn('call', {
        id: `call:${params.callId}`,
        input: { self: context.user ?? '', ...(context.timeouts ? { timeouts: context.timeouts } : {}) },
      });
      return { calls: { ...context.calls, [params.callId]: call }, ...(params.current ? { current: call, error: null } : {}) };
    }),
    /** Show this call as the current one; the one shown before is stopped if it is over and answered for. */
    makeCurrent: enqueueActions(({ context, enqueue }, params: { call: CallActorRef }) => {
      const previous = context.current;
      if (previous && previous !== params.call && isSettledCall(previous.getSnapshot())) enqueue.stopChild(previous);
      enqueue.assign({ current: params.call, error: null });
    }),
  },
});

/**
 * The context of a client that has not connected yet.
 *
 * @example
 * ```ts
 * initialRootContext({}).connection; // 'idle'
 * ```
 */
export function initialRootContext(input: RootInput): RootContext {
  return {
    connection: 'idle',
    user: null,
    device: null,
    presence: 'available',
    watched: {},
    missed: [],
    history: [],
    error: null,
    calls: {},
    settled: [],
    current: null,
    ...(input.livekitUrl === undefined ? {} : { livekitUrl: input.livekitUrl }),
    chosenDevices: {},
    ...(input.timeouts === undefined ? {} : { timeouts: input.timeouts }),
  };
}

/**
 * Whether a call actor is the current call and still live.
 *
 * @example
 * ```ts
 * if (isLiveRef(context.current)) ...
 * ```
 */
export function isLiveRef(call: CallActorRef | null): call is CallActorRef {
  return call !== null && isLiveCall(call.getSnapshot());
}

/**
 * The ringing calls of a client, oldest first: those that ring on this device, or (`ignored`) those ignored here.
 *
 * @example
 * ```ts
 * ringingCalls(context).map((call) => call.callId);
 * ```
 */
export function ringingCalls(context: Pick<RootContext, 'calls' | 'current'>, ignored = false): CallInfo[] {
  return Object.values(context.calls)
    .filter((call) => call !== context.current)
    .map((call) => call.getSnapshot())
    .filter((snapshot) => snapshot.matches({ incoming: 'ringing' }) && snapshot.context.call.info !== undefined && snapshot.context.ignored === ignored)
    .map((snapshot) => snapshot.context.call.info as CallInfo)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The calls of a client on hold (call waiting), oldest first.
 *
 * @example
 * ```ts
 * heldCalls(context)[0]?.send({ type: 'RESUME' });
 * ```
 */
export function heldCalls(context: Pick<RootContext, 'calls'>): CallActorRef[] {
  return Object.values(context.calls)
    .filter((call) => call.getSnapshot().matches('held'))
    .sort((a, b) => a.getSnapshot().context.call.createdAt - b.getSnapshot().context.call.createdAt);
}
