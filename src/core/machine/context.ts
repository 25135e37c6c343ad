/**
 * Pure helpers that compute the call machine's context from events.
 *
 * @packageDocumentation
 */
import type { CallTimeouts } from '../client/types.js';
import type { CallInfo, EndReason, Media, Member, MemberState } from '../../protocol/protocol.js';
import type { CallEnd, CallFacts, CallMachineContext, CallMachineInput, LocalMedia } from './types.js';

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
  // Every field is present from the start, so every copy of the context has the same shape.
  return {
    callId: '',
    direction: 'outgoing',
    self: input.self,
    version: 0,
    media: 'audio',
    call: { peers: [], members: [], createdAt: 0, heldBy: [], waiting: false },
    capture: {},
    acceptActive: undefined,
    invited: false,
    ignored: false,
    local: { running: false, connected: false, mic: true, camera: false, quality: 'unknown', screenShare: 'off' },
    remote: {},
    end: {},
    requests: { count: 0, byId: {} },
    timeouts: { ...DEFAULT_CALL_TIMEOUTS, ...input.timeouts },
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
 * user's own media, which a member may switch mid-call). `createdAt` is taken
 * unless `keepCreatedAt` (an update keeps the time this actor already holds).
 *
 * @example
 * ```ts
 * assign(({ context, event }) => fromCallInfo(event.call, context));
 * ```
 */
export function fromCallInfo(
  call: CallInfo,
  context: Pick<CallMachineContext, 'self' | 'call'>,
  keepCreatedAt = false,
): Pick<CallMachineContext, 'callId' | 'version' | 'media' | 'call'> {
  const facts: CallFacts = {
    ...context.call,
    members: call.members,
    peers: peersOf(call.members, context.self),
    extra: call.extra,
    heldBy: call.heldBy ?? [],
  };
  if (!keepCreatedAt) facts.createdAt = call.createdAt;
  if (call.answeredAt !== undefined) facts.answeredAt = call.answeredAt;
  return {
    callId: call.callId,
    version: call.version,
    media: call.members.find((member) => member.user === context.self)?.media ?? call.media,
    call: facts,
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
export function newerCallInfo(
  context: Pick<CallMachineContext, 'self' | 'version' | 'call'>,
  call: CallInfo,
): Partial<Pick<CallMachineContext, 'callId' | 'version' | 'media' | 'call'>> {
  return call.version < context.version ? {} : fromCallInfo(call, context);
}

/**
 * Members with one user's state (and media) changed; the user is added when missing.
 * `detail`: the words they declined with (kept only with this change).
 *
 * @example
 * ```ts
 * withMember(members, 'bob', 'ringing', 'video');
 * ```
 */
export function withMember(members: readonly Member[], user: string, state: MemberState, media: Media, detail?: string): Member[] {
  const words = detail === undefined ? {} : { detail };
  const known = members.some((member) => member.user === user);
  if (!known) return [...members, { user, state, media, ...words }];
  return members.map((member) => {
    if (member.user !== user) return member;
    // Words belong to one decline: a later change of that member (re-invited, say) drops them.
    const { detail: _earlier, ...rest } = member;
    return { ...rest, state, media, ...words };
  });
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
export function mediaOf(context: Pick<CallMachineContext, 'call' | 'media'>, user: string): Media {
  return context.call.members.find((member) => member.user === user)?.media ?? context.media;
}

/**
 * The context update that changes some of the call's facts (a new `call` object: groups are replaced, never mutated).
 *
 * @example
 * ```ts
 * assign(({ context }) => withCall(context, { waiting: false }));
 * ```
 */
export function withCall(context: Pick<CallMachineContext, 'call'>, patch: Partial<CallFacts>): Pick<CallMachineContext, 'call'> {
  return { call: { ...context.call, ...patch } };
}

/**
 * The context update that changes some of this device's media fields.
 *
 * @example
 * ```ts
 * assign(({ context }) => withLocal(context, { mic: false }));
 * ```
 */
export function withLocal(context: Pick<CallMachineContext, 'local'>, patch: Partial<LocalMedia>): Pick<CallMachineContext, 'local'> {
  return { local: { ...context.local, ...patch } };
}

/**
 * The context update that records more about how the call ended.
 *
 * @example
 * ```ts
 * assign(({ context }) => withEnd(context, { at: Date.now() }));
 * ```
 */
export function withEnd(context: Pick<CallMachineContext, 'end'>, patch: Partial<CallEnd>): Pick<CallMachineContext, 'end'> {
  return { end: { ...context.end, ...patch } };
}
