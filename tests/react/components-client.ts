/**
 * A scripted ring client for component tests: the snapshot is set by the test,
 * every method is a spy. (Flows against the real client run in the stories.)
 */
import { vi } from 'vitest';
import type { CurrentCall, RingClient, RingClientSnapshot } from '../../src/core/ring-client.js';
import type { CallInfo } from '../../src/protocol/protocol.js';

export interface ScriptedClient extends RingClient {
  /** Replace parts of the snapshot and notify subscribers. */
  set(patch: Partial<RingClientSnapshot>): void;
}

export const EMPTY_SNAPSHOT: RingClientSnapshot = {
  connection: 'connected',
  user: 'alice',
  device: 'd1',
  presence: 'available',
  watched: {},
  incoming: [],
  ignored: [],
  call: null,
  calls: [],
  media: null,
  missed: [],
  history: [],
  error: null,
};

export function scriptedClient(initial: Partial<RingClientSnapshot> = {}): ScriptedClient {
  let snapshot: RingClientSnapshot = { ...EMPTY_SNAPSHOT, ...initial };
  const listeners = new Set<() => void>();
  const done = () => vi.fn(async () => undefined);
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      snapshot = { ...snapshot, ...patch };
      for (const listener of [...listeners]) listener();
    },
    on: () => () => undefined,
    connect: done(),
    disconnect: done(),
    call: vi.fn(async () => 'call-1'),
    accept: done(),
    hold: done(),
    resume: done(),
    reject: done(),
    ignore: done(),
    rateCall: done(),
    cancel: done(),
    hangup: done(),
    leave: done(),
    add: done(),
    switchMedia: done(),
    setMicrophoneEnabled: done(),
    setCameraEnabled: done(),
    setScreenShareEnabled: done(),
    switchDevice: done(),
    sendMessage: done(),
    setPresence: done(),
    watch: done(),
    history: vi.fn(async () => []),
    dismiss: vi.fn(),
    getMediaSession: () => null,
    preCallCheck: vi.fn(async () => ({ status: 'passed' as const, steps: [] })),
    messages: { getSnapshot: () => [], subscribe: () => () => undefined },
  };
}

export function currentCall(patch: Partial<CurrentCall> = {}): CurrentCall {
  return {
    callId: 'call-1',
    direction: 'outgoing',
    status: 'active',
    self: 'alice',
    peers: ['bob'],
    members: [],
    media: 'audio',
    createdAt: 1_000,
    micEnabled: true,
    cameraEnabled: false,
    remote: {},
    quality: 'good',
    screenShare: 'off',
    heldBy: [],
    waiting: false,
    ...patch,
  };
}

export function incomingCall(callId: string, from: string, media: 'audio' | 'video' = 'audio', extra?: CallInfo['extra']): CallInfo {
  return {
    callId,
    version: 2,
    room: callId,
    from,
    media,
    members: [
      { user: from, state: 'joined', media },
      { user: 'alice', state: 'ringing', media },
    ],
    status: 'ringing',
    createdAt: 1_000,
    ...(extra ? { extra } : {}),
  };
}
