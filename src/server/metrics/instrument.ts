/**
 * Time and count the server's LiveKit token signing and its Web Push sends.
 *
 * @packageDocumentation
 */
import type { LiveKitGrant } from '../../protocol/protocol.js';
import type { GrantRequest } from '../call-service.js';
import type { WebPushOptions } from '../push/server-push.js';
import type { ServerMetrics } from './server-metrics.js';

/**
 * Wrap a `grant` hook so its time and failures are measured.
 *
 * @example
 * ```ts
 * const grant = timedGrant(createLiveKitGrants(livekit), metrics);
 * ```
 */
export function timedGrant(
  grant: (request: GrantRequest) => Promise<LiveKitGrant | undefined>,
  metrics: ServerMetrics,
): (request: GrantRequest) => Promise<LiveKitGrant | undefined> {
  return async (request) => {
    const end = metrics.livekitGrant.startTimer();
    try {
      return await grant(request);
    } catch (error) {
      metrics.livekitGrantFailures.inc();
      throw error;
    } finally {
      end();
    }
  };
}

/**
 * Web Push options whose sends are counted (`ringkit_push_sent_total`,
 * `ringkit_push_failures_total`), keeping the app's own `onSent`.
 *
 * @example
 * ```ts
 * const push = countedPush(options.push, metrics);
 * ```
 */
export function countedPush(push: WebPushOptions, metrics: ServerMetrics): WebPushOptions {
  return {
    ...push,
    onSent(kind, result) {
      if (result === 'delivered') metrics.pushSent.inc({ kind });
      else metrics.pushFailures.inc({ kind, reason: result });
      push.onSent?.(kind, result);
    },
  };
}
