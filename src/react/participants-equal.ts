/**
 * Equality of participant views by content: media sessions rebuild them on every
 * change (a stats sample too), so hooks compare what a tile shows.
 *
 * @packageDocumentation
 */
import type { ParticipantView } from '../core/media/types.js';
import { shallowEqual } from './shallow-equal.js';

/**
 * Whether two participant views show the same (fields and track handles alike).
 *
 * @example
 * ```ts
 * participantEqual(before.local, after.local); // true when only stats changed
 * ```
 *
 * @internal
 */
export function participantEqual(a: ParticipantView | null | undefined, b: ParticipantView | null | undefined): boolean {
  return shallowEqual(a, b);
}

/**
 * Whether two lists of participant views show the same, in the same order.
 *
 * @example
 * ```ts
 * participantsEqual(before.remotes, after.remotes);
 * ```
 *
 * @internal
 */
export function participantsEqual(a: readonly ParticipantView[], b: readonly ParticipantView[]): boolean {
  return a === b || (a.length === b.length && a.every((participant, index) => participantEqual(participant, b[index])));
}

/** The participants of a media snapshot. */
type Participants = { local?: ParticipantView; remotes: readonly ParticipantView[] } | null;

/**
 * Whether two media snapshots show the same participants (stats and the rest ignored).
 *
 * @example
 * ```ts
 * sameParticipants(before.media, after.media);
 * ```
 *
 * @internal
 */
export function sameParticipants(a: Participants, b: Participants): boolean {
  if (a === null || b === null) return a === b;
  return participantEqual(a.local, b.local) && participantsEqual(a.remotes, b.remotes);
}
