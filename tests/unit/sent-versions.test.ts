/**
 * Per connection, the server never sends a message about a call after one
 * about a newer version of it; replies always go out.
 */
import { describe, expect, it } from 'vitest';
import { createSentVersions } from '../../src/server/sent-versions.js';
import { ringingCall } from '../helpers/client-fixtures.js';

describe('sent versions of one connection', () => {
  it('admits versions that grow or repeat, drops older ones, per call', () => {
    const sent = createSentVersions();
    expect(sent.admit({ type: 'ringing', callId: 'c1', version: 3, by: 'bob' })).toBe(true);
    expect(sent.admit({ type: 'accepted', callId: 'c1', version: 3, by: 'bob', media: 'video' })).toBe(true);
    expect(sent.admit({ type: 'incoming', call: { ...ringingCall('bob', 'alice'), version: 2 } })).toBe(false);
    expect(sent.admit({ type: 'ended', callId: 'c1', version: 4, reason: 'completed', by: 'bob' })).toBe(true);
    expect(sent.admit({ type: 'left', callId: 'c1', version: 3, user: 'bob', reason: 'completed' })).toBe(false);
    expect(sent.admit({ type: 'ringing', callId: 'c2', version: 1, by: 'bob' })).toBe(true);
    expect(sent.admit({ type: 'presence', user: 'bob', status: 'offline' })).toBe(true);
  });

  it('always sends a reply, and a reply never lowers what was sent', () => {
    const sent = createSentVersions();
    sent.note('c1', 5);
    expect(sent.admit({ type: 'invited', replyTo: 'r1', call: { ...ringingCall('alice', 'bob'), version: 2 } })).toBe(true);
    expect(sent.admit({ type: 'updated', call: { ...ringingCall('alice', 'bob'), version: 4 } })).toBe(false);
  });

  it('learns the calls of a welcome, and forgets the call seen longest ago past 32', () => {
    const sent = createSentVersions();
    expect(sent.admit({ type: 'welcome', replyTo: 'h', version: 2, user: 'a', device: 'd', session: 's', resumed: true, presence: 'available', graceMs: 0, calls: [{ ...ringingCall('alice', 'bob'), version: 7 }] })).toBe(true);
    expect(sent.admit({ type: 'ringing', callId: 'c1', version: 6, by: 'bob' })).toBe(false);
    for (let index = 0; index < 32; index += 1) sent.note(`other-${index}`, 1);
    expect(sent.admit({ type: 'ringing', callId: 'c1', version: 6, by: 'bob' })).toBe(true);
  });
});
