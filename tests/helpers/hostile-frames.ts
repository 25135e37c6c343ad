/**
 * Hostile client frames for protocol fuzzing (fast-check): every message type,
 * with fields dropped or given wrong types, unknown and `__proto__` /
 * `constructor` keys, strings up to past the frame limit, nesting thousands of
 * levels deep, truncated JSON and plain garbage.
 */
import fc from 'fast-check';
import { IdSchema, MAX_FRAME_BYTES, MAX_ID_LENGTH, PROTOCOL_VERSION } from '../../src/protocol/protocol.js';

const TYPES = ['hello', 'invite', 'ack', 'accept', 'reject', 'cancel', 'hangup', 'add', 'leave', 'media', 'message', 'presence', 'watch', 'history', 'ping'] as const;
const FIELDS = ['type', 'id', 'callId', 'to', 'media', 'extra', 'push', 'version', 'token', 'resume', 'kind', 'data', 'status', 'users', 'limit', 'reason'] as const;
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'admin', 'then'] as const;
const DEEP = '\u0001deep\u0001';
const HUGE = '\u0001huge\u0001';
const DEEP_JSON = JSON.stringify(DEEP);
const HUGE_JSON = JSON.stringify(HUGE);

/** Valid fields of each message type (callees never include the users whose state is watched). */
function template(type: string, callId: string, callee: string): Record<string, unknown> {
  switch (type) {
    case 'hello':
      return { version: PROTOCOL_VERSION };
    case 'invite':
      return { callId, to: [callee], media: 'audio', extra: { topic: 'x' } };
    case 'accept':
    case 'media':
      return { callId, media: 'video' };
    case 'hangup':
      return { callId, reason: 'media-failed' };
    case 'add':
      return { callId, to: [callee] };
    case 'message':
      return { callId, kind: 'k', data: { a: [1, 2] } };
    case 'presence':
      return { status: 'do-not-disturb' };
    case 'watch':
      return { users: [callee] };
    case 'history':
      return { limit: 5 };
    case 'ping':
      return {};
    default:
      return { callId };
  }
}

const idLike = fc.oneof(
  fc.constantFrom('c1', 'r1', '', ' ', 'a b', 'a\u0000b', 'x'.repeat(MAX_ID_LENGTH + 1), '\u{1F600}'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.constant(null),
);

const value = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: idLike },
  { weight: 1, arbitrary: fc.constant(DEEP) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [[]], { __proto__: null }, true, -1, Number.MAX_VALUE, 'video', 'audio', ['bob']) },
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom(...FIELDS) }),
  fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...FIELDS, ...HOSTILE_KEYS), value }),
  fc.record({ kind: fc.constant('nest' as const), field: fc.constantFrom('extra', 'data', 'to', 'users', 'zzz'), value }),
);

const shape = fc.record({
  type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.constantFrom('teleport', '', 'HELLO') }),
  callId: fc.constantFrom('c1', 'c2', 'fz'),
  callee: fc.constantFrom('nobody', 'zed', 'mallory2'),
  mutations: fc.array(mutation, { maxLength: 3 }),
  deep: fc.record({ depth: fc.oneof(fc.integer({ min: 30, max: 45 }), fc.integer({ min: 46, max: 6_000 })), object: fc.boolean() }),
  huge: fc.constantFrom(2_000, 20_000, MAX_FRAME_BYTES + 10),
  raw: fc.oneof(
    { weight: 12, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('truncate', 'array', 'garbage', 'scalar') },
  ),
  cut: fc.nat(),
  garbage: fc.string({ maxLength: 40 }),
});

const built = new Map<string, string>();

/** Built once per shape: the fuzz run makes many of them. */
function memo(key: string, build: () => string): string {
  let text = built.get(key);
  if (text === undefined) built.set(key, (text = build()));
  return text;
}

function nested(depth: number, object: boolean): string {
  return memo(`${depth}${object}`, () => (object ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`));
}

function huge(length: number): string {
  return memo(`huge${length}`, () => JSON.stringify('x'.repeat(length)));
}

/** One hostile frame, and the request id it carries when that id is readable (then it must be answered once). */
export interface HostileFrame {
  text: string;
  id?: string;
}

let counter = 0;

/**
 * An arbitrary of hostile frames; most carry a fresh, readable request id.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(hostileFrame(), (frame) => check(frame)), { numRuns: 10_000 });
 * ```
 */
export function hostileFrame(): fc.Arbitrary<HostileFrame> {
  return shape.map((s) => {
    counter += 1;
    const message: Record<string, unknown> = { type: s.type, id: `f${counter}`, ...template(s.type, s.callId, s.callee) };
    for (const change of s.mutations) {
      if (change.kind === 'drop') delete message[change.field];
      else if (change.kind === 'set') Object.defineProperty(message, change.field, { value: change.value, enumerable: true, configurable: true, writable: true });
      else message[change.field] = { inner: change.value };
    }
    let text = JSON.stringify(message);
    if (text.includes(DEEP_JSON)) text = text.replaceAll(DEEP_JSON, nested(s.deep.depth, s.deep.object));
    if (text.includes(HUGE_JSON)) text = text.replaceAll(HUGE_JSON, huge(s.huge));
    if (s.raw === 'truncate') text = text.slice(0, s.cut % Math.max(1, text.length));
    else if (s.raw === 'array') text = `[${text}]`;
    else if (s.raw === 'garbage') text = s.garbage;
    else if (s.raw === 'scalar') text = JSON.stringify(s.garbage);
    return { text, ...readableId(text) };
  });
}

/** The id a server can read from a frame: a JSON object (not an array) within the size limit with a valid `id`. */
export function readableId(text: string): { id?: string } {
  if (text.length > MAX_FRAME_BYTES) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const id = (value as { id?: unknown }).id;
    return IdSchema.safeParse(id).success ? { id: id as string } : {};
  } catch {
    return {};
  }
}
