/**
 * Checks of what callers hand a media session: grants, media, device kinds
 * and ids. Bad input becomes an `invalid-argument` {@link MediaSessionError}.
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import type { LiveKitGrant, Media } from '../../protocol/protocol.js';
import { LiveKitGrantSchema, MediaSchema } from '../../protocol/client-schemas.js';
import { MediaSessionError } from './errors.js';
import type { DeviceKind } from './types.js';

const PrepareGrantSchema = z.required(z.partial(LiveKitGrantSchema), { url: true });
const DeviceKindSchema = z.enum(['audioinput', 'videoinput', 'audiooutput']);
const DeviceIdSchema = z.string().check(z.minLength(1), z.maxLength(512));

function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new MediaSessionError('invalid-argument', `Invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * Check a full LiveKit grant (url, token, room, identity).
 *
 * @example
 * ```ts
 * const grant = parseGrant({ url: 'wss://lk.example.com', token, room: 'call-1', identity: 'alice#k3f9' });
 * ```
 */
export function parseGrant(value: unknown): LiveKitGrant {
  return check(LiveKitGrantSchema, value, 'LiveKit grant');
}

/**
 * Check a grant for `prepare`: the url is enough, the token optional.
 *
 * @example
 * ```ts
 * const { url, token } = parsePrepareGrant({ url: 'wss://lk.example.com' });
 * ```
 */
export function parsePrepareGrant(value: unknown): Partial<LiveKitGrant> & Pick<LiveKitGrant, 'url'> {
  return check(PrepareGrantSchema, value, 'LiveKit grant');
}

/**
 * Check a call's media (`'audio'` or `'video'`).
 *
 * @example
 * ```ts
 * parseMedia('video'); // 'video'
 * ```
 */
export function parseMedia(value: unknown): Media {
  return check(MediaSchema, value, 'media');
}

/**
 * Check a device kind and id for `switchDevice`.
 *
 * @example
 * ```ts
 * const { kind, deviceId } = parseDeviceChoice('audioinput', 'default');
 * ```
 */
export function parseDeviceChoice(kind: unknown, deviceId: unknown): { kind: DeviceKind; deviceId: string } {
  return { kind: check(DeviceKindSchema, kind, 'device kind'), deviceId: check(DeviceIdSchema, deviceId, 'device id') };
}

/**
 * The ringkit user id of a LiveKit identity (`alice#k3f9` is `alice`).
 *
 * @example
 * ```ts
 * userOfIdentity('alice#k3f9'); // 'alice'
 * ```
 */
export function userOfIdentity(identity: string): string {
  const hash = identity.lastIndexOf('#');
  return hash > 0 ? identity.slice(0, hash) : identity;
}
