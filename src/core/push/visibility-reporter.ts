/**
 * Tell the server whether this page is visible, so it also rings the user by
 * push while every page of theirs is hidden (a background tab).
 *
 * @packageDocumentation
 */

/**
 * Report `document.visibilityState` now and on every change; returns a function that stops.
 * Does nothing outside a browser. @internal
 *
 * @example
 * ```ts
 * const stop = reportVisibility((state) => connection.request({ type: 'visibility', state }));
 * ```
 */
export function reportVisibility(report: (state: 'visible' | 'hidden') => Promise<unknown>): { now(): void; stop(): void } {
  if (typeof document === 'undefined') return { now: () => undefined, stop: () => undefined };
  const send = () => {
    void report(document.visibilityState === 'hidden' ? 'hidden' : 'visible').catch(() => undefined);
  };
  document.addEventListener('visibilitychange', send);
  return { now: send, stop: () => document.removeEventListener('visibilitychange', send) };
}
