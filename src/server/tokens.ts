/**
 * LiveKit credentials for calls (`livekit-server-sdk`): one token per device
 * per call, granting only what a call needs, and room clean-up when a call ends.
 *
 * @packageDocumentation
 */
import { AccessToken, RoomServiceClient, TrackSource } from 'livekit-server-sdk';
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
}

/** Default LiveKit token lifetime (seconds). */
export const TOKEN_TTL_SECONDS = 600;

/** The sources a call member may publish. */
export const PUBLISH_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

/**
 * Make the call service's `grant` hook: mints a LiveKit token for one device
 * in one call. Identity `user#device`, name = user id, attributes carry the
 * user, device and call; grants: join the call's room, publish camera,
 * microphone and screen share, subscribe, publish data.
 *
 * @example
 * ```ts
 * const grant = createLiveKitGrants({ url, apiKey, apiSecret });
 * const service = createCallService({ grant });
 * ```
 */
export function createLiveKitGrants(options: LiveKitOptions): (request: GrantRequest) => Promise<LiveKitGrant> {
  const ttl = options.ttlSeconds ?? TOKEN_TTL_SECONDS;
  return async ({ call, user, device }) => {
    const identity = deviceIdentity(user, device);
    const token = new AccessToken(options.apiKey, options.apiSecret, {
      identity,
      name: user,
      ttl,
      attributes: { 'ringkit.user': user, 'ringkit.device': device, 'ringkit.call': call.callId },
    });
    token.addGrant({
      roomJoin: true,
      room: call.room,
      canPublish: true,
      canPublishSources: PUBLISH_SOURCES,
      canSubscribe: true,
      canPublishData: true,
    });
    return { url: options.url, token: await token.toJwt(), room: call.room, identity };
  };
}

/**
 * Make a function that deletes a call's LiveKit room through the RoomService
 * API. Failures are logged, never thrown.
 *
 * @example
 * ```ts
 * const removeRoom = createRoomRemover(livekit, console.log);
 * const service = createCallService({ onCallEnded: (call) => void removeRoom(call.room) });
 * ```
 */
export function createRoomRemover(options: LiveKitOptions, log: (line: string) => void): (room: string) => Promise<void> {
  const client = new RoomServiceClient(options.url, options.apiKey, options.apiSecret);
  return async (room) => {
    try {
      await client.deleteRoom(room);
      log(`room ${room} deleted`);
    } catch (error) {
      log(`room ${room} could not be deleted: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
