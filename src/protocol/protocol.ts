/**
 * The ringkit wire protocol: every message between a ring client and the
 * signaling server, as zod schemas with inferred types.
 *
 * Parsing never throws: {@link parseClientMessage} and
 * {@link parseServerMessage} return either the message or a typed
 * {@link ProtocolError}.
 *
 * @packageDocumentation
 */
import * as z from 'zod';
import { PushSubscriptionSchema } from './push.js';
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

export { MAX_FRAME_DEPTH, MAX_PAYLOAD_DEPTH } from './depth.js';

export {
  PROTOCOL_VERSION,
  MAX_ID_LENGTH,
  MAX_PAYLOAD_BYTES,
  MAX_TOKEN_LENGTH,
  MAX_CALLEES,
  MAX_FRAME_BYTES,
  MAX_DETAIL_LENGTH,
  MAX_COMMENT_LENGTH,
  END_REASONS,
  ERROR_CODES,
  REJECT_REASONS,
  CALL_ISSUES,
  type CallIssue,
  type EndReason,
  type ProtocolError,
  type ParseResult,
} from './wire.js';

/** Schema of {@link EndReason}. */
export const EndReasonSchema = z.enum(END_REASONS);

/** Schema of an id: 1 to 128 printable characters. */
export const IdSchema = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .refine(noSpaceOrControl.test, noSpaceOrControl.message);

/** The media of a call or of an answer. */
export const MediaSchema = z.enum(['audio', 'video']);
/** `'audio'` or `'video'`. */
export type Media = z.infer<typeof MediaSchema>;

/** A user's presence. */
export const PresenceStatusSchema = z.enum(['available', 'do-not-disturb']);
/** `'available'` or `'do-not-disturb'`. */
export type PresenceStatus = z.infer<typeof PresenceStatusSchema>;

/** Schema of an app payload (`extra`, custom messages): JSON of at most 4 KiB, nested at most 32 levels. */
export const PayloadSchema = z
  .json()
  .refine(shallowEnough, PAYLOAD_CHECK_MESSAGES.depth)
  .refine(smallEnough, PAYLOAD_CHECK_MESSAGES.payloadBytes);

/** Schema of `extra`: a JSON object of at most 4 KiB, nested at most 32 levels, attached to an invite. */
export const ExtraSchema = z
  .record(z.string(), z.json())
  .refine(shallowEnough, PAYLOAD_CHECK_MESSAGES.depth)
  .refine(smallEnough, PAYLOAD_CHECK_MESSAGES.extraBytes);
/** App data attached to an invite and shown to the callee. */
export type Extra = z.infer<typeof ExtraSchema>;

/** Schema of a push notification's text for an offline callee. */
export const PushSchema = z.strictObject({
  title: z.string().max(256),
  body: z.string().max(1024),
});
/** A push notification's title and body. */
export type Push = z.infer<typeof PushSchema>;

/**
 * Schema of a decline's custom reason, as `ended` and history entries carry it
 * (`detail`): 1 to 128 characters, one line.
 */
export const DetailSchema = z.string().min(1).max(MAX_DETAIL_LENGTH).refine(noControl.test, noControl.message);

/** Schema of a rating's score: a whole number from 1 (bad) to 5 (excellent). */
export const ScoreSchema = z.number().int().min(1).max(5);
/** Schema of a rating's issues: each of {@link CALL_ISSUES} at most once. */
export const CallIssuesSchema = z.array(z.enum(CALL_ISSUES)).max(CALL_ISSUES.length).refine(distinctItems.test, distinctItems.message);
/** Schema of a rating's comment: up to 1000 characters. */
export const CommentSchema = z.string().max(MAX_COMMENT_LENGTH);

/** Schema of a member's rating of a call, as stored in their history entry. */
export const CallRatingSchema = z.strictObject({
  score: ScoreSchema,
  issues: CallIssuesSchema.optional(),
  comment: CommentSchema.optional(),
  /** When the server stored it (epoch ms). */
  ratedAt: z.number(),
});
/** A member's rating of a call: a 1 to 5 score, what went wrong, a comment. */
export type CallRating = z.infer<typeof CallRatingSchema>;

const Callees = z.array(IdSchema).min(1).max(MAX_CALLEES);
const request = { id: IdSchema };
const onCall = { id: IdSchema, callId: IdSchema };

// ---------------------------------------------------------------- client -> server

/** First message on a connection: protocol version, credentials, and an optional session to resume. */
export const HelloSchema = z.strictObject({
  type: z.literal('hello'),
  ...request,
  version: z.number().int().positive(),
  /** Any length reaches authentication, which refuses one over {@link MAX_TOKEN_LENGTH} as `unauthorized`. */
  token: z.string().optional(),
  resume: IdSchema.optional(),
});
/** Start a call to one or several callees. */
export const InviteSchema = z.strictObject({
  type: z.literal('invite'),
  ...onCall,
  to: Callees,
  media: MediaSchema,
  extra: ExtraSchema.optional(),
  push: PushSchema.optional(),
});
/** A callee device acknowledges an `incoming`: it rings now. */
export const AckSchema = z.strictObject({ type: z.literal('ack'), ...onCall });
/**
 * What accepting a call does to the user's active call (call waiting):
 * `end` hangs it up, `hold` puts it on hold.
 */
export const ActiveCallChoiceSchema = z.enum(['end', 'hold']);
/** `'end'` or `'hold'`: what accepting a waiting call does to the active one. */
export type ActiveCallChoice = z.infer<typeof ActiveCallChoiceSchema>;

/**
 * Answer a ringing call, with the media to answer with (`audio` answers a video call audio-only).
 * `active` says what happens to this user's active call; without it, accepting while in an
 * active call is refused with `already-in-call`.
 */
export const AcceptSchema = z.strictObject({
  type: z.literal('accept'),
  ...onCall,
  media: MediaSchema,
  active: ActiveCallChoiceSchema.optional(),
});
/**
 * Decline a ringing call (stops every device of this callee). `reason`: `busy`
 * (the caller's call ends `busy`), `declined` (the default), or a custom text
 * the call ends `declined` with, as `detail`.
 */
export const RejectSchema = z.strictObject({ type: z.literal('reject'), ...onCall, reason: DetailSchema.optional() });
/** The caller withdraws a call that nobody has answered yet. */
export const CancelSchema = z.strictObject({ type: z.literal('cancel'), ...onCall });
/**
 * End the call for everyone. `reason` is set when this device had to end it
 * because its media failed or its connection was lost (default: `completed`).
 */
export const HangupSchema = z.strictObject({
  type: z.literal('hangup'),
  ...onCall,
  reason: z.enum(['media-failed', 'connection-lost']).optional(),
});
/** Invite more people into a call (a group call). */
export const AddSchema = z.strictObject({ type: z.literal('add'), ...onCall, to: Callees });
/** Leave a call; a group call goes on while two or more members remain. */
export const LeaveSchema = z.strictObject({ type: z.literal('leave'), ...onCall });
/** Put a call this user is in on hold (their media pauses; the call goes on). */
export const HoldSchema = z.strictObject({ type: z.literal('hold'), ...onCall });
/** Take a held call off hold; the user's other active call, if any, goes on hold (swap). */
export const ResumeSchema = z.strictObject({ type: z.literal('resume'), ...onCall });
/** Switch this member's media between audio and video. */
export const MediaUpdateSchema = z.strictObject({ type: z.literal('media'), ...onCall, media: MediaSchema });
/** An app-defined message relayed to the other members of a call. */
export const CustomMessageSchema = z.strictObject({
  type: z.literal('message'),
  ...onCall,
  kind: z.string().min(1).max(MAX_ID_LENGTH),
  data: PayloadSchema,
});
/** Set this user's presence. */
export const SetPresenceSchema = z.strictObject({ type: z.literal('presence'), ...request, status: PresenceStatusSchema });
/** Follow other users' presence (a contact list); replaces the previous list. */
export const WatchSchema = z.strictObject({ type: z.literal('watch'), ...request, users: z.array(IdSchema).max(500) });
/** Ask for this user's call history. */
export const HistoryRequestSchema = z.strictObject({
  type: z.literal('history'),
  ...request,
  limit: z.number().int().min(1).max(100).optional(),
});
/** Rate a call this user took part in and that has ended (it is in their history): a 1 to 5 score, issues, a comment. */
export const RateSchema = z.strictObject({
  type: z.literal('rate'),
  ...onCall,
  score: ScoreSchema,
  issues: CallIssuesSchema.optional(),
  comment: CommentSchema.optional(),
});
/** Keep-alive and latency probe. */
export const PingSchema = z.strictObject({ type: z.literal('ping'), ...request });
/** Store this browser's Web Push subscription, so calls reach the user when no page of the app is visible. */
export const PushSubscribeSchema = z.strictObject({ type: z.literal('push-subscribe'), ...request, subscription: PushSubscriptionSchema });
/** Forget a Web Push subscription of this user: the one at `endpoint`, or the ones this device stored. */
export const PushUnsubscribeSchema = z.strictObject({
  type: z.literal('push-unsubscribe'),
  ...request,
  endpoint: z.string().min(1).max(2048).optional(),
});
/** Whether this device's page is visible (`document.visibilityState`); a user with no visible device is also rung by push. */
export const VisibilitySchema = z.strictObject({ type: z.literal('visibility'), ...request, state: z.enum(['visible', 'hidden']) });
/** Ask for a short-lived LiveKit grant to a private, single-use test room (the pre-call check); answered with `precheck`. */
export const PrecheckRequestSchema = z.strictObject({ type: z.literal('precheck'), ...request });

/** Every message a client may send. */
export const ClientMessageSchema = z.discriminatedUnion('type', [
  HelloSchema,
  InviteSchema,
  AckSchema,
  AcceptSchema,
  RejectSchema,
  CancelSchema,
  HangupSchema,
  AddSchema,
  LeaveSchema,
  HoldSchema,
  ResumeSchema,
  MediaUpdateSchema,
  CustomMessageSchema,
  SetPresenceSchema,
  WatchSchema,
  HistoryRequestSchema,
  RateSchema,
  PingSchema,
  PushSubscribeSchema,
  PushUnsubscribeSchema,
  VisibilitySchema,
  PrecheckRequestSchema,
]);
/** A message from a client to the server. */
export type ClientMessage = z.infer<typeof ClientMessageSchema>;
/** The client message of a given `type`. */
export type ClientMessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

// ---------------------------------------------------------------- shared shapes

/** Where a member stands in a call. */
export const MemberStateSchema = z.enum(['calling', 'invited', 'ringing', 'joined', 'left', 'declined', 'missed']);
/** Where a member stands in a call. */
export type MemberState = z.infer<typeof MemberStateSchema>;

/** Schema of one member of a call; `detail`: a callee who declined with their own words (`reject` reason) has them here. */
export const MemberSchema = z.strictObject({
  user: IdSchema,
  state: MemberStateSchema,
  media: MediaSchema,
  detail: DetailSchema.optional(),
});
/** One member of a call. */
export type Member = z.infer<typeof MemberSchema>;

/**
 * Schema of a call record's version: it grows by one with every change the
 * server stores, so of two messages about a call the one with the higher
 * version is the newer. Messages from one decision share a version.
 */
export const CallVersionSchema = z.number().int().nonnegative();

/** Schema of the server's view of a call. */
export const CallInfoSchema = z.strictObject({
  callId: IdSchema,
  /** The call record's version (see {@link CallVersionSchema}). */
  version: CallVersionSchema,
  room: IdSchema,
  from: IdSchema,
  media: MediaSchema,
  members: z.array(MemberSchema).max(64),
  extra: ExtraSchema.optional(),
  status: z.enum(['ringing', 'active', 'ended']),
  createdAt: z.number(),
  answeredAt: z.number().optional(),
  /** The users holding this call (call waiting); absent or empty: not held. */
  heldBy: z.array(IdSchema).max(64).optional(),
});
/** The server's view of a call. */
export type CallInfo = z.infer<typeof CallInfoSchema>;

/** Schema of LiveKit credentials for one device in one call. */
export const LiveKitGrantSchema = z.strictObject({
  url: z.string().min(1).max(2048),
  token: z.string().min(1).max(8192),
  room: IdSchema,
  identity: z.string().min(1).max(2 * MAX_ID_LENGTH + 1),
});
/** LiveKit credentials for one device in one call. */
export type LiveKitGrant = z.infer<typeof LiveKitGrantSchema>;

/** Schema of one call-history entry. */
export const HistoryEntrySchema = z.strictObject({
  callId: IdSchema,
  direction: z.enum(['outgoing', 'incoming']),
  peers: z.array(IdSchema),
  media: MediaSchema,
  missed: z.boolean(),
  reason: EndReasonSchema,
  /** A custom decline reason (see {@link DetailSchema}). */
  detail: DetailSchema.optional(),
  startedAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number(),
  durationMs: z.number().nonnegative(),
  /** This user's rating of the call, once they rated it. */
  rating: CallRatingSchema.optional(),
});
/** One call in a user's history. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Schema of an error code. */
export const ErrorCodeSchema = z.enum(ERROR_CODES);
/** An error code the server answers with. */
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

// ---------------------------------------------------------------- server -> client

/** Authenticated: who this is, the session to resume with, and the calls this user is in. */
export const WelcomeSchema = z.strictObject({
  type: z.literal('welcome'),
  replyTo: IdSchema,
  version: z.number().int().positive(),
  user: IdSchema,
  device: IdSchema,
  session: IdSchema,
  resumed: z.boolean(),
  presence: PresenceStatusSchema,
  graceMs: z.number().int().nonnegative(),
  calls: z.array(CallInfoSchema).max(64),
  /** The server's VAPID public key (base64url) when it rings by Web Push. */
  vapidPublicKey: z.string().min(1).max(256).optional(),
});
/** The caller's invite was taken: the call as stored, and LiveKit credentials to join while it rings. */
export const InvitedSchema = z.strictObject({
  type: z.literal('invited'),
  replyTo: IdSchema,
  call: CallInfoSchema,
  livekit: LiveKitGrantSchema.optional(),
});
/**
 * A call rings on this device; `livekitUrl` lets the device warm up its media connection while it rings.
 * `waiting` is set when this user is in an active call (call waiting).
 */
export const IncomingSchema = z.strictObject({
  type: z.literal('incoming'),
  call: CallInfoSchema,
  livekitUrl: z.string().min(1).max(2048).optional(),
  waiting: z.literal(true).optional(),
});
/** A device of `by` rings (sent to the caller and other members). */
export const RingingSchema = z.strictObject({ type: z.literal('ringing'), callId: IdSchema, version: CallVersionSchema, by: IdSchema });
/** The winning device's accept was taken: the call as stored, and this device's LiveKit credentials. */
export const AnsweredSchema = z.strictObject({
  type: z.literal('answered'),
  replyTo: IdSchema,
  call: CallInfoSchema,
  livekit: LiveKitGrantSchema.optional(),
});
/** `by` accepted (sent to the other members; the winning device gets `answered` instead). */
export const AcceptedSchema = z.strictObject({
  type: z.literal('accepted'),
  callId: IdSchema,
  version: CallVersionSchema,
  by: IdSchema,
  media: MediaSchema,
});
/** A member joined the call. */
export const MemberJoinedSchema = z.strictObject({ type: z.literal('joined'), callId: IdSchema, version: CallVersionSchema, user: IdSchema });
/** A member left (or stopped ringing in) a call that goes on; a decliner's own words (`reject` reason) as `detail`. */
export const MemberLeftSchema = z.strictObject({
  type: z.literal('left'),
  callId: IdSchema,
  version: CallVersionSchema,
  user: IdSchema,
  reason: EndReasonSchema,
  detail: DetailSchema.optional(),
});
/** The call ended for this device, with one reason and who ended it (null: the server), and a decline's custom reason as `detail`. */
export const EndedSchema = z.strictObject({
  type: z.literal('ended'),
  callId: IdSchema,
  version: CallVersionSchema,
  reason: EndReasonSchema,
  by: IdSchema.nullable(),
  detail: DetailSchema.optional(),
});
/**
 * The users holding a call after a `held` or `resumed`: the whole list, so the
 * newest message tells a device everything (a device may miss an older one).
 */
const HeldByField = { heldBy: z.array(IdSchema).max(64).optional() };
/** `by` put the call on hold (to every device of every joined member); `heldBy`: everyone holding it now. */
export const HeldSchema = z.strictObject({ type: z.literal('held'), callId: IdSchema, version: CallVersionSchema, by: IdSchema, ...HeldByField });
/** `by` took the call off hold (to every device of every joined member); `heldBy`: everyone still holding it. */
export const ResumedSchema = z.strictObject({ type: z.literal('resumed'), callId: IdSchema, version: CallVersionSchema, by: IdSchema, ...HeldByField });
/** The call changed (media, members). */
export const UpdatedSchema = z.strictObject({ type: z.literal('updated'), call: CallInfoSchema });
/** A custom message from another member. */
export const RelayedMessageSchema = z.strictObject({
  type: z.literal('message'),
  callId: IdSchema,
  from: IdSchema,
  kind: z.string().min(1).max(MAX_ID_LENGTH),
  data: PayloadSchema,
});
/** A watched user's presence (`offline` when no device is connected). */
export const PresenceSchema = z.strictObject({
  type: z.literal('presence'),
  user: IdSchema,
  status: z.enum(['available', 'do-not-disturb', 'offline']),
});
/** This user's call history, newest first. */
export const HistorySchema = z.strictObject({
  type: z.literal('history'),
  replyTo: IdSchema,
  entries: z.array(HistoryEntrySchema).max(100),
});
/** A request succeeded and has nothing else to say. */
export const OkSchema = z.strictObject({ type: z.literal('ok'), replyTo: IdSchema });
/** Answer to `ping`. */
export const PongSchema = z.strictObject({ type: z.literal('pong'), replyTo: IdSchema, time: z.number() });
/** Answer to `precheck`: LiveKit credentials for a private test room only this device joins, valid for a minute. */
export const PrecheckGrantSchema = z.strictObject({ type: z.literal('precheck'), replyTo: IdSchema, livekit: LiveKitGrantSchema });
/** A request failed: code, words, the request it answers, and the call when there is one. */
export const ErrorMessageSchema = z.strictObject({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string().max(1024),
  replyTo: IdSchema.optional(),
  callId: IdSchema.optional(),
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
/** A message from the server to a client. */
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
/** The server message of a given `type`. */
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

// ---------------------------------------------------------------- parsing

/**
 * Parse a frame (JSON text or an already-decoded value) sent by a client.
 * Never throws.
 *
 * @example
 * ```ts
 * const result = parseClientMessage(frame);
 * if (!result.ok) return socket.send(JSON.stringify({ type: 'error', ...result.error }));
 * handle(result.message);
 * ```
 */
export function parseClientMessage(input: unknown): ParseResult<ClientMessage> {
  return parseFrame(ClientMessageSchema, input);
}

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
