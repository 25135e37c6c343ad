/**
 * `ringkit-server` configuration from flags and environment variables.
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogFormat, type ServerLoggerOptions } from './logging/create-logger.js';
import { PUSH_CLI_OPTIONS, PUSH_CLI_USAGE, pushCliConfig, type PushCliConfig } from './push/push-cli.js';
import type { LiveKitOptions } from './tokens.js';
import { WEBHOOK_CLI_OPTIONS, WEBHOOK_CLI_USAGE, webhookCliConfig } from './webhooks/webhook-cli.js';
import type { WebhookEndpoint } from './webhooks/webhook-sender.js';

/** Help text of `ringkit-server`. */
export const CLI_USAGE = `Usage: ringkit-server [options]

Options (environment variable in brackets):
  --port <n>                 port to listen on [PORT] (default 8787)
  --host <addr>              interface to listen on [HOST] (default 127.0.0.1)
  --livekit-url <url>        LiveKit URL for clients [LIVEKIT_URL]
  --livekit-api-key <key>    LiveKit API key [LIVEKIT_API_KEY]
  --livekit-api-secret <s>   LiveKit API secret [LIVEKIT_API_SECRET]
  --jwt-secret <secret>      HS256 secret of app JWTs (sub = user id) [RINGKIT_JWT_SECRET]
  --ring-timeout-ms <ms>     how long a call rings, 5000-180000 [RING_TIMEOUT_MS] (default 60000)
  --grace-ms <ms>            how long a dropped device may resume, 0-600000 [GRACE_MS] (default 15000)
  --call-waiting <on|off>    ring users who are in a call (off: they are busy) [CALL_WAITING] (default on)
  --redis <url>              share calls with other processes through Redis [REDIS_URL]
                             (default: in-memory, one process)
  --redis-prefix <prefix>    prefix of the Redis keys [REDIS_PREFIX] (default ringkit:)
  --node-ttl-ms <ms>         a process silent this long is dead, 1000-600000 [NODE_TTL_MS] (default 5000)
  --log-level <level>        trace, debug, info, warn, error, fatal or silent [LOG_LEVEL] (default info)
  --log-format <format>      json or pretty [LOG_FORMAT] (default json; pretty with --dev)
  --metrics                  serve Prometheus metrics on GET /metrics of --port [METRICS=1]
                             (default: off; on with --dev)
  --metrics-port <n>         serve GET /metrics on this port instead [METRICS_PORT]
${WEBHOOK_CLI_USAGE}${PUSH_CLI_USAGE}  --dev                      development mode: accept ?user=<name>; LiveKit settings not
                             given default to ws://127.0.0.1:7880, devkey and secret
  -h, --help                 show this help
`;

/** What `ringkit-server` runs with. */
export interface CliConfig {
  port: number;
  host: string;
  dev: boolean;
  jwtSecret?: string;
  livekit?: LiveKitOptions;
  ringTimeoutMs?: number;
  graceMs?: number;
  /** Call waiting (absent: the server's default, on). */
  callWaiting?: boolean;
  /** Share calls with other processes through Redis. */
  redis?: RedisConfig;
  /** Ring closed tabs through Web Push. */
  push?: PushCliConfig;
  /** Level and format of the logs. */
  logs: Required<Pick<ServerLoggerOptions, 'level' | 'format'>>;
  /** Serve Prometheus metrics: on the main port, or on `port`. */
  metrics?: { port?: number };
  /** Where signed call events go. */
  webhooks?: WebhookEndpoint[];
}

/** How `ringkit-server` reaches the Redis it shares with other processes. */
export interface RedisConfig {
  url: string;
  prefix?: string;
  /** A process whose heartbeat is older than this is dead (ms). */
  nodeTtlMs?: number;
}

/** The LiveKit settings `--dev` falls back to (a local `livekit-server --dev`). */
export const DEV_LIVEKIT: LiveKitOptions = { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' };

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** LiveKit from its three settings: all or none, except in dev mode, where each missing one takes its dev default. */
function liveKitConfig(given: Partial<Record<'url' | 'apiKey' | 'apiSecret', string>>, dev: boolean): LiveKitOptions | undefined {
  const url = given.url || (dev ? DEV_LIVEKIT.url : undefined);
  const apiKey = given.apiKey || (dev ? DEV_LIVEKIT.apiKey : undefined);
  const apiSecret = given.apiSecret || (dev ? DEV_LIVEKIT.apiSecret : undefined);
  if (url !== undefined && !/^(wss?|https?):\/\/[^/\s]/.test(url)) throw new Error(`--livekit-url must be a ws:// or wss:// URL, got "${url}"`);
  if (url && apiKey && apiSecret) return { url, apiKey, apiSecret };
  if (url || apiKey || apiSecret) throw new Error('LiveKit needs all of --livekit-url, --livekit-api-key and --livekit-api-secret (in --dev, missing ones default to ws://127.0.0.1:7880, devkey, secret)');
  return undefined;
}

function redisConfig(url: string | undefined, prefix: string | undefined, ttl: string | undefined): RedisConfig | undefined {
  if (url === undefined || url === '') return undefined;
  if (!/^rediss?:\/\/./.test(url)) throw new Error(`--redis must be a redis:// or rediss:// URL, got "${url}"`);
  const nodeTtlMs = wholeNumber('node TTL', ttl);
  if (nodeTtlMs !== undefined && (nodeTtlMs < 1_000 || nodeTtlMs > 600_000)) throw new Error(`node TTL must be 1000-600000 ms, got ${nodeTtlMs}`);
  return { url, ...(prefix ? { prefix } : {}), ...(nodeTtlMs === undefined ? {} : { nodeTtlMs }) };
}

function onOff(name: string, text: string | undefined): boolean | undefined {
  if (text === undefined || text === '') return undefined;
  if (['on', '1', 'true'].includes(text)) return true;
  if (['off', '0', 'false'].includes(text)) return false;
  throw new Error(`${name} must be on or off, got "${text}"`);
}

function logOptions(level: string | undefined, format: string | undefined, dev: boolean): CliConfig['logs'] {
  const levels: readonly string[] = LOG_LEVELS;
  if (level !== undefined && !levels.includes(level)) throw new Error(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  if (format !== undefined && format !== 'json' && format !== 'pretty') throw new Error(`log format must be json or pretty, got "${format}"`);
  return { level: (level ?? 'info') as CliConfig['logs']['level'], format: (format as LogFormat | undefined) ?? (dev ? 'pretty' : 'json') };
}

function metricsOption(enabled: boolean, portText: string | undefined, dev: boolean): Pick<CliConfig, 'metrics'> {
  const port = wholeNumber('metrics port', portText);
  if (port !== undefined && (port < 1 || port > 65_535)) throw new Error(`metrics port must be 1-65535, got ${port}`);
  if (port !== undefined) return { metrics: { port } };
  return enabled || dev ? { metrics: {} } : {};
}

/**
 * Read flags (winning) and environment variables. Returns the config,
 * `'help'`, or a clear error message for people.
 *
 * @example
 * ```ts
 * const result = parseCliConfig(process.argv.slice(2), process.env);
 * if ('error' in result) { console.error(result.error); process.exit(2); }
 * ```
 */
export function parseCliConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { config: CliConfig } | { help: true } | { error: string } {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'livekit-url': { type: 'string' },
        'livekit-api-key': { type: 'string' },
        'livekit-api-secret': { type: 'string' },
        'jwt-secret': { type: 'string' },
        'ring-timeout-ms': { type: 'string' },
        'grace-ms': { type: 'string' },
        'call-waiting': { type: 'string' },
        redis: { type: 'string' },
        'redis-prefix': { type: 'string' },
        'node-ttl-ms': { type: 'string' },
        ...PUSH_CLI_OPTIONS,
        'log-level': { type: 'string' },
        'log-format': { type: 'string' },
        metrics: { type: 'boolean' },
        'metrics-port': { type: 'string' },
        ...WEBHOOK_CLI_OPTIONS,
        dev: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return { help: true };
    const dev = values.dev;
    const port = wholeNumber('port', values.port ?? env.PORT) ?? 8787;
    if (port > 65_535) throw new Error(`port must be at most 65535, got ${port}`);
    const url = values['livekit-url'] ?? env.LIVEKIT_URL;
    const apiKey = values['livekit-api-key'] ?? env.LIVEKIT_API_KEY;
    const apiSecret = values['livekit-api-secret'] ?? env.LIVEKIT_API_SECRET;
    const livekit = liveKitConfig({ url, apiKey, apiSecret }, dev);
    const jwtSecret = values['jwt-secret'] ?? env.RINGKIT_JWT_SECRET;
    if (!dev && !jwtSecret) throw new Error('set RINGKIT_JWT_SECRET (or --jwt-secret), or run with --dev for development');
    const ringTimeoutMs = wholeNumber('ring timeout', values['ring-timeout-ms'] ?? env.RING_TIMEOUT_MS);
    const graceMs = wholeNumber('grace period', values['grace-ms'] ?? env.GRACE_MS);
    const callWaiting = onOff('call waiting', values['call-waiting'] ?? env.CALL_WAITING);
    const push = pushCliConfig(values, env, dev);
    const webhooks = webhookCliConfig(values, env);
    const redis = redisConfig(values.redis ?? env.REDIS_URL, values['redis-prefix'] ?? env.REDIS_PREFIX, values['node-ttl-ms'] ?? env.NODE_TTL_MS);
    return {
      config: {
        port,
        host: values.host ?? env.HOST ?? '127.0.0.1',
        dev,
        ...(jwtSecret ? { jwtSecret } : {}),
        ...(livekit ? { livekit } : {}),
        ...(ringTimeoutMs === undefined ? {} : { ringTimeoutMs }),
        ...(graceMs === undefined ? {} : { graceMs }),
        ...(callWaiting === undefined ? {} : { callWaiting }),
        ...(redis ? { redis } : {}),
        ...(push ? { push } : {}),
        logs: logOptions(values['log-level'] ?? env.LOG_LEVEL, values['log-format'] ?? env.LOG_FORMAT, dev),
        ...metricsOption(values.metrics ?? env.METRICS === '1', values['metrics-port'] ?? env.METRICS_PORT, dev),
        ...(webhooks.length > 0 ? { webhooks } : {}),
      },
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
