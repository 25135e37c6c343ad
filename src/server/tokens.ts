/**
 * LiveKit credentials for calls: one token per device per call, granting only
 * what a call needs. The API secret is imported once and tokens are signed
 * synchronously (HS256 with `node:crypto`), so a grant costs tens of
 * microseconds and never waits on a thread pool.
 *
 * @packageDocumentation
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { TrackSource } from 'livekit-server-sdk';
import type { LiveKitGrant } from '../protocol/protocol.js';
import type { GrantRequest } from './call-service.js';
import { deviceIdentity } from './identity.js';

/**
 * Where LiveKit runs and the API key pair that signs tokens.
 *
 * @example
 * ```ts
 * const livekit: LiveKitOptions = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' };
 * ```
 */
export interface LiveKitOptions {
  /** The URL clients connect to (`ws://` or `wss://`). */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Token lifetime in seconds. Default 600 (10 minutes): enough to join; LiveKit refreshes tokens of connected participants itself. */
  ttlSeconds?: number;
  /**
   * How long after a call ended its room is checked and, if still open (someone lingers), deleted (ms).
   * Default 8 000; rooms everyone left close themselves 3 s after the last one left.
   */
  roomCheckMs?: number;
}

/** Default LiveKit token lifetime (seconds). */
export const TOKEN_TTL_SECONDS = 600;

/** The sources a call member may publish. */
export const PUBLISH_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

/** {@link PUBLISH_SOURCES} as LiveKit's token claims spell them. */
const PUBLISH_SOURCE_CLAIMS = ['camera', 'microphone', 'screen_share', 'screen_share_audio'];

/**
 * How a call's room closes itself (seconds), set in every token: LiveKit
 * closes the room this long after its last participant left, or after it was
 * created when nobody joined. The room janitor deletes rooms that outlive it.
 */
export const ROOM_TIMEOUTS = { departureSeconds: 3, emptySeconds: 10 } as const;

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Sign a JWT (HS256) with a key imported once.
 *
 * @example
 * ```ts
 * const jwt = signJwt({ sub: 'alice#k3f9x2', exp }, createSecretKey(Buffer.from(secret)));
 * ```
 */
export function signJwt(payload: Record<string, unknown>, key: KeyObject): string {
  const body = `${JWT_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/**
 * The claims every device token starts with: issuer, identity `user#device`,
 * name = user id, valid from now for `ttlSeconds`.
 *
 * @internal
 */
export function deviceClaims(apiKey: string, user: string, device: string, ttlSeconds: number) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: apiKey, sub: deviceIdentity(user, device), nbf: now, exp: now + ttlSeconds, name: user };
}

/**
 * Make the call service's `grant` hook: mints a LiveKit token for one device
 * in one call. Identity `user#device`, name = user id, attributes carry the
 * user, device and call; grants: join the call's room, publish camera,
 * microphone and screen share, subscribe, publish data. The room closes
 * itself {@link ROOM_TIMEOUTS} after the call's members left.
 *
 * @example
 * ```ts
 * const grant = createLiveKitGrants({ url, apiKey, apiSecret });
 * const service = createCallService({ grant });
 * ```
 */
export function createLiveKitGrants(options: LiveKitOptions): (request: GrantRequest) => Promise<LiveKitGrant> {
  const ttl = options.ttlSeconds ?? TOKEN_TTL_SECONDS;
  const key = createSecretKey(Buffer.from(options.apiSecret, 'utf8'));
  return async ({ call, user, device }) => {
    const claims = deviceClaims(options.apiKey, user, device, ttl);
    const token = signJwt(
      {
        ...claims,
        attributes: { 'ringkit.user': user, 'ringkit.device': device, 'ringkit.call': call.callId },
        video: {
          roomJoin: true,
          room: call.room,
          canPublish: true,
          canPublishSources: PUBLISH_SOURCE_CLAIMS,
          canSubscribe: true,
          canPublishData: true,
        },
        roomConfig: { departureTimeout: ROOM_TIMEOUTS.departureSeconds, emptyTimeout: ROOM_TIMEOUTS.emptySeconds },
      },
      key,
    );
    return { url: options.url, token, room: call.room, identity: claims.sub };
  };
}
