/**
 * The calls of one ring client: each call's machine actor wired to its media
 * session and to the server, the current call the UI shows, the list of calls
 * ringing here, and what an ended call leaves behind (missed calls, `ended`).
 *
 * @packageDocumentation
 */
import { createActor } from 'xstate';
import { callMachine } from '../call-machine.js';
import { RingError, toRingError } from '../errors.js';
import type { CallSignal } from '../machine/types.js';
import type { DeviceManager } from '../media/devices.js';
import type { CaptureOptions, DeviceKind, MediaFactory } from '../media/types.js';
import { ERROR_CODES, type CallInfo, type ErrorCode } from '../../protocol/protocol.js';
import { isLive, type CallEntry } from './call-entry.js';
import { createCallMedia } from './call-media.js';
import { isMissed, toCurrentCall } from './call-view.js';
import type { ClientOutput } from './client-output.js';
import type { Connection, OutgoingMessage, Reply } from './connection.js';
import type { RingClientOptions } from './option-types.js';

/**
 * What a call registry needs from its client.
 *
 * @example
 * ```ts
 * const calls = createCallRegistry({ options, output, mediaFactory, devices, request: connection.request });
 * ```
 */
export interface CallRegistryOptions {
  /** The client's options (capture settings, timers, the LiveKit url to prewarm). */
  options: RingClientOptions;
  /** Where calls report to. */
  output: ClientOutput;
  /** Makes each call's media session. */
  mediaFactory: MediaFactory;
  /** The device choices applied to each call's capture. */
  devices: DeviceManager;
  /** Sends a message about a call to the server. */
  request: Connection['request'];
}

/**
 * The calls of one client.
 *
 * @example
 * ```ts
 * const entry = calls.open(callId, {});
 * calls.makeCurrent(entry);
 * entry.actor.send({ type: 'CALL', callId, to: ['bob'], media: 'audio' });
 * ```
 */
export interface CallRegistry {
  /** Every call the client knows, by call id. */
  readonly entries: Map<string, CallEntry>;
  /** The call the UI shows (kept after it ends until the next call or `dismiss()`). */
  current: CallEntry | null;
  /** The LiveKit url to prewarm while a call rings (the last one seen). */
  livekitUrl: string | undefined;
  /** Devices chosen with `switchDevice`, used by later calls. */
  readonly chosenDevices: Partial<Record<DeviceKind, string>>;
  /** Start a call's machine (idle until its first event) and its media. */
  open(callId: string, capture: CaptureOptions, info?: CallInfo): CallEntry;
  /** Show this call as the current one. */
  makeCurrent(entry: CallEntry): void;
  /** Recompute `snapshot.incoming` (calls ringing here, oldest first). */
  refreshIncoming(): void;
  /** Hang up the current call if it is live, and wait for the server's answer. */
  endCurrent(): Promise<void>;
}

/** The server error code closest to a client failure (for the machine's `SIGNAL_ERROR`). */
function errorCodeOf(error: RingError): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(error.code) ? (error.code as ErrorCode) : 'unavailable';
}

/** Errors that only say a call is already over: nothing to show. */
function isStale(error: RingError): boolean {
  return error.code === 'call-ended' || error.code === 'not-found' || error.code === 'invalid-state';
}

/**
 * Create the call registry of a client.
 *
 * @example
 * ```ts
 * const calls = createCallRegistry({ options, output, mediaFactory, devices, request: connection.request });
 * const entry = calls.open(message.call.callId, {}, message.call);
 * entry.actor.send({ type: 'INCOMING', call: message.call });
 * ```
 */
export function createCallRegistry({ options, output, mediaFactory, devices, request }: CallRegistryOptions): CallRegistry {
  const { store, emit, fail } = output;
  const entries = new Map<string, CallEntry>();

  const registry: CallRegistry = {
    entries,
    current: null,
    livekitUrl: options.livekitUrl,
    chosenDevices: {},
    open,
    makeCurrent,
    refreshIncoming,
    endCurrent,
  };

  function refreshIncoming(): void {
    const ringing = [...entries.values()]
      .filter((entry) => entry !== registry.current && entry.info && entry.actor.getSnapshot().matches({ incoming: 'ringing' }))
      .map((entry) => entry.info as CallInfo)
      .sort((a, b) => a.createdAt - b.createdAt);
    const previous = store.get().incoming;
    const same = previous.length === ringing.length && previous.every((call, index) => call === ringing[index]);
    if (!same) store.set({ incoming: ringing });
  }

  function captureFor(entry: CallEntry): CaptureOptions {
    return {
      ...options.capture,
      ...entry.capture,
      deviceIds: { ...devices.getSnapshot().selected, ...registry.chosenDevices, ...options.capture?.deviceIds, ...entry.capture.deviceIds },
    };
  }

  function signal(entry: CallEntry, message: CallSignal): void {
    const onSettled = (result: Reply | RingError) => {
      if (result instanceof RingError) {
        if (message.type === 'invite' || message.type === 'accept') {
          entry.failure = result;
          entry.actor.send({ type: 'SIGNAL_ERROR', code: errorCodeOf(result), message: result.message });
        } else if (!isStale(result) && message.type !== 'ack') {
          fail(result);
        }
        return;
      }
      if (message.type === 'invite' && result.type === 'invited') {
        rekey(entry, result.call.callId);
        if (result.livekit) registry.livekitUrl = result.livekit.url;
        entry.actor.send({ type: 'INVITED', call: result.call, ...(result.livekit ? { livekit: result.livekit } : {}) });
      }
    };
    const reply = request(message as OutgoingMessage, { queue: true, onSettled });
    reply.catch(() => undefined); // handled in onSettled
    entry.requests.set(message.type, reply);
  }

  /** The server may answer an invite with another call (glare): follow it, and drop that call's ringing copy. */
  function rekey(entry: CallEntry, callId: string): void {
    if (entry.callId === callId) return;
    const ringing = entries.get(callId);
    if (ringing && ringing !== entry) {
      entries.delete(callId);
      ringing.media.leave();
      ringing.actor.stop();
    }
    entries.delete(entry.callId);
    entry.callId = callId;
    entries.set(callId, entry);
    refreshIncoming();
  }

  function open(callId: string, capture: CaptureOptions, info?: CallInfo): CallEntry {
    const self = store.get().user ?? '';
    const media = createCallMedia({
      factory: mediaFactory,
      send: (event) => entry.actor.send(event),
      onSnapshot: (snapshot) => {
        if (entry === registry.current) store.set({ media: snapshot });
      },
      onError: (error) => fail(new RingError(error.code, error.message, { callId: entry.callId, cause: error })),
    });
    const machine = callMachine.provide({
      actions: {
        signal: (_, message) => signal(entry, message),
        prepareMedia: () => media.prepare(registry.livekitUrl),
        joinMedia: ({ context }, params) => {
          registry.livekitUrl = params.grant.url;
          media.join(params.grant, params.media, captureFor(entry), { mic: context.mic, camera: context.camera });
        },
        leaveMedia: () => media.leave(),
        setMicrophone: (_, params) => void media.setMicrophone(params.enabled),
        setCamera: (_, params) => void media.setCamera(params.enabled),
      },
    });
    const actor = createActor(machine, { input: { self, ...(options.timeouts ? { timeouts: options.timeouts } : {}) } });
    const entry: CallEntry = { callId, actor, media, capture, requests: new Map(), ...(info ? { info } : {}) };
    entries.set(callId, entry);
    let seen: unknown;
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot === seen) return;
        seen = snapshot;
        if (entry === registry.current) store.set({ call: toCurrentCall(snapshot) });
        if (snapshot.status === 'done') finished(entry);
        refreshIncoming();
      },
      error: (error) => fail(toRingError(error, 'internal', entry.callId)),
    });
    actor.start();
    return entry;
  }

  function finished(entry: CallEntry): void {
    if (entries.get(entry.callId) === entry) entries.delete(entry.callId);
    const { context } = entry.actor.getSnapshot();
    if (entry === registry.current) {
      store.set({ media: null });
      const call = store.get().call;
      if (call) emit('ended', call);
      return;
    }
    if (context.direction === 'incoming' && entry.info && context.answeredAt === undefined && isMissed(context.endReason)) {
      const missed = { call: entry.info, reason: context.endReason ?? 'no-answer', at: context.endedAt ?? Date.now() };
      store.set({ missed: [missed, ...store.get().missed] });
      emit('missed', missed);
    }
    // A ring that ended here (declined, cancelled, answered elsewhere...) becomes the ended
    // current call when no other call is live, so the UI can say why it stopped.
    if (!isLive(registry.current)) {
      registry.current = entry;
      store.set({ call: toCurrentCall(entry.actor.getSnapshot()), media: null });
      const call = store.get().call;
      if (call) emit('ended', call);
    }
  }

  function makeCurrent(entry: CallEntry): void {
    registry.current = entry;
    store.set({ call: toCurrentCall(entry.actor.getSnapshot()), media: entry.media.session()?.getSnapshot() ?? null, error: null });
  }

  async function endCurrent(): Promise<void> {
    if (!isLive(registry.current)) return;
    const entry = registry.current;
    entry.actor.send({ type: 'HANGUP' });
    await entry.requests.get('hangup')?.catch(() => undefined);
    await entry.requests.get('cancel')?.catch(() => undefined);
  }

  return registry;
}
