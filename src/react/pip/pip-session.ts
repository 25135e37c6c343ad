/**
 * An open picture-in-picture window, whichever kind.
 *
 * @packageDocumentation
 */

/** An open picture-in-picture window. @internal */
export interface PictureInPictureSession {
  /** Close it (safe to call twice); `onClosed` listeners run. */
  close(): void;
  /** Called once when it closed, by `close()`, the person or the browser. */
  onClosed(listener: () => void): void;
}

/**
 * The close bookkeeping every session shares: runs `cleanup` and the listeners once.
 *
 * @example
 * ```ts
 * const closed = closeOnce(() => pipWindow.close());
 * pipWindow.addEventListener('pagehide', closed.close);
 * ```
 *
 * @internal
 */
export function closeOnce(cleanup: () => void): PictureInPictureSession {
  const listeners: Array<() => void> = [];
  let closed = false;
  return {
    close() {
      if (closed) return;
      closed = true;
      cleanup();
      for (const listener of listeners.splice(0)) listener();
    },
    onClosed(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
