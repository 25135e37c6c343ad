/**
 * Time and count the server's LiveKit token signing.
 *
 * @packageDocumentation
 */
import type { LiveKitGrant } from '../../protocol/protocol.js';
import type { GrantRequest } from '../call-service.js';
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
