'use client';
/**
 * Rating a call after it ended: which call to rate, and sending the rating
 * (`client.rateCall`), with its status kept per client and call (so a prompt
 * that remounts remembers that it was sent or skipped).
 *
 * @packageDocumentation
 */
import { useCallback } from 'react';
import { toRingError, type RingError } from '../core/errors.js';
import type { CallRatingInput, RingClient } from '../core/ring-client.js';
import { useStoreSelector, type ExternalStore } from './use-store-selector.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/**
 * Where rating a call stands: not rated yet, being sent, stored, skipped, or failed (try again).
 *
 * @example
 * ```ts
 * const status: CallFeedbackStatus = 'sent';
 * ```
 */
export type CallFeedbackStatus = 'idle' | 'sending' | 'sent' | 'skipped' | 'failed';

/**
 * Options of {@link useCallFeedback}.
 *
 * @example
 * ```tsx
 * useCallFeedback({ callId: entry.callId }); // rate a call from the history
 * ```
 */
export interface UseCallFeedbackOptions {
  /** The call to rate. Default: the current call once it ended, if it was answered. */
  callId?: string;
  /** A client other than the provider's. */
  client?: RingClient;
}

/**
 * What {@link useCallFeedback} returns.
 *
 * @example
 * ```tsx
 * const { callId, status, submit, skip } = useCallFeedback();
 * ```
 */
export interface UseCallFeedbackResult {
  /** The call to rate, or `null` when there is none (no call, still going, or never answered). */
  callId: string | null;
  status: CallFeedbackStatus;
  /** Why the last attempt failed. */
  error: RingError | null;
  /** Send the rating; resolves once stored (the promise rejects too when it fails; `status` says `failed`). */
  submit(feedback: CallRatingInput): Promise<void>;
  /** Do not rate this call (the prompt goes away). */
  skip(): void;
}

interface Entry {
  status: CallFeedbackStatus;
  error: RingError | null;
}

const IDLE: Entry = { status: 'idle', error: null };

/** Rating states of one client's calls, as a store hooks subscribe to. */
interface FeedbackStore extends ExternalStore<ReadonlyMap<string, Entry>> {
  set(callId: string, entry: Entry): void;
}

const stores = new WeakMap<RingClient, FeedbackStore>();

function feedbackStoreOf(client: RingClient): FeedbackStore {
  const known = stores.get(client);
  if (known) return known;
  let entries: ReadonlyMap<string, Entry> = new Map();
  const listeners = new Set<() => void>();
  const store: FeedbackStore = {
    getSnapshot: () => entries,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(callId, entry) {
      entries = new Map(entries).set(callId, entry);
      for (const listener of [...listeners]) listener();
    },
  };
  stores.set(client, store);
  return store;
}

/**
 * Rate a call: by default the current call once it ended after being answered
 * (what a "How was the call?" prompt asks about), or any call of this user's
 * history by `callId`. The status of each call is kept per client, so it
 * survives remounts.
 *
 * @example
 * ```tsx
 * function RateLastCall() {
 *   const { callId, status, submit, skip } = useCallFeedback();
 *   if (!callId || status === 'skipped') return null;
 *   if (status === 'sent') return <p>Thanks!</p>;
 *   return (
 *     <p>
 *       <button onClick={() => void submit({ score: 5 }).catch(() => undefined)}>Great</button>
 *       <button onClick={() => void submit({ score: 1, issues: ['dropped'] }).catch(() => undefined)}>Bad</button>
 *       <button onClick={skip}>Skip</button>
 *     </p>
 *   );
 * }
 * ```
 */
export function useCallFeedback(options: UseCallFeedbackOptions = {}): UseCallFeedbackResult {
  const client = useRingClient(options.client);
  const ended = useRingSelector(({ call }) => (call?.status === 'ended' && call.answeredAt !== undefined ? call.callId : null), client);
  const callId = options.callId ?? ended;
  const store = feedbackStoreOf(client);
  const entry = useStoreSelector(store, (entries) => (callId === null ? IDLE : (entries.get(callId) ?? IDLE)));

  const submit = useCallback(
    async (feedback: CallRatingInput) => {
      if (callId === null) return;
      store.set(callId, { status: 'sending', error: null });
      try {
        await client.rateCall(callId, feedback);
        store.set(callId, { status: 'sent', error: null });
      } catch (error) {
        const failure = toRingError(error, 'internal');
        store.set(callId, { status: 'failed', error: failure });
        throw failure;
      }
    },
    [client, callId, store],
  );

  const skip = useCallback(() => {
    if (callId !== null) store.set(callId, { status: 'skipped', error: null });
  }, [callId, store]);

  return { callId, status: entry.status, error: entry.error, submit, skip };
}
