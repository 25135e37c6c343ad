/**
 * Decline tickets: a short JWT (HS256, jose) that lets a service worker
 * decline one ring of one user from one push subscription, and nothing else.
 * It expires when that ring would time out, and names the ring's deadline so a
 * later ring of the same user in the same call needs a new ticket.
 *
 * @packageDocumentation
 */
import { createHmac, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'ringkit:decline';

/**
 * What a ticket grants.
 *
 * @example
 * ```ts
 * const claims: DeclineClaims = { user: 'bob', callId: 'c1', subscription: 'q3X...', ringUntil: 1_790_000_000_000 };
 * ```
 */
export interface DeclineClaims {
  user: string;
  callId: string;
  /** The subscription id it was pushed to. */
  subscription: string;
  /** The ring's deadline (epoch ms); the ticket expires with it. */
  ringUntil: number;
}

/**
 * The ticket key of a deployment, derived from its VAPID private key (so every process of a cluster shares it).
 *
 * @example
 * ```ts
 * const key = ticketKey(vapidPrivateKey);
 * ```
 */
export function ticketKey(vapidPrivateKey: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', vapidPrivateKey).update('ringkit decline ticket v1').digest());
}

/**
 * Sign a ticket for one ring.
 *
 * @example
 * ```ts
 * const ticket = await signDeclineTicket(key, { user: 'bob', callId: 'c1', subscription: id, ringUntil });
 * ```
 */
export function signDeclineTicket(key: Uint8Array, claims: DeclineClaims): Promise<string> {
  return new SignJWT({ call: claims.callId, sub_id: claims.subscription, ring: claims.ringUntil })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.user)
    .setAudience(AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.ceil(claims.ringUntil / 1000))
    .sign(key);
}

/**
 * Check a ticket's signature, audience and expiry at `now`; its claims, or undefined when it is not valid.
 *
 * @example
 * ```ts
 * const claims = await verifyDeclineTicket(key, ticket, clock.now());
 * ```
 */
export async function verifyDeclineTicket(key: Uint8Array, ticket: string, now: number): Promise<DeclineClaims | undefined> {
  try {
    const { payload } = await jwtVerify(ticket, key, { algorithms: ['HS256'], audience: AUDIENCE, currentDate: new Date(now), requiredClaims: ['exp', 'sub'] });
    const { sub, call, sub_id: subscription, ring } = payload;
    if (typeof sub !== 'string' || typeof call !== 'string' || typeof subscription !== 'string' || typeof ring !== 'number') return undefined;
    if (ring <= now) return undefined;
    return { user: sub, callId: call, subscription, ringUntil: ring };
  } catch {
    return undefined;
  }
}
