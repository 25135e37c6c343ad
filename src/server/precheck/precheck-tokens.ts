/**
 * LiveKit credentials for pre-call checks: a one-minute token for one device
 * in a private test room that holds at most one participant, may only publish
 * a camera and a microphone, and closes itself a second after it is left.
 *
 * @packageDocumentation
 */
import { createSecretKey } from 'node:crypto';
import { deviceClaims, signJwt, type LiveKitOptions } from '../tokens.js';
import type { PrecheckGrant } from './precheck-request.js';

/** Lifetime of a pre-call check token (seconds): enough to join once. */
export const PRECHECK_TOKEN_TTL_SECONDS = 60;

/** How a test room closes itself (seconds): a second after it is left, ten when nobody joins. */
export const PRECHECK_ROOM_TIMEOUTS = { departureSeconds: 1, emptySeconds: 10 } as const;

/**
 * Make the call service's `precheckGrant` hook on a LiveKit key pair.
 *
 * @example
 * ```ts
 * const service = createCallService({ precheckGrant: createPrecheckGrants({ url, apiKey, apiSecret }) });
 * ```
 */
export function createPrecheckGrants(options: Pick<LiveKitOptions, 'url' | 'apiKey' | 'apiSecret'>): PrecheckGrant {
  const key = createSecretKey(Buffer.from(options.apiSecret, 'utf8'));
  return async ({ user, device, room }) => {
    const claims = deviceClaims(options.apiKey, user, device, PRECHECK_TOKEN_TTL_SECONDS);
    const token = signJwt(
      {
        ...claims,
        attributes: { 'ringkit.user': user, 'ringkit.device': device, 'ringkit.precheck': 'true' },
        video: {
          roomJoin: true,
          room,
          canPublish: true,
          canPublishSources: ['camera', 'microphone'],
          canSubscribe: false,
          canPublishData: false,
        },
        roomConfig: {
          departureTimeout: PRECHECK_ROOM_TIMEOUTS.departureSeconds,
          emptyTimeout: PRECHECK_ROOM_TIMEOUTS.emptySeconds,
          maxParticipants: 1,
        },
      },
      key,
    );
    return { url: options.url, token, room, identity: claims.sub };
  };
}
