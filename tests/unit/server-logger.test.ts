/**
 * The server's pino logger censors fields named like secrets (top level and
 * two levels down, in objects and arrays, in child bindings) and leaves
 * entries without them untouched.
 */
import { describe, expect, it } from 'vitest';
import { createServerLogger } from '../../src/server/logging/create-logger.js';
import { censorSecrets } from '../../src/server/logging/censor-secrets.js';

function capture(): { lines: Record<string, unknown>[]; destination: { write(line: string): void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('server logger', () => {
  it('writes [redacted] for secret fields at the top and two levels down, in objects and arrays', () => {
    const { lines, destination } = capture();
    const logger = createServerLogger({ destination });
    logger.info(
      {
        token: 'app-jwt',
        user: 'bob',
        hello: { ticket: 'push-ticket', device: 'k3f9' },
        calls: [{ callId: 'c1', extra: { note: 'payload' } }, { callId: 'c2', livekit: { token: 'lk' } }],
        deep: { one: { authorization: 'Bearer x', kept: 1 } },
      },
      'entry',
    );
    expect(lines[0]).toMatchObject({
      msg: 'entry',
      service: 'ringkit-server',
      token: '[redacted]',
      user: 'bob',
      hello: { ticket: '[redacted]', device: 'k3f9' },
      calls: [{ callId: 'c1', extra: '[redacted]' }, { callId: 'c2', livekit: '[redacted]' }],
      deep: { one: { authorization: '[redacted]', kept: 1 } },
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ['app-jwt', 'push-ticket', 'payload', '"lk"', 'Bearer']) expect(line).not.toContain(secret);
  });

  it('censors child and grandchild bindings too', () => {
    const { lines, destination } = capture();
    createServerLogger({ destination }).child({ secret: 's3cret', node: 'n1' }).warn({ callId: 'c1' }, 'child');
    expect(lines[0]).toMatchObject({ secret: '[redacted]', node: 'n1', callId: 'c1', level: 40 });
    createServerLogger({ destination }).child({ node: 'n2' }).child({ auth: { token: 'grandchild-token' } }).info('grandchild');
    expect(lines[1]).toMatchObject({ node: 'n2', auth: { token: '[redacted]' }, msg: 'grandchild' });
  });

  it('hands entries without secret fields through as they are, and never changes the caller\'s object', () => {
    const plain = { event: 'call.invited', callId: 'c1', invitees: ['bob', 'carol'], nested: { media: 'video' } };
    expect(censorSecrets(plain)).toBe(plain);
    const holding = { user: 'bob', nested: { token: 't' } };
    const censored = censorSecrets(holding);
    expect(censored).toEqual({ user: 'bob', nested: { token: '[redacted]' } });
    expect(holding.nested.token).toBe('t');
  });
});
