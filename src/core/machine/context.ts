/**
 * Pure helpers that compute the call machine's context from events.
 *
 * @packageDocumentation
 */
import type { CallTimeouts } from '../client/types.js';
import type { CallInfo, EndReason, Media, Member, MemberState } from '../../protocol/protocol.js';
import type { CallMachineContext, CallMachineInput } from './types.js';

/**
 * Default machine timers, in ms.
 *
 * @example
 * ```ts
 * DEFAULT_CALL_TIMEOUTS.ringMs; // 70_000
 * ```
 */
export const DEFAULT_CALL_TIMEOUTS: Required<CallTimeouts> = {
  signalMs: 10_000,
  ringMs: 70_000,
  connectMs: 20_000,
  reconnectMs: 20_000,
};

/**
 * The context of a machine that has no call yet.
 *
 * @example
 * ```ts
 * const context = initialCallContext({ self: 'alice' });
 * ```
 */
export function initialCallContext(input: CallMachineInput): CallMachineContext {
  return {
    callId: '',
    direction: 'outgoing',
    self: input.self,
    peers: [],
    members: [],
    media: 'audio',
    createdAt: 0,
    invited: false,
    ignored: false,
    mediaConnected: false,
    mic: true,
    camera: false,
    remote: {},
    quality: 'unknown',
    screenShare: 'off',
    timeouts: { ...DEFAULT_CALL_TIMEOUTS, ...input.timeouts },
    capture: {},
    mediaRunning: false,
    requests: {},
    requestCount: 0,
    version: 0,
    heldBy: [],
    waiting: false,
  };
}

/** Member states of people who are no longer part of a call that goes on. */
const EXITED_STATES: ReadonlySet<Member['state']> = new Set(['left', 'declined', 'missed']);

/**
 * The other users of a call who are still in it (ringing or joined), in
 * member order; when none is (a call that ended because the callee was busy,
 * offline...), everyone else, so an ended call still says who it was with.
 *
 * @example
 * ```ts
 * peersOf(call.members, 'alice'); // ['bob']
 * ```
 */
export function peersOf(members: readonly Member[], self: string): string[] {
  const others = members.filter((member) => member.user !== self);
  const present = others.filter((member) => !EXITED_STATES.has(member.state));
  return (present.length > 0 ? present : others).map((member) => member.user);
}

/**
 * Context fields taken from the server's view of a call (`media` is this
 * user's own media, which a member may switch mid-call).
 *
 * @example
 * ```ts
 * assign(({ event }) => fromCallInfo(event.call, context.self));
 * ```
 */
export function fromCallInfo(call: CallInfo, self: string): Partial<CallMachineContext> {
  return {
    callId: call.callId,
    version: call.version,
    members: call.members,
    peers: peersOf(call.members, self),
    media: call.members.find((member) => member.user === self)?.media ?? call.media,
    extra: call.extra,
    createdAt: call.createdAt,
    ...(call.answeredAt === undefined ? {} : { answeredAt: call.answeredAt }),
    heldBy: call.heldBy ?? [],
  };
}

/**
 * {@link fromCallInfo}, or nothing when `call` is older than what the actor holds
 * (a message decided before one already applied: it must not take the call back).
 *
 * @example
 * ```ts
 * assign(({ context, event }) => newerCallInfo(context, event.call));
 * ```
 */
export function newerCallInfo(context: Pick<CallMachineContext, 'self' | 'version'>, call: CallInfo): Partial<CallMachineContext> {
  return call.version < context.version ? {} : fromCallInfo(call, context.self);
}

/**
 * Members with one user's state (and media) changed; the user is added when missing.
 *
 * @example
 * ```ts
 * withMember(members, 'bob', 'ringing', 'video');
 * ```
 */
export function withMember(members: readonly Member[], user: string, state: MemberState, media: Media): Member[] {
  const known = members.some((member) => member.user === user);
  if (!known) return [...members, { user, state, media }];
  return members.map((member) => (member.user === user ? { ...member, state, media } : member));
}

/**
 * The member state a `left` reason leaves behind.
 *
 * @example
 * ```ts
 * memberStateAfter('declined'); // 'declined'
 * ```
 */
export function memberStateAfter(reason: EndReason): MemberState {
  if (reason === 'declined' || reason === 'declined-elsewhere' || reason === 'busy' || reason === 'do-not-disturb') {
    return 'declined';
  }
  if (reason === 'no-answer' || reason === 'offline') return 'missed';
  return 'left';
}

/**
 * Media of a member already in the members list, or the call's media.
 *
 * @example
 * ```ts
 * mediaOf(context, 'bob');
 * ```
 */
export function mediaOf(context: Pick<CallMachineContext, 'members' | 'media'>, user: string): Media {
  return context.members.find((member) => member.user === user)?.media ?? context.media;
}
