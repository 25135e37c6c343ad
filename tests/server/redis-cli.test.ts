/**
 * `ringkit-server --redis` configuration: flags, environment, clear errors.
 */
import { describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../src/server/cli-config.js';

describe('ringkit-server Redis options', () => {
  it('takes REDIS_URL, REDIS_PREFIX and NODE_TTL_MS from the environment, flags winning', () => {
    const env = { REDIS_URL: 'redis://10.0.0.5:6379', REDIS_PREFIX: 'calls:', NODE_TTL_MS: '8000' };
    expect(parseCliConfig(['--dev'], env)).toMatchObject({ config: { redis: { url: 'redis://10.0.0.5:6379', prefix: 'calls:', nodeTtlMs: 8_000 } } });
    expect(parseCliConfig(['--dev', '--redis', 'rediss://cache:6380/2', '--node-ttl-ms', '3000'], env)).toMatchObject({
      config: { redis: { url: 'rediss://cache:6380/2', prefix: 'calls:', nodeTtlMs: 3_000 } },
    });
  });

  it('stays in memory without a Redis URL', () => {
    const parsed = parseCliConfig(['--dev'], {});
    expect('config' in parsed && parsed.config.redis).toBeUndefined();
  });

  it.each([
    [['--dev', '--redis', 'http://cache:6379'], /redis:\/\/ or rediss:\/\/ URL/],
    [['--dev', '--redis', 'redis://cache', '--node-ttl-ms', '500'], /node TTL must be 1000-600000/],
    [['--dev', '--redis', 'redis://cache', '--node-ttl-ms', 'soon'], /node TTL must be a whole number/],
  ])('refuses %j', (argv, error) => {
    const parsed = parseCliConfig(argv, {});
    expect('error' in parsed && parsed.error).toMatch(error);
  });
});
