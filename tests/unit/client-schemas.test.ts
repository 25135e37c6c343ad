import { describe, expect, it } from 'vitest';
import type { $ZodType } from 'zod/v4/core';
import * as client from '../../src/protocol/client-schemas.js';
import * as server from '../../src/protocol/protocol.js';

interface Def {
  type: string;
  [key: string]: unknown;
}

const CHECK_FIELDS = ['check', 'value', 'inclusive', 'minimum', 'maximum', 'format', 'fn'] as const;

/** A schema as plain data: its type, parts and checks (refinements by function identity and message). */
function outline(schema: $ZodType, seen = new Set<$ZodType>()): unknown {
  if (seen.has(schema)) return 'cycle';
  const inner = new Set(seen).add(schema);
  const def = schema._zod.def as unknown as Def;
  const part = (value: unknown) => outline(value as $ZodType, inner);
  const checks = ((def.checks ?? []) as { _zod: { def: Record<string, unknown> } }[]).map(({ _zod }) => {
    const fields = Object.fromEntries(CHECK_FIELDS.filter((key) => key in _zod.def).map((key) => [key, _zod.def[key]]));
    const error = _zod.def.error;
    return { ...fields, message: typeof error === 'function' ? (error as (issue: object) => unknown)({}) : undefined };
  });
  const parts: Record<string, unknown> = {};
  if (def.shape) parts.shape = Object.fromEntries(Object.entries(def.shape as Record<string, $ZodType>).map(([key, value]) => [key, part(value)]));
  if (def.catchall) parts.catchall = part(def.catchall);
  for (const key of ['element', 'innerType', 'keyType', 'valueType'] as const) if (def[key]) parts[key] = part(def[key]);
  if (def.options) parts.options = (def.options as $ZodType[]).map(part);
  if (def.getter) parts.lazy = part((def.getter as () => $ZodType)());
  for (const key of ['entries', 'values', 'discriminator'] as const) if (def[key] !== undefined) parts[key] = def[key];
  return { type: def.type, checks, ...parts };
}

describe('the client schemas (zod/mini) describe what the server schemas (zod) describe', () => {
  const pairs: [string, $ZodType, $ZodType][] = [
    ['every server message', client.ServerMessageSchema, server.ServerMessageSchema],
    ['an id', client.IdSchema, server.IdSchema],
    ['media', client.MediaSchema, server.MediaSchema],
    ['presence', client.PresenceStatusSchema, server.PresenceStatusSchema],
    ['a payload', client.PayloadSchema, server.PayloadSchema],
    ['extra', client.ExtraSchema, server.ExtraSchema],
    ['push text', client.PushSchema, server.PushSchema],
    ['the callees of invite', client.CalleesSchema, server.InviteSchema.shape.to],
    ['the callees of add', client.CalleesSchema, server.AddSchema.shape.to],
    ['a message kind', client.MessageKindSchema, server.CustomMessageSchema.shape.kind],
    ['watched users', client.WatchedUsersSchema, server.WatchSchema.shape.users],
    ['a history limit', client.HistoryLimitSchema, server.HistoryRequestSchema.shape.limit.unwrap()],
    ['a LiveKit grant', client.LiveKitGrantSchema, server.LiveKitGrantSchema],
    ['the active call choice of accept', client.ActiveCallChoiceSchema, server.AcceptSchema.shape.active.unwrap()],
    ['a decline reason', client.DetailSchema, server.RejectSchema.shape.reason.unwrap()],
    ['a rating score', client.ScoreSchema, server.RateSchema.shape.score],
    ['rating issues', client.CallIssuesSchema, server.RateSchema.shape.issues.unwrap()],
    ['a rating comment', client.CommentSchema, server.RateSchema.shape.comment.unwrap()],
    ['a stored rating', client.CallRatingSchema, server.CallRatingSchema],
  ];
  it.each(pairs)('%s', (_, mini, classic) => {
    expect(outline(mini)).toEqual(outline(classic));
  });

  it('tells a difference apart (a limit, a refinement, a field)', () => {
    expect(outline(client.MessageKindSchema)).not.toEqual(outline(server.IdSchema));
    expect(outline(client.CalleesSchema)).not.toEqual(outline(server.WatchSchema.shape.users));
    expect(outline(client.PayloadSchema)).not.toEqual(outline(server.ExtraSchema));
    expect(outline(client.RingingSchema)).not.toEqual(outline(server.MemberJoinedSchema));
  });

  it('the client parser reads what the server sends and refuses the same frames', () => {
    const frames: unknown[] = [
      { type: 'ringing', callId: 'c1', version: 3, by: 'bob' },
      { type: 'ringing', callId: 'c1', version: 3, by: 'bob', extra: 1 },
      { type: 'ringing', callId: 'c1', by: 'bob' },
      { type: 'ringing', callId: 'c1', version: -1, by: 'bob' },
      { type: 'ended', callId: 'c1', version: 4, reason: 'busy', by: null },
      { type: 'ended', callId: 'c1', version: 4, reason: 'declined', by: 'bob', detail: "In a meeting, I'll call back" },
      { type: 'ended', callId: 'c1', version: 4, reason: 'declined', by: 'bob', detail: 'two\nlines' },
      { type: 'ended', callId: 'c1', version: 4, reason: 'declined', by: 'bob', detail: 'x'.repeat(129) },
      { type: 'ended', callId: 'c 1', version: 4, reason: 'busy', by: null },
      { type: 'ended', callId: 'c1', version: 4.5, reason: 'busy', by: null },
      { type: 'pong', replyTo: 'p1', time: 3 },
      { type: 'held', callId: 'c1', version: 5, by: 'alice', heldBy: ['alice'] },
      { type: 'resumed', callId: 'c1', version: 6, by: 'alice', heldBy: [' '] },
      { type: 'resumed', callId: 'c1', version: 6, by: 'alice', extra: true },
      { type: 'welcome', replyTo: 'h', version: 1.5, user: 'a', device: 'd', session: 's', resumed: false, presence: 'available', graceMs: 0, calls: [] },
      '{"type":"ok","replyTo":"x"}',
      '{"type":"ok"',
    ];
    expect(frames.filter((frame) => client.parseServerMessage(frame).ok)).toHaveLength(6);
    for (const frame of frames) {
      const mini = client.parseServerMessage(frame);
      const classic = server.parseServerMessage(frame);
      expect(mini.ok).toBe(classic.ok);
      if (mini.ok && classic.ok) expect(mini.message).toEqual(classic.message);
      if (!mini.ok && !classic.ok) expect(mini.error.code).toBe(classic.error.code);
    }
  });
});
