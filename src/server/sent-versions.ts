/**
 * Per-connection order of call messages: the newest version of each call a
 * device has been sent, so a message decided earlier (relayed late through
 * Redis, or overtaken by a direct reply) is not sent after a newer one.
 *
 * @packageDocumentation
 */
import { callStampOf } from '../protocol/call-version.js';
import type { ServerMessage } from '../protocol/protocol.js';

/** Calls remembered per connection; the one seen longest ago is forgotten first. */
const REMEMBERED_CALLS = 32;

/**
 * The call versions one connection has been sent.
 *
 * @example
 * ```ts
 * const sent = createSentVersions();
 * if (sent.admit(message)) socket.send(message);
 * ```
 */
export interface SentVersions {
  /**
   * Whether `message` may go out: not about a call, a reply (always sent:
   * the device waits for it), or a version no older than one sent before.
   * Records the version of what it admits.
   */
  admit(message: ServerMessage): boolean;
  /** The device holds `callId` at `version` (a reply that carries it follows): older messages about it are not sent. */
  note(callId: string, version: number): void;
}

/**
 * Make the record of one connection.
 *
 * @example
 * ```ts
 * const sent = createSentVersions();
 * sent.note('c1', 3);
 * sent.admit({ type: 'ringing', callId: 'c1', version: 2, by: 'bob' }); // false
 * ```
 */
export function createSentVersions(): SentVersions {
  const versions = new Map<string, number>();

  function note(callId: string, version: number): void {
    const held = versions.get(callId);
    if (held !== undefined && held >= version) return;
    versions.delete(callId);
    versions.set(callId, version);
    if (versions.size > REMEMBERED_CALLS) versions.delete(versions.keys().next().value as string);
  }

  return {
    admit(message) {
      if (message.type === 'welcome') {
        for (const call of message.calls) note(call.callId, call.version);
        return true;
      }
      const stamp = callStampOf(message);
      if (!stamp) return true;
      const held = versions.get(stamp.callId);
      if (held !== undefined && stamp.version < held && !('replyTo' in message)) return false;
      note(stamp.callId, stamp.version);
      return true;
    },
    note,
  };
}
