'use client';
/**
 * `usePreCallCheck`: run the ring client's pre-call check from a component,
 * with its report as state.
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import type { PreCallCheckOptions, PreCallCheckReport } from '../../core/precheck/types.js';
import { addListener } from '../../core/listeners.js';
import { useRingClient } from '../use-ring-client.js';
import { useStoreSelector } from '../use-store-selector.js';

/** Options of {@link usePreCallCheck}: the check's options (its signal and updates are the hook's), and an explicit client. */
export interface UsePreCallCheckOptions extends Omit<PreCallCheckOptions, 'signal' | 'onUpdate'> {
  /** An explicit client (default: the provider's). */
  client?: RingClient;
  /** Start a check when the component mounts (default false). */
  autoStart?: boolean;
}

/** What {@link usePreCallCheck} returns. */
export interface UsePreCallCheckResult {
  /** The latest report (updated while the check runs), or `null` before the first check. */
  report: PreCallCheckReport | null;
  /** A check is running. */
  running: boolean;
  /** Start a check (cancelling one that runs); resolves with its final report. */
  start(): Promise<PreCallCheckReport>;
  /** Cancel the running check (its report ends `cancelled`). */
  cancel(): void;
}

/** The hook's state: the latest report, as a tiny store. */
function createReportStore() {
  const listeners = new Set<() => void>();
  let report: PreCallCheckReport | null = null;
  return {
    getSnapshot: () => report,
    subscribe: (listener: () => void) => addListener(listeners, listener),
    set(next: PreCallCheckReport) {
      report = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

const whole = (report: PreCallCheckReport | null) => report;

/**
 * Check the microphone, camera, signaling and media server before a call.
 * Starting again cancels the check that runs; unmounting cancels it too, and
 * the check closes every device and connection it opened.
 *
 * @example
 * ```tsx
 * function Check() {
 *   const { report, running, start, cancel } = usePreCallCheck({ video: true });
 *   return (
 *     <>
 *       <button onClick={running ? cancel : () => void start()}>{running ? 'Stop' : 'Check my setup'}</button>
 *       <ul>{report?.steps.map((s) => <li key={s.step} data-state={s.status}>{s.step}: {s.error?.message ?? s.status}</li>)}</ul>
 *     </>
 *   );
 * }
 * ```
 */
export function usePreCallCheck(options: UsePreCallCheckOptions = {}): UsePreCallCheckResult {
  const { client, autoStart = false, ...checkOptions } = options;
  const ring = useRingClient(client);
  const [store] = useState(createReportStore);
  const report = useStoreSelector(store, whole);
  const latest = useRef(checkOptions);
  useEffect(() => {
    latest.current = checkOptions;
  });
  /** The running check's controller; the last started one's updates are the report. */
  const controller = useRef<AbortController | null>(null);
  const last = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
  }, []);

  const start = useCallback(() => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    last.current = own;
    const onUpdate = (next: PreCallCheckReport) => {
      if (last.current === own) store.set(next);
    };
    return ring.preCallCheck({ ...latest.current, signal: own.signal, onUpdate }).finally(() => {
      if (controller.current === own) controller.current = null;
    });
  }, [ring, store]);

  useEffect(() => {
    if (autoStart) void start().catch(() => undefined);
    return cancel;
  }, [autoStart, start, cancel]);

  return { report, running: report?.status === 'running', start, cancel };
}
