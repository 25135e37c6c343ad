/**
 * Secret fields out of log entries: a field named like a secret, at the top
 * of an entry or nested up to two levels, is written as `[redacted]`. An
 * entry is only looked through (a few property reads); it is copied only
 * when it holds such a field, which the server's own entries never do.
 *
 * @packageDocumentation
 */

/** Field names whose values never appear in a log line. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['token', 'ticket', 'secret', 'extra', 'livekit', 'authorization', 'jwtSecret', 'apiSecret']);

/** What a secret field's value is replaced with. */
export const CENSORED = '[redacted]';

/** How deep below the entry's own fields secrets are looked for. */
const DEPTH = 2;

function holdsSecret(value: object, depth: number): boolean {
  for (const key in value) {
    if (SECRET_FIELDS.has(key)) return true;
    const field: unknown = (value as Record<string, unknown>)[key];
    if (depth < DEPTH && typeof field === 'object' && field !== null && holdsSecret(field, depth + 1)) return true;
  }
  return false;
}

function censored(value: object, depth: number): object {
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
  for (const key in value) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (SECRET_FIELDS.has(key)) copy[key] = CENSORED;
    else if (depth < DEPTH && typeof field === 'object' && field !== null && holdsSecret(field, depth + 1)) copy[key] = censored(field, depth + 1);
    else copy[key] = field;
  }
  return copy;
}

/**
 * The entry with every secret field censored, or the entry itself when it holds none.
 *
 * @example
 * ```ts
 * censorSecrets({ user: 'bob', hello: { token: 'eyJ...' } }); // { user: 'bob', hello: { token: '[redacted]' } }
 * ```
 */
export function censorSecrets<T extends object>(entry: T): T {
  return holdsSecret(entry, 0) ? (censored(entry, 0) as T) : entry;
}
