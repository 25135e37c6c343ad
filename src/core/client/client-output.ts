/**
 * Where the ring client's parts report to: the snapshot store, the client's
 * events (`client.on(...)`), and failures (stored as `snapshot.error` and emitted).
 *
 * @packageDocumentation
 */
import type { RingError } from '../errors.js';
import type { RingClientEvents } from './event-types.js';
import type { RingClientSnapshot } from './snapshot-types.js';
import { createStore, type Store } from './store.js';
import type { RingClient } from './types.js';

const INITIAL_SNAPSHOT: RingClientSnapshot = {
  connection: 'idle',
  user: null,
  device: null,
  presence: 'available',
  watched: {},
  incoming: [],
  call: null,
  media: null,
  missed: [],
  history: [],
  error: null,
};

/**
 * The store and event outlets a ring client's parts share.
 *
 * @example
 * ```ts
 * const output = createClientOutput();
 * output.store.set({ presence: 'do-not-disturb' });
 * output.emit('error', new RingError('media', 'no camera'));
 * ```
 */
export interface ClientOutput {
  /** The snapshot UI code reads. */
  store: Store<RingClientSnapshot>;
  /** Announce a client event to its listeners. */
  emit<K extends keyof RingClientEvents>(type: K, event: RingClientEvents[K]): void;
  /** Listen for one kind of client event (`client.on`). */
  on: RingClient['on'];
  /** Store and emit an error; returns it, to throw. */
  fail(error: RingError): RingError;
}

/**
 * Create the outlets of a new client: an empty snapshot and no listeners.
 *
 * @example
 * ```ts
 * const { store, on, fail } = createClientOutput();
 * on('error', (error) => console.warn(error.code));
 * throw fail(new RingError('not-connected', 'connect before calling'));
 * ```
 */
export function createClientOutput(): ClientOutput {
  const store = createStore<RingClientSnapshot>(INITIAL_SNAPSHOT);
  const listeners = new Map<keyof RingClientEvents, Set<(event: never) => void>>();

  function emit<K extends keyof RingClientEvents>(type: K, event: RingClientEvents[K]): void {
    for (const listener of [...(listeners.get(type) ?? [])]) (listener as (event: RingClientEvents[K]) => void)(event);
  }

  return {
    store,
    emit,
    on(type, listener) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(listener as (event: never) => void);
      return () => {
        set.delete(listener as (event: never) => void);
      };
    },
    fail(error) {
      store.set({ error });
      emit('error', error);
      return error;
    },
  };
}
