/**
 * The pino logger of `ringkit-server`: JSON lines (production) or pretty
 * text (`--dev`), with secrets censored should one ever reach a field.
 *
 * @packageDocumentation
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { censorSecrets } from './censor-secrets.js';

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
  // Instead of pino's `redact` (whose wildcard paths rewrite every field of every entry): look, and copy only when needed.
  const settings = { level: options.level ?? 'info', base: { service: 'ringkit-server' }, formatters: { log: censorSecrets } };
  const logger =
    options.format === 'pretty'
      ? pino(settings, pretty({ sync: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }))
      : options.destination
        ? pino(settings, options.destination)
        : pino(settings);
  // pino formats a child's bindings once, without the log formatter: censor them on the way in (children inherit this).
  const child = logger.child;
  logger.child = function censoredChild(this: Logger, bindings, childOptions) {
    return child.call(this, censorSecrets(bindings), childOptions);
  } as Logger['child'];
  return logger;
}
