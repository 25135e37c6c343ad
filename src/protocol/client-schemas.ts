/**
 * The client's side of the wire protocol in `zod/mini` (a fraction of classic
 * zod's weight on a page): the schemas of every server message, the parser
 * the client reads frames with, and the field schemas its argument checks use.
 * They describe exactly what the server's schemas in `protocol.ts` describe
 * (a unit test compares the two, field by field, check by check).
 *
 * @packageDocumentation
 */
import * as z from 'zod/mini';
import type { ServerMessage } from './protocol.js';
import {
  CALL_ISSUES,
  END_REASONS,
  ERROR_CODES,
  MAX_CALLEES,
  MAX_COMMENT_LENGTH,
  MAX_DETAIL_LENGTH,
  MAX_ID_LENGTH,
  PAYLOAD_CHECK_MESSAGES,
  distinctItems,
  noControl,
  noSpaceOrControl,
  shallowEnough,
  smallEnough,
  type ParseResult,
} from './wire.js';
import { parseFrame } from './parse-frame.js';

/** Schema of an end reason. */
export const EndReasonSchema = z.enum(END_REASONS);

/**
 * Schema of an id: 1 to 128 printable characters.
 *
 * @example
 * ```ts
 * IdSchema.safeParse('bob').success; // true
 * ```
 */
export const IdSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(MAX_ID_LENGTH), z.refine(noSpaceOrControl.test, noSpaceOrControl.message));

/** Schema of a call's media: `'audio'` or `'video'`. */
export const MediaSchema = z.enum(['audio', 'video']);

/** Schema of the presence a user can set. */
export const PresenceStatusSchema = z.enum(['available', 'do-not-disturb']);

/** Schema of an app payload (custom messages): JSON of at most 4 KiB, nested at most 32 levels. */
export const PayloadSchema = z
  .json()
  .check(z.refine(shallowEnough, PAYLOAD_CHECK_MESSAGES.depth), z.refine(smallEnough, PAYLOAD_CHECK_MESSAGES.payloadBytes));

/** Schema of `extra`: a JSON object of at most 4 KiB, nested at most 32 levels, attached to an invite. */
export const ExtraSchema = z
  .record(z.string(), z.json())
  .check(z.refine(shallowEnough, PAYLOAD_CHECK_MESSAGES.depth), z.refine(smallEnough, PAYLOAD_CHECK_MESSAGES.extraBytes));

/** Schema of a push notification's text for an offline callee. */
export const PushSchema = z.strictObject({
  title: z.string().check(z.maxLength(256)),
  body: z.string().check(z.maxLength(1024)),
});

/** Schema of the callees of an `invite` or `add`: 1 to 16 ids. */
export const CalleesSchema = z.array(IdSchema).check(z.minLength(1), z.maxLength(MAX_CALLEES));

/** Schema of a custom message's `kind`: 1 to 128 characters. */
export const MessageKindSchema = z.string().check(z.minLength(1), z.maxLength(MAX_ID_LENGTH));

/** Schema of the users a `watch` follows: up to 500 ids. */
export const WatchedUsersSchema = z.array(IdSchema).check(z.maxLength(500));

/** Schema of a history request's `limit`: an integer from 1 to 100. */
export const HistoryLimitSchema = z.number().check(z.int(), z.gte(1), z.lte(100));

/**
 * Schema of what accepting a waiting call does to the active one: `'end'` or `'hold'`.
 *
 * @example
 * ```ts
 * ActiveCallChoiceSchema.safeParse('hold').success; // true
 * ```
 */
export const ActiveCallChoiceSchema = z.enum(['end', 'hold']);

/**
 * Schema of a decline's custom reason (`reject`'s `reason`, `detail` in `ended` and history): 1 to 128 characters, one line.
 *
 * @example
 * ```ts
 * DetailSchema.safeParse("I'm in a meeting").success; // true
 * ```
 */
export const DetailSchema = z
  .string()
  .check(z.minLength(1), z.maxLength(MAX_DETAIL_LENGTH), z.refine(noControl.test, noControl.message));

/** Schema of a rating's score: a whole number from 1 to 5. */
export const ScoreSchema = z.number().check(z.int(), z.gte(1), z.lte(5));

/** Schema of a rating's issues: each known issue at most once. */
export const CallIssuesSchema = z
  .array(z.enum(CALL_ISSUES))
  .check(z.maxLength(CALL_ISSUES.length), z.refine(distinctItems.test, distinctItems.message));

/** Schema of a rating's comment: up to 1000 characters. */
export const CommentSchema = z.string().check(z.maxLength(MAX_COMMENT_LENGTH));

/** Schema of a member's stored rating of a call. */
export const CallRatingSchema = z.strictObject({
  score: ScoreSchema,
  issues: z.optional(CallIssuesSchema),
  comment: z.optional(CommentSchema),
  ratedAt: z.number(),
});

/** Schema of where a member stands in a call. */
export const MemberStateSchema = z.enum(['calling', 'invited', 'ringing', 'joined', 'left', 'declined', 'missed']);

/** Schema of one member of a call. */
export const MemberSchema = z.strictObject({ user: IdSchema, state: MemberStateSchema, media: MediaSchema, detail: z.optional(DetailSchema) });

/** Schema of a call record's version (grows by one with every stored change). */
export const CallVersionSchema = z.number().check(z.int(), z.nonnegative());

/** Schema of the server's view of a call. */
export const CallInfoSchema = z.strictObject({
  callId: IdSchema,
  version: CallVersionSchema,
  room: IdSchema,
  from: IdSchema,
  media: MediaSchema,
  members: z.array(MemberSchema).check(z.maxLength(64)),
  extra: z.optional(ExtraSchema),
  status: z.enum(['ringing', 'active', 'ended']),
  createdAt: z.number(),
  answeredAt: z.optional(z.number()),
  heldBy: z.optional(z.array(IdSchema).check(z.maxLength(64))),
});

/** Schema of LiveKit credentials for one device in one call. */
export const LiveKitGrantSchema = z.strictObject({
  url: z.string().check(z.minLength(1), z.maxLength(2048)),
  token: z.string().check(z.minLength(1), z.maxLength(8192)),
  room: IdSchema,
  identity: z.string().check(z.minLength(1), z.maxLength(2 * MAX_ID_LENGTH + 1)),
});

/** Schema of one call-history entry. */
export const HistoryEntrySchema = z.strictObject({
  callId: IdSchema,
  direction: z.enum(['outgoing', 'incoming']),
  peers: z.array(IdSchema),
  media: MediaSchema,
  missed: z.boolean(),
  reason: EndReasonSchema,
  detail: z.optional(DetailSchema),
  startedAt: z.number(),
  answeredAt: z.optional(z.number()),
  endedAt: z.number(),
  durationMs: z.number().check(z.nonnegative()),
  rating: z.optional(CallRatingSchema),
});

/** Schema of an error code the server answers with. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);

const positiveInt = () => z.number().check(z.int(), z.positive());
const livekitUrl = () => z.string().check(z.minLength(1), z.maxLength(2048));

/** Authenticated: who this is, the session to resume with, and the calls this user is in. */
export const WelcomeSchema = z.strictObject({
  type: z.literal('welcome'),
  replyTo: IdSchema,
  version: positiveInt(),
  user: IdSchema,
  device: IdSchema,
  session: IdSchema,
  resumed: z.boolean(),
  presence: PresenceStatusSchema,
  graceMs: z.number().check(z.int(), z.nonnegative()),
  calls: z.array(CallInfoSchema).check(z.maxLength(64)),
  vapidPublicKey: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
});
/** The caller's invite was taken. */
export const InvitedSchema = z.strictObject({
  type: z.literal('invited'),
  replyTo: IdSchema,
  call: CallInfoSchema,
  livekit: z.optional(LiveKitGrantSchema),
});
/** A call rings on this device (`waiting`: while this user is in an active call). */
export const IncomingSchema = z.strictObject({
  type: z.literal('incoming'),
  call: CallInfoSchema,
  livekitUrl: z.optional(livekitUrl()),
  waiting: z.optional(z.literal(true)),
});
/** A device of `by` rings. */
export const RingingSchema = z.strictObject({ type: z.literal('ringing'), callId: IdSchema, version: CallVersionSchema, by: IdSchema });
/** The winning device's accept was taken: the call as stored, and this device's LiveKit credentials. */
export const AnsweredSchema = z.strictObject({
  type: z.literal('answered'),
  replyTo: IdSchema,
  call: CallInfoSchema,
  livekit: z.optional(LiveKitGrantSchema),
});
/** `by` accepted (sent to the other members; the winning device gets `answered` instead). */
export const AcceptedSchema = z.strictObject({ type: z.literal('accepted'), callId: IdSchema, version: CallVersionSchema, by: IdSchema, media: MediaSchema });
/** A member joined the call. */
export const MemberJoinedSchema = z.strictObject({ type: z.literal('joined'), callId: IdSchema, version: CallVersionSchema, user: IdSchema });
/** A member left (or stopped ringing in) a call that goes on; a decliner's own words as `detail`. */
export const MemberLeftSchema = z.strictObject({
  type: z.literal('left'),
  callId: IdSchema,
  version: CallVersionSchema,
  user: IdSchema,
  reason: EndReasonSchema,
  detail: z.optional(DetailSchema),
});
/** The call ended for this device. */
export const EndedSchema = z.strictObject({
  type: z.literal('ended'),
  callId: IdSchema,
  version: CallVersionSchema,
  reason: EndReasonSchema,
  by: z.nullable(IdSchema),
  detail: z.optional(DetailSchema),
});
const heldBy = () => z.optional(z.array(IdSchema).check(z.maxLength(64)));
/** `by` put the call on hold; `heldBy`: everyone holding it now. */
export const HeldSchema = z.strictObject({ type: z.literal('held'), callId: IdSchema, version: CallVersionSchema, by: IdSchema, heldBy: heldBy() });
/** `by` took the call off hold; `heldBy`: everyone still holding it. */
export const ResumedSchema = z.strictObject({ type: z.literal('resumed'), callId: IdSchema, version: CallVersionSchema, by: IdSchema, heldBy: heldBy() });
/** The call changed (media, members). */
export const UpdatedSchema = z.strictObject({ type: z.literal('updated'), call: CallInfoSchema });
/** A custom message from another member. */
export const RelayedMessageSchema = z.strictObject({
  type: z.literal('message'),
  callId: IdSchema,
  from: IdSchema,
  kind: MessageKindSchema,
  data: PayloadSchema,
});
/** A watched user's presence. */
export const PresenceSchema = z.strictObject({
  type: z.literal('presence'),
  user: IdSchema,
  status: z.enum(['available', 'do-not-disturb', 'offline']),
});
/** This user's call history, newest first. */
export const HistorySchema = z.strictObject({
  type: z.literal('history'),
  replyTo: IdSchema,
  entries: z.array(HistoryEntrySchema).check(z.maxLength(100)),
});
/** A request succeeded. */
export const OkSchema = z.strictObject({ type: z.literal('ok'), replyTo: IdSchema });
/** Answer to `ping`. */
export const PongSchema = z.strictObject({ type: z.literal('pong'), replyTo: IdSchema, time: z.number() });
/** Answer to `precheck`: LiveKit credentials for a private test room. */
export const PrecheckGrantSchema = z.strictObject({ type: z.literal('precheck'), replyTo: IdSchema, livekit: LiveKitGrantSchema });
/** A request failed. */
export const ErrorMessageSchema = z.strictObject({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string().check(z.maxLength(1024)),
  replyTo: z.optional(IdSchema),
  callId: z.optional(IdSchema),
});

/** Every message the server may send. */
export const ServerMessageSchema = z.discriminatedUnion('type', [
  WelcomeSchema,
  InvitedSchema,
  AnsweredSchema,
  IncomingSchema,
  RingingSchema,
  AcceptedSchema,
  MemberJoinedSchema,
  MemberLeftSchema,
  EndedSchema,
  HeldSchema,
  ResumedSchema,
  UpdatedSchema,
  RelayedMessageSchema,
  PresenceSchema,
  HistorySchema,
  OkSchema,
  PongSchema,
  PrecheckGrantSchema,
  ErrorMessageSchema,
]);

/**
 * Parse a frame (JSON text or an already-decoded value) sent by the server.
 * Never throws.
 *
 * @example
 * ```ts
 * const result = parseServerMessage(event.data);
 * if (result.ok && result.message.type === 'incoming') ring(result.message.call);
 * ```
 */
export function parseServerMessage(input: unknown): ParseResult<ServerMessage> {
  return parseFrame(ServerMessageSchema, input);
}
