/**
 * Frame parsing with a zod or zod/mini schema, shared by both sides' parsers.
 *
 * @packageDocumentation
 */
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import { MAX_FRAME_DEPTH, nestedDeeperThan } from './depth.js';
import { MAX_FRAME_BYTES, MAX_ID_LENGTH, noSpaceOrControl, type ParseResult, type ProtocolError } from './wire.js';

function readRequestId(value: unknown): string | undefined {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const id = (value as { id?: unknown }).id;
    return typeof id === 'string' && id.length >= 1 && id.length <= MAX_ID_LENGTH && noSpaceOrControl.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

function describe(issues: readonly $ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'message'}: ${issue.message}`)
    .join('; ');
}

function decode(input: unknown): { value: unknown } | { error: ProtocolError } {
  if (typeof input !== 'string') return { value: input };
  if (input.length > MAX_FRAME_BYTES) return { error: { code: 'too-large', message: `frame exceeds ${MAX_FRAME_BYTES} bytes` } };
  try {
    return { value: JSON.parse(input) };
  } catch {
    return { error: { code: 'bad-json', message: 'frame is not valid JSON' } };
  }
}

/**
 * @internal Parse a frame (JSON text or an already-decoded value) with a zod or zod/mini schema. Never throws.
 *
 * @example
 * ```ts
 * const result = parseFrame(ServerMessageSchema, event.data);
 * ```
 */
export function parseFrame<T>(schema: $ZodType<T>, input: unknown): ParseResult<T> {
  const decoded = decode(input);
  if ('error' in decoded) return { ok: false, error: decoded.error };
  const { value } = decoded;
  const refuse = (message: string): ParseResult<T> => ({
    ok: false,
    // Issues quote the sender's keys, which may be long: keep the answer within an error message's limit.
    error: { code: 'bad-message', message: message.length > 512 ? `${message.slice(0, 511)}…` : message, replyTo: readRequestId(value) },
  });
  try {
    // JSON.parse is not recursive in V8; what follows it (zod, JSON.stringify) is, so depth is checked first.
    if (nestedDeeperThan(value, MAX_FRAME_DEPTH)) return refuse(`frame nests objects and arrays deeper than ${MAX_FRAME_DEPTH} levels`);
    const result = safeParse(schema, value);
    return result.success ? { ok: true, message: result.data } : refuse(describe(result.error.issues));
  } catch (error) {
    return refuse(`unreadable message: ${String(error)}`);
  }
}
