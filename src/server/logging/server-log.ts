/**
 * The server's internal log function: a line for people plus structured
 * fields (level, event, call id, user, device). With a pino logger it writes
 * one JSON object per line; with a plain `(line) => void` only the line.
 *
 * @packageDocumentation
 */
import type { Logger } from 'pino';

/** Levels the server logs at. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured fields of one log entry; `level` defaults to `info`. Never put secrets or payloads here. */
export interface LogFields {
  level?: LogLevel;
  event?: string;
  callId?: string;
  user?: string;
  device?: string;
  [field: string]: unknown;
}

/**
 * One log entry: a line for people, and fields for machines.
 *
 * @example
 * ```ts
 * const log: ServerLog = (line, fields) => console.log(line, fields ?? {});
 * log('grant failed', { level: 'warn', event: 'livekit.grant-failed', callId: 'c1' });
 * ```
 */
export type ServerLog = (line: string, fields?: LogFields) => void;

/**
 * Write {@link ServerLog} entries to a pino logger, at the entry's level.
 *
 * @example
 * ```ts
 * const log = toServerLog(pino());
 * log('room c1 deleted', { event: 'livekit.room-deleted', callId: 'c1' });
 * ```
 */
export function toServerLog(logger: Logger): ServerLog {
  return (line, fields) => {
    const { level = 'info', ...rest } = fields ?? {};
    logger[level](rest, line);
  };
}

/**
 * A log that drops everything.
 *
 * @example
 * ```ts
 * const log = options.log ?? silentLog;
 * ```
 */
export const silentLog: ServerLog = () => undefined;
