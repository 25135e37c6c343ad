/**
 * How components turn a user id into a name and an avatar.
 *
 * @packageDocumentation
 */

/** A user as the components show them. */
export interface UserDisplay {
  /** Display name (default: the user id). */
  name?: string;
  /** Avatar image URL (default: initials). */
  avatarUrl?: string;
}

/**
 * Looks a user id up in the app's directory; return `undefined` for unknown users.
 *
 * @example
 * ```tsx
 * const getUser: UserLookup = (id) => contacts[id];
 * <IncomingCallModal getUser={getUser} />
 * ```
 */
export type UserLookup = (userId: string) => UserDisplay | undefined;

/**
 * The display name of a user: the lookup's name, else the id.
 *
 * @example
 * ```ts
 * displayName('bob', (id) => ({ name: 'Bob Marley' })); // 'Bob Marley'
 * ```
 */
export function displayName(userId: string, getUser?: UserLookup): string {
  return getUser?.(userId)?.name ?? userId;
}

/**
 * Names of several users joined for a sentence (`Bob, Carol`).
 *
 * @example
 * ```ts
 * displayNames(['bob', 'carol']); // 'bob, carol'
 * ```
 */
export function displayNames(userIds: readonly string[], getUser?: UserLookup): string {
  return userIds.map((id) => displayName(id, getUser)).join(', ');
}
