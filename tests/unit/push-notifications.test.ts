import { describe, expect, it, vi } from 'vitest';
import { createPushNotifications } from '../../src/core/push/push-notifications.js';
import type { ServerMessageOf } from '../../src/protocol/protocol.js';
import { handoffUrl, isNotificationHandoff, readHandoffUrl } from '../../src/protocol/push-handoff.js';
import { readCallPush } from '../../src/service-worker/read-push.js';
import { textsFor } from '../../src/service-worker/texts.js';

const welcome = (vapidPublicKey?: string): ServerMessageOf<'welcome'> => ({
  type: 'welcome',
  replyTo: 'r1',
  version: 2,
  user: 'bob',
  device: 'd1',
  session: 's1',
  resumed: false,
  presence: 'available',
  graceMs: 15_000,
  calls: [],
  ...(vapidPublicKey ? { vapidPublicKey } : {}),
});

describe('client push notifications outside a browser', () => {
  it('are unsupported, and enable() fails with a typed error that the snapshot keeps', async () => {
    const request = vi.fn(async () => ({ type: 'ok' }));
    const push = createPushNotifications({ request });
    const seen: boolean[] = [];
    push.subscribe(() => seen.push(push.getSnapshot().pending));
    push.welcomed(welcome(`B${'A'.repeat(86)}`));
    expect(push.getSnapshot()).toMatchObject({ supported: false, subscribed: false, pending: false, error: null });
    await expect(push.enable()).rejects.toMatchObject({ code: 'unavailable' });
    expect(push.getSnapshot().error).toMatchObject({ code: 'unavailable', message: 'this browser cannot receive push notifications' });
    expect(seen).toContain(true);
    expect(request).not.toHaveBeenCalled();
  });
});

describe('the notification hand-off', () => {
  it("round-trips the call and choice through the app URL, keeping the app's own query", () => {
    const url = handoffUrl('https://app.example.com/phone?user=bob', 'c 1', 'accept');
    expect(readHandoffUrl(url)).toEqual({ callId: 'c 1', action: 'accept' });
    expect(new URL(url).searchParams.get('user')).toBe('bob');
    expect(readHandoffUrl('https://app.example.com/?ringkit-call=c1&ringkit-action=steal')).toBeUndefined();
    expect(isNotificationHandoff({ type: 'ringkit:notification', callId: 'c1', action: 'show' })).toBe(true);
    expect(isNotificationHandoff({ type: 'ringkit:notification', callId: '', action: 'accept' })).toBe(false);
  });
});

describe('the service worker reads pushes defensively', () => {
  const ring = { type: 'ring', callId: 'c1', from: 'alice', media: 'audio', expiresAt: 1, ticket: 't', declineUrl: 'https://calls.example.com/calls/c1/decline' };
  it.each([
    ['not JSON', 'nope'],
    ['an array', '[]'],
    ['an unknown type', '{"type":"call"}'],
    ['a bad media', JSON.stringify({ ...ring, media: 'screen' })],
    ['a decline URL that is not http(s)', JSON.stringify({ ...ring, declineUrl: 'javascript:alert(1)' })],
    ['no ticket', JSON.stringify({ ...ring, ticket: '' })],
  ])('ignores %s', (_name, text) => {
    expect(readCallPush(text)).toBeUndefined();
  });
  it('keeps the fields it knows and drops the rest', () => {
    expect(readCallPush(JSON.stringify({ ...ring, extra: { a: 1 }, push: { title: 'T', body: 'B' }, evil: true }))).toEqual({
      ...ring,
      extra: { a: 1 },
      push: { title: 'T', body: 'B' },
    });
    expect(readCallPush('{"type":"withdraw","callId":"c1","x":1}')).toEqual({ type: 'withdraw', callId: 'c1' });
  });
  it('speaks English or Simplified Chinese', () => {
    expect(textsFor('zh-Hans-CN').title('alice', 'video')).toBe('alice 来电');
    expect(textsFor('fr-FR').body('audio')).toBe('Incoming audio call');
  });
});
