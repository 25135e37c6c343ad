/**
 * A serial lane: tasks run one at a time in arrival order, so the messages
 * of one decision go out before the next decision is taken.
 *
 * @packageDocumentation
 */

/** Runs a task after every task queued before it has settled. */
export type Lane = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Make a lane. A task that throws rejects its own promise only; the lane goes on.
 *
 * @example
 * ```ts
 * const lane = createLane();
 * await Promise.all([lane(async () => 1), lane(async () => 2)]); // run one after the other
 * ```
 */
export function createLane(): Lane {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
