/**
 * How the Redis store writes records: `<version>|<json>`, and the schemas
 * every record read back from Redis is checked against.
 *
 * @packageDocumentation
 */
import * as z from 'zod';
import {
  EndReasonSchema,
  ExtraSchema,
  HistoryEntrySchema,
  MediaSchema,
  MemberStateSchema,
  PushSchema,
  type HistoryEntry,
} from '../../protocol/protocol.js';
import type { CallRecord } from '../call-record.js';
import type { DeviceRecord } from './store.js';

/**
 * Data read from Redis that is not what the store wrote.
 *
 * @example
 * ```ts
 * try { await store.getCall('c1'); } catch (error) { if (error instanceof RedisStoreError) console.error(error.key); }
 * ```
 */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  /** The key that held the bad data. */
  readonly key: string;
  constructor(key: string, message: string) {
    super(`${key}: ${message}`);
    this.key = key;
  }
}

const MemberRecordSchema = z.object({
  user: z.string(),
  state: MemberStateSchema,
  media: MediaSchema,
  device: z.string().optional(),
  ringUntil: z.number().optional(),
  pushed: z.boolean().optional(),
  joinedAt: z.number().optional(),
  reason: EndReasonSchema.optional(),
  detail: z.string().optional(),
});

/** The stored shape of a call (see `CallRecord`). */
export const CallRecordSchema: z.ZodType<CallRecord> = z.object({
  callId: z.string(),
  /** Overwritten by the key's version prefix on read (records written before it was stored lack it). */
  version: z.number().int().nonnegative().default(0),
  room: z.string(),
  from: z.string(),
  media: MediaSchema,
  extra: ExtraSchema.optional(),
  push: PushSchema.optional(),
  status: z.enum(['ringing', 'active', 'ended']),
  createdAt: z.number(),
  answeredAt: z.number().optional(),
  endedAt: z.number().optional(),
  reason: EndReasonSchema.optional(),
  endedBy: z.string().nullable().optional(),
  detail: z.string().optional(),
  heldBy: z.array(z.string()).optional(),
  members: z.array(MemberRecordSchema),
});

/** The stored shape of a device (see `DeviceRecord`). */
export const DeviceRecordSchema: z.ZodType<DeviceRecord> = z.object({
  session: z.string(),
  device: z.string(),
  user: z.string(),
  connection: z.string(),
  connected: z.boolean(),
  graceUntil: z.number().optional(),
  node: z.string().optional(),
  hidden: z.boolean().optional(),
});

/** A record read back with the version it was written at. */
export interface Versioned<T> {
  version: number;
  value: T;
}

/**
 * Encode a record at a version.
 *
 * @example
 * ```ts
 * encodeVersioned(3, call); // '3|{"callId":"c1",...}'
 * ```
 */
export function encodeVersioned(version: number, value: unknown): string {
  return `${version}|${JSON.stringify(value)}`;
}

/**
 * Decode and check a versioned record.
 *
 * @throws RedisStoreError when the text is not a record of `schema`.
 * @example
 * ```ts
 * const { version, value } = decodeVersioned(key, text, CallRecordSchema);
 * ```
 */
export function decodeVersioned<T>(key: string, text: string, schema: z.ZodType<T>): Versioned<T> {
  const bar = text.indexOf('|');
  const version = Number(text.slice(0, bar));
  if (bar < 1 || !Number.isSafeInteger(version)) throw new RedisStoreError(key, 'not a versioned record');
  return { version, value: parseJson(key, text.slice(bar + 1), schema) };
}

/**
 * Parse and check JSON read from Redis.
 *
 * @throws RedisStoreError when it is not JSON or not of `schema`.
 * @example
 * ```ts
 * const entry = parseJson(key, text, HistoryEntrySchema);
 * ```
 */
export function parseJson<T>(key: string, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RedisStoreError(key, 'not JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new RedisStoreError(key, `unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/**
 * Parse one stored history entry.
 *
 * @example
 * ```ts
 * const entries = texts.map((text) => parseHistoryEntry(key, text));
 * ```
 */
export function parseHistoryEntry(key: string, text: string): HistoryEntry {
  return parseJson(key, text, HistoryEntrySchema);
}
