/**
 * One user signed in to two call services at once (two worlds): a client whose
 * `incoming` lists the ringing calls of both, oldest service first. The call
 * rules answer a second caller of a ringing user with `busy`, so several ringing
 * calls at once come from several services (or devices of apps) like this.
 *
 * @packageDocumentation
 */
import type { RingClient, RingClientSnapshot } from '../../src/core/ring-client.js';

/**
 * A client that shows `primary`'s state with the ringing calls of both clients, and
 * routes `accept`/`reject` to the client the call rings on.
 *
 * @example
 * ```ts
 * const bob = mergeIncoming(await work.client('bob'), await home.client('bob'));
 * ```
 */
export function mergeIncoming(primary: RingClient, secondary: RingClient): RingClient {
  let cache: { first: RingClientSnapshot; second: RingClientSnapshot; merged: RingClientSnapshot } | undefined;
  const getSnapshot = (): RingClientSnapshot => {
    const first = primary.getSnapshot();
    const second = secondary.getSnapshot();
    if (!cache || cache.first !== first || cache.second !== second) {
      cache = { first, second, merged: { ...first, incoming: [...first.incoming, ...second.incoming] } };
    }
    return cache.merged;
  };
  const ringsOn = (callId: string | undefined): RingClient =>
    callId !== undefined && secondary.getSnapshot().incoming.some((call) => call.callId === callId) ? secondary : primary;
  return {
    ...primary,
    getSnapshot,
    subscribe(listener) {
      const stopFirst = primary.subscribe(listener);
      const stopSecond = secondary.subscribe(listener);
      return () => {
        stopFirst();
        stopSecond();
      };
    },
    accept: (callId, options) => ringsOn(callId).accept(callId, options),
    reject: (callId) => ringsOn(callId).reject(callId),
  };
}
