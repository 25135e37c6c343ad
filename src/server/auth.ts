/**
 * Who is connecting: an app JWT (HS256, shared secret, `sub` = user id)
 * verified with `jose`, or the app's own `authenticate` function.
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { IdSchema } from '../protocol/protocol.js';

/**
 * How the server authenticates connections.
 *
 * - `{ jwtSecret }`: an HS256 JWT whose `sub` is the user id, sent as `?token=` or in `hello.token`.
 * - `{ authenticate }`: your function; it gets the upgrade request and the token
 *   (from `?token=` at connect, or from `hello.token`), and returns the user id or `undefined`.
 *
 * @example
 * ```ts
 * const auth: AuthOptions = { authenticate: async (request, token) => (await sessions.lookup(token))?.userId };
 * ```
 */
export type AuthOptions =
  | { jwtSecret: string }
  | { authenticate: (request: IncomingMessage, token: string | undefined) => string | undefined | Promise<string | undefined> };

/**
 * Verify an app JWT: HS256 only (`alg: none` and other algorithms are
 * refused), signature, expiry, and a `sub` that is a valid user id.
 * Returns the user id, or `undefined` when the token is not acceptable.
 *
 * @example
 * ```ts
 * const user = await verifyUserToken(token, process.env.RINGKIT_JWT_SECRET!);
 * ```
 */
export async function verifyUserToken(token: string, secret: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] });
    const user = IdSchema.safeParse(payload.sub);
    return user.success ? user.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sign an app JWT for `user` (HS256) that the server accepts; for your
 * backend's login endpoint, the demo and tests.
 *
 * @example
 * ```ts
 * const token = await createUserToken({ user: 'alice', secret, expiresIn: '1h' });
 * ```
 */
export async function createUserToken(options: { user: string; secret: string; expiresIn?: string | number }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.user)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(options.secret));
}
