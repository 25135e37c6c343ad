/**
 * The client's snapshot: a selector over the root client actor's snapshot
 * and the snapshots of the call actors it holds, with stable identities (the
 * same object until something it shows changed), and change notifications.
 *
 * @packageDocumentation
 */
import type { Actor } from 'xstate';
import type { CallMachineSnapshot } from '../call-machine.js';
import { isLiveCall, toCurrentCall } from './call-view.js';
import type { rootMachine } from './root-machine.js';
import { ringingCalls, type CallActorRef } from './root-setup.js';
import type { CurrentCall, RingClientSnapshot } from './snapshot-types.js';

/**
 * The snapshot and subscription a ring client hands out.
 *
 * @example
 * ```ts
 * const view = createClientView(root);
 * view.subscribe(() => console.log(view.getSnapshot().call?.status));
 * ```
 */
export interface ClientView {
  getSnapshot(): RingClientSnapshot;
  subscribe(listener: () => void): () => void;
}

/** Items equal one by one (by reference). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** The same fields with the same values (by reference). */
function sameFields(a: CurrentCall, b: CurrentCall): boolean {
  const keys = Object.keys(a) as Array<keyof CurrentCall>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/** Whether a call actor is in its `ended` state (read from the state value: this runs on every change of every actor). */
function isEnded(call: CallActorRef): boolean {
  const { value } = call.getSnapshot();
  return typeof value === 'object' && 'ended' in value;
}

/**
 * Create the view of a root client actor.
 *
 * @example
 * ```ts
 * const root = createActor(rootMachine, { input: {} }).start();
 * const { getSnapshot, subscribe } = createClientView(root);
 * ```
 */
export function createClientView(root: Actor<typeof rootMachine>): ClientView {
  const calls = new WeakMap<CallMachineSnapshot, CurrentCall | null>();
  const listeners = new Set<() => void>();
  const watched = new Map<CallActorRef, { unsubscribe(): void }>();
  let last: RingClientSnapshot | undefined;
  /** What `last` was made from: the root's snapshot and every call actor's, in order. */
  let madeFrom: readonly unknown[] = [];
  /** The root context whose call actors are followed. */
  let watchedIn: object | undefined;
  /** The snapshot listeners were last told about (a read in between may already have computed a newer one). */
  let announced: RingClientSnapshot | undefined;

  /**
   * The view of a call snapshot. A snapshot that changed nothing shown (a version seen, a request
   * settled, a media snapshot) keeps the view it had, so nothing is announced for it.
   */
  function callOf(snapshot: CallMachineSnapshot | undefined): CurrentCall | null {
    if (!snapshot) return null;
    if (!calls.has(snapshot)) {
      const next = toCurrentCall(snapshot);
      const shown = last?.call;
      calls.set(snapshot, next && shown && sameFields(next, shown) ? shown : next);
    }
    return calls.get(snapshot) ?? null;
  }

  /** Every live call actor's view, oldest first. */
  function liveCalls(actors: Iterable<CallActorRef>): CurrentCall[] {
    return [...new Set(actors)]
      .map((actor) => actor.getSnapshot())
      .filter(isLiveCall)
      .map(callOf)
      .filter((call): call is CurrentCall => call !== null)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  function getSnapshot(): RingClientSnapshot {
    const rootSnapshot = root.getSnapshot();
    const { context } = rootSnapshot;
    const actors = context.current ? [...Object.values(context.calls), context.current] : Object.values(context.calls);
    // Every hook's selector reads this on every change: unchanged actor snapshots give the same view at once.
    const sources = [rootSnapshot, ...actors.map((actor) => actor.getSnapshot())];
    if (last && sameItems(madeFrom, sources)) return last;
    madeFrom = sources;
    const current = context.current?.getSnapshot();
    const incoming = ringingCalls(context);
    const calls = liveCalls(actors);
    const ignored = ringingCalls(context, true);
    const next: RingClientSnapshot = {
      connection: context.connection,
      user: context.user,
      device: context.device,
      presence: context.presence,
      watched: context.watched,
      incoming: last && sameItems(last.incoming, incoming) ? last.incoming : incoming,
      ignored: last && sameItems(last.ignored, ignored) ? last.ignored : ignored,
      call: callOf(current),
      calls: last && sameItems(last.calls, calls) ? last.calls : calls,
      media: current && isLiveCall(current) ? (current.context.local.snapshot ?? null) : null,
      missed: context.missed,
      history: context.history,
      error: context.error,
    };
    const changed = !last || (Object.keys(next) as Array<keyof RingClientSnapshot>).some((key) => !Object.is(next[key], last?.[key]));
    if (changed) last = next;
    return last as RingClientSnapshot;
  }

  /** Follow every call actor the root holds (their changes change the view too). */
  function watchCalls(): void {
    const { context } = root.getSnapshot();
    if (context === watchedIn) return;
    watchedIn = context;
    const held = new Set<CallActorRef>(Object.values(context.calls));
    if (context.current) held.add(context.current);
    for (const [call, subscription] of watched) {
      if (held.has(call)) continue;
      subscription.unsubscribe();
      watched.delete(call);
    }
    for (const call of held) {
      if (!watched.has(call)) watched.set(call, call.subscribe({ next: changed, error: () => undefined }));
    }
  }

  function changed(): void {
    watchCalls();
    // A call that just ended tells the root (CALL_ENDED) right after: announce the outcome, not the step between.
    if (Object.values(root.getSnapshot().context.calls).some(isEnded)) return;
    const next = getSnapshot();
    if (next === announced) return;
    announced = next;
    for (const listener of [...listeners]) listener();
  }

  announced = getSnapshot();
  root.subscribe({ next: changed, error: () => undefined });

  return {
    getSnapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
