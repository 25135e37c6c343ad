import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  END_REASONS,
  MAX_ID_LENGTH,
  MAX_PAYLOAD_BYTES,
  PROTOCOL_VERSION,
  parseClientMessage,
  parseServerMessage,
  type CallInfo,
  type ClientMessage,
  type ServerMessage,
} from '../../src/protocol/protocol.js';

const call: CallInfo = {
  callId: 'c1',
  version: 2,
  room: 'c1',
  from: 'alice',
  media: 'video',
  members: [
    { user: 'alice', state: 'joined', media: 'video' },
    { user: 'bob', state: 'ringing', media: 'video' },
  ],
  extra: { topic: 'lunch' },
  status: 'ringing',
  createdAt: 1_700_000_000_000,
};
/** A subscription as Chromium serialises it: a 65-byte P-256 key and a 16-byte auth secret. */
const subscription = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def',
  expirationTime: null,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
};
const grant = { url: 'ws://127.0.0.1:7880', token: 'jwt', room: 'c1', identity: 'alice#k3f9' };

/** One valid example of every client message. */
const validClient: Record<ClientMessage['type'], ClientMessage> = {
  hello: { type: 'hello', id: 'r1', version: PROTOCOL_VERSION, token: 'jwt', resume: 's1' },
  invite: {
    type: 'invite',
    id: 'r2',
    callId: 'c1',
    to: ['bob', 'carol'],
    media: 'video',
    extra: { topic: 'lunch', n: 1 },
    push: { title: 'Alice', body: 'is calling' },
  },
  ack: { type: 'ack', id: 'r3', callId: 'c1' },
  accept: { type: 'accept', id: 'r4', callId: 'c1', media: 'audio', active: 'hold' },
  reject: { type: 'reject', id: 'r5', callId: 'c1', reason: "In a meeting, I'll call you back" },
  cancel: { type: 'cancel', id: 'r6', callId: 'c1' },
  hangup: { type: 'hangup', id: 'r7', callId: 'c1' },
  add: { type: 'add', id: 'r8', callId: 'c1', to: ['dave'] },
  leave: { type: 'leave', id: 'r9', callId: 'c1' },
  hold: { type: 'hold', id: 'r19', callId: 'c1' },
  resume: { type: 'resume', id: 'r20', callId: 'c1' },
  media: { type: 'media', id: 'r10', callId: 'c1', media: 'video' },
  message: { type: 'message', id: 'r11', callId: 'c1', kind: 'emoji', data: { emoji: 'wave' } },
  presence: { type: 'presence', id: 'r12', status: 'do-not-disturb' },
  watch: { type: 'watch', id: 'r13', users: ['bob', 'carol'] },
  history: { type: 'history', id: 'r14', limit: 20 },
  rate: { type: 'rate', id: 'r19', callId: 'c0', score: 2, issues: ['echo', 'frozen-video'], comment: 'Bob could hear himself' },
  ping: { type: 'ping', id: 'r15' },
  'push-subscribe': { type: 'push-subscribe', id: 'r16', subscription },
  'push-unsubscribe': { type: 'push-unsubscribe', id: 'r17', endpoint: subscription.endpoint },
  visibility: { type: 'visibility', id: 'r18', state: 'hidden' },
  precheck: { type: 'precheck', id: 'r19' },
};

/** One valid example of every server message. */
const validServer: Record<ServerMessage['type'], ServerMessage> = {
  welcome: {
    type: 'welcome',
    replyTo: 'r1',
    version: PROTOCOL_VERSION,
    user: 'alice',
    device: 'alice#k3f9',
    session: 's1',
    resumed: false,
    presence: 'available',
    graceMs: 15_000,
    calls: [call],
    vapidPublicKey: `B${'A'.repeat(86)}`,
  },
  invited: { type: 'invited', replyTo: 'r2', call, livekit: grant },
  incoming: { type: 'incoming', call, waiting: true },
  ringing: { type: 'ringing', callId: 'c1', version: 3, by: 'bob' },
  answered: { type: 'answered', replyTo: 'r3', call: { ...call, status: 'active' }, livekit: { ...grant, identity: 'bob#x1' } },
  accepted: { type: 'accepted', callId: 'c1', version: 4, by: 'bob', media: 'audio' },
  joined: { type: 'joined', callId: 'c1', version: 5, user: 'carol' },
  left: { type: 'left', callId: 'c1', version: 6, user: 'carol', reason: 'completed' },
  ended: { type: 'ended', callId: 'c1', version: 7, reason: 'declined', by: 'bob', detail: 'In a meeting' },
  held: { type: 'held', callId: 'c1', version: 8, by: 'alice', heldBy: ['bob', 'alice'] },
  resumed: { type: 'resumed', callId: 'c1', version: 9, by: 'alice' },
  updated: { type: 'updated', call: { ...call, status: 'active', answeredAt: 1_700_000_001_000, heldBy: ['alice'] } },
  message: { type: 'message', callId: 'c1', from: 'bob', kind: 'emoji', data: ['wave', 1, null] },
  presence: { type: 'presence', user: 'bob', status: 'offline' },
  history: {
    type: 'history',
    replyTo: 'r14',
    entries: [
      {
        callId: 'c0',
        direction: 'incoming',
        peers: ['carol'],
        media: 'audio',
        missed: true,
        reason: 'no-answer',
        startedAt: 1,
        endedAt: 2,
        durationMs: 0,
      },
      {
        callId: 'c1',
        direction: 'outgoing',
        peers: ['bob'],
        media: 'video',
        missed: false,
        reason: 'completed',
        startedAt: 3,
        answeredAt: 4,
        endedAt: 9,
        durationMs: 5,
        rating: { score: 4, issues: ['noise'], comment: '', ratedAt: 10 },
      },
      {
        callId: 'c2',
        direction: 'outgoing',
        peers: ['dave'],
        media: 'audio',
        missed: false,
        reason: 'declined',
        detail: 'Driving',
        startedAt: 11,
        endedAt: 12,
        durationMs: 0,
      },
    ],
  },
  ok: { type: 'ok', replyTo: 'r12' },
  pong: { type: 'pong', replyTo: 'r15', time: 5 },
  precheck: { type: 'precheck', replyTo: 'r19', livekit: { ...grant, room: 'precheck-k3f9x2' } },
  error: { type: 'error', code: 'forbidden', message: 'not your call', replyTo: 'r7', callId: 'c1' },
};

/** Invalid variants of every client message, each with the reason it must fail. */
const invalidClient: Record<ClientMessage['type'], [string, unknown][]> = {
  hello: [
    ['version missing', { type: 'hello', id: 'r1' }],
    ['version not an integer', { type: 'hello', id: 'r1', version: 1.5 }],
  ],
  invite: [
    ['no callees', { ...validClient.invite, to: [] }],
    ['too many callees', { ...validClient.invite, to: Array.from({ length: 17 }, (_, i) => `u${i}`) }],
    ['bad media', { ...validClient.invite, media: 'screen' }],
    ['extra over 4 KiB', { ...validClient.invite, extra: { blob: 'x'.repeat(MAX_PAYLOAD_BYTES) } }],
    ['extra not an object', { ...validClient.invite, extra: 'hello' }],
    ['push without body', { ...validClient.invite, push: { title: 'x' } }],
  ],
  ack: [['callId missing', { type: 'ack', id: 'r3' }]],
  accept: [
    ['media missing', { type: 'accept', id: 'r4', callId: 'c1' }],
    ['unknown active choice', { ...validClient.accept, active: 'park' }],
  ],
  reject: [
    ['callId a number', { type: 'reject', id: 'r5', callId: 7 }],
    ['reason empty', { type: 'reject', id: 'r5', callId: 'c1', reason: '' }],
    ['reason over 128 characters', { type: 'reject', id: 'r5', callId: 'c1', reason: 'x'.repeat(129) }],
    ['reason with a line break', { type: 'reject', id: 'r5', callId: 'c1', reason: 'call\nme' }],
    ['reason not a string', { type: 'reject', id: 'r5', callId: 'c1', reason: 486 }],
  ],
  cancel: [['id missing', { type: 'cancel', callId: 'c1' }]],
  hangup: [['callId empty', { type: 'hangup', id: 'r7', callId: '' }]],
  add: [['to not an array', { type: 'add', id: 'r8', callId: 'c1', to: 'dave' }]],
  leave: [['unknown field', { type: 'leave', id: 'r9', callId: 'c1', force: true }]],
  hold: [['callId missing', { type: 'hold', id: 'r19' }]],
  resume: [['unknown field', { type: 'resume', id: 'r20', callId: 'c1', all: true }]],
  media: [['bad media', { type: 'media', id: 'r10', callId: 'c1', media: 'hd' }]],
  message: [
    ['data over 4 KiB', { ...validClient.message, data: 'x'.repeat(MAX_PAYLOAD_BYTES) }],
    ['kind missing', { type: 'message', id: 'r11', callId: 'c1', data: 1 }],
  ],
  presence: [['unknown status', { type: 'presence', id: 'r12', status: 'away' }]],
  watch: [['user id too long', { type: 'watch', id: 'r13', users: ['x'.repeat(MAX_ID_LENGTH + 1)] }]],
  history: [['limit over 100', { type: 'history', id: 'r14', limit: 101 }]],
  rate: [
    ['score 0', { ...validClient.rate, score: 0 }],
    ['score 6', { ...validClient.rate, score: 6 }],
    ['score not whole', { ...validClient.rate, score: 3.5 }],
    ['score missing', { type: 'rate', id: 'r19', callId: 'c0' }],
    ['unknown issue', { ...validClient.rate, issues: ['bad-vibes'] }],
    ['issue named twice', { ...validClient.rate, issues: ['echo', 'echo'] }],
    ['comment over 1000 characters', { ...validClient.rate, comment: 'x'.repeat(1001) }],
    ['callId missing', { type: 'rate', id: 'r19', score: 3 }],
  ],
  ping: [['id with whitespace', { type: 'ping', id: 'r 15' }]],
  'push-subscribe': [
    ['endpoint not a URL', { ...validClient['push-subscribe'], subscription: { ...subscription, endpoint: 'not a url' } }],
    ['endpoint not http(s)', { ...validClient['push-subscribe'], subscription: { ...subscription, endpoint: 'file:///etc/passwd' } }],
    ['p256dh too short', { ...validClient['push-subscribe'], subscription: { ...subscription, keys: { ...subscription.keys, p256dh: 'AAAA' } } }],
    ['auth not base64url', { ...validClient['push-subscribe'], subscription: { ...subscription, keys: { ...subscription.keys, auth: '!'.repeat(22) } } }],
    ['keys missing', { ...validClient['push-subscribe'], subscription: { endpoint: subscription.endpoint } }],
    ['subscription missing', { type: 'push-subscribe', id: 'r16' }],
  ],
  'push-unsubscribe': [['endpoint empty', { type: 'push-unsubscribe', id: 'r17', endpoint: '' }]],
  visibility: [['unknown state', { type: 'visibility', id: 'r18', state: 'prerender' }]],
  precheck: [['a room asked for', { type: 'precheck', id: 'r19', room: 'c1' }]],
};

/** Invalid variants of every server message. */
const invalidServer: Record<ServerMessage['type'], unknown> = {
  welcome: { ...validServer.welcome, graceMs: -1 },
  invited: { ...validServer.invited, call: { ...call, status: 'ringing-ish' } },
  answered: { ...validServer.answered, replyTo: undefined },
  incoming: { ...validServer.incoming, waiting: false },
  ringing: { type: 'ringing', callId: 'c1' },
  accepted: { ...validServer.accepted, livekit: { url: '', token: 't', room: 'c1', identity: 'b' } },
  joined: { type: 'joined', callId: 'c1', user: 42 },
  left: { type: 'left', callId: 'c1', user: 'carol', reason: 'hung-up' },
  ended: { ...validServer.ended, detail: 'x'.repeat(129) },
  held: { type: 'held', callId: 'c1', version: 8 },
  resumed: { type: 'resumed', callId: 'c1', version: -1, by: 'alice' },
  updated: { type: 'updated', call: { ...call, members: 'all' } },
  message: { type: 'message', callId: 'c1', from: 'bob', kind: '', data: 1 },
  presence: { type: 'presence', user: 'bob', status: 'away' },
  history: { type: 'history', replyTo: 'r14', entries: [{ callId: 'c0' }] },
  ok: { type: 'ok' },
  pong: { type: 'pong', replyTo: 'r15' },
  precheck: { type: 'precheck', replyTo: 'r19' },
  error: { type: 'error', code: 'teapot', message: 'no' },
};

describe('client messages', () => {
  it.each(Object.entries(validClient))('accepts a valid %s', (_type, message) => {
    expect(parseClientMessage(message)).toEqual({ ok: true, message });
    expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it.each(
    Object.entries(invalidClient).flatMap(([type, cases]) => cases.map(([why, value]) => [type, why, value] as const)),
  )('rejects %s: %s', (_type, _why, value) => {
    const result = parseClientMessage(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad-message');
  });

  it('reports the id of the request it refuses', () => {
    const result = parseClientMessage({ type: 'accept', id: 'r4', callId: 'c1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-message', replyTo: 'r4' } });
  });

  it('refuses an unknown type, bad JSON and oversize frames', () => {
    expect(parseClientMessage({ type: 'teleport', id: 'r1' })).toMatchObject({ ok: false, error: { code: 'bad-message' } });
    expect(parseClientMessage('{"type":')).toMatchObject({ ok: false, error: { code: 'bad-json' } });
    expect(parseClientMessage(`"${'x'.repeat(70_000)}"`)).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('accepts ids up to the limit and refuses longer ones', () => {
    const longest = 'c'.repeat(MAX_ID_LENGTH);
    expect(parseClientMessage({ type: 'ack', id: 'r', callId: longest }).ok).toBe(true);
    expect(parseClientMessage({ type: 'ack', id: 'r', callId: `${longest}c` }).ok).toBe(false);
  });
});

describe('server messages', () => {
  it.each(Object.entries(validServer))('accepts a valid %s', (_type, message) => {
    expect(parseServerMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it.each(Object.entries(invalidServer))('rejects an invalid %s', (_type, value) => {
    expect(parseServerMessage(value).ok).toBe(false);
  });

  it('carries every end reason in ended', () => {
    for (const reason of END_REASONS) {
      expect(parseServerMessage({ type: 'ended', callId: 'c1', version: 3, reason, by: null }).ok).toBe(true);
    }
  });
});

describe('parsing never throws', () => {
  const parsers = [parseClientMessage, parseServerMessage];

  it('on thousands of random JSON values and strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json(), fc.anything()), (input) => {
        for (const parse of parsers) {
          const result = parse(input);
          expect(typeof result.ok).toBe('boolean');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects random objects that carry a real type but none of its fields', () => {
    const types = [...Object.keys(validClient), ...Object.keys(validServer)];
    const fieldNames = new Set([...Object.values(validClient), ...Object.values(validServer)].flatMap(Object.keys));
    const foreignKey = fc.string().filter((key) => !fieldNames.has(key));
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(foreignKey, fc.jsonValue()), (type, fields) => {
        // Every message has at least one required field besides `type`, and these keys never name one.
        const value = { ...fields, type };
        expect(parseClientMessage(value).ok).toBe(false);
        expect(parseServerMessage(value).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives deeply nested payloads', () => {
    let nested: unknown = 'leaf';
    for (let depth = 0; depth < 10_000; depth += 1) nested = [nested];
    const result = parseClientMessage({ ...validClient.message, data: nested });
    expect(result.ok).toBe(false);
    const text = `{"type":"message","id":"r","callId":"c","kind":"k","data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    expect(parseClientMessage(text).ok).toBe(false);
  });

  it('a mutated message either fails or round-trips unchanged', () => {
    const examples = Object.values(validClient);
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.string(), fc.jsonValue(), (message, key, value) => {
        const field = Object.keys(message)[Math.abs(key.length) % Object.keys(message).length] ?? 'type';
        const mutated = { ...message, [field]: value };
        const result = parseClientMessage(mutated);
        // Whatever the mutation, a success must round-trip through the schema unchanged.
        if (result.ok) expect(parseClientMessage(JSON.stringify(result.message))).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });
});
