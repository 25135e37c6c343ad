/**
 * The pino logger of `ringkit-server`: JSON lines (production) or pretty
 * text (`--dev`), with secrets censored should one ever reach a field.
 *
 * @packageDocumentation
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Output formats: one JSON object per line, or coloured text for people. */
export type LogFormat = 'json' | 'pretty';

/** Levels `--log-level` accepts. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * Options of {@link createServerLogger}.
 *
 * @example
 * ```ts
 * const options: ServerLoggerOptions = { level: 'debug', format: 'pretty' };
 * ```
 */
export interface ServerLoggerOptions {
  /** Lowest level written. Default `info`. */
  level?: (typeof LOG_LEVELS)[number];
  /** Default `json`. */
  format?: LogFormat;
  /** Where JSON lines go. Default: standard output. */
  destination?: DestinationStream;
}

/** Field names whose values never appear in a log line, wherever they are nested (two levels). */
const SECRET_FIELDS = ['token', 'ticket', 'secret', 'extra', 'livekit', 'authorization', 'jwtSecret', 'apiSecret'];

/**
 * Make the server's logger.
 *
 * @example
 * ```ts
 * const logger = createServerLogger({ level: 'info', format: 'json' });
 * const server = await createRingServer({ port: 8787, auth, logger });
 * ```
 */
export function createServerLogger(options: ServerLoggerOptions = {}): Logger {
  const redact = { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]), censor: '[redacted]' };
  const settings = { level: options.level ?? 'info', base: { service: 'ringkit-server' }, redact };
  if (options.format === 'pretty') {
    return pino(settings, pretty({ sync: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }));
  }
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
