/**
 * Graceful shutdown: clients are told to reconnect elsewhere with a close
 * code of their own, and the sockets that do not close in time are cut.
 *
 * @packageDocumentation
 */
import { WebSocket } from 'ws';

/**
 * Close code of a connection the server closes because it shuts down
 * (1012, "service restart"): the client reconnects (to another process
 * behind the same address) and resumes its session there.
 */
export const SHUTDOWN_CLOSE_CODE = 1012;

/** Default time a graceful shutdown may take before it cuts what is left (ms). */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * Options of `RingServer.shutdown`.
 *
 * @example
 * ```ts
 * await server.shutdown({ deadlineMs: 5_000 });
 * ```
 */
export interface ShutdownOptions {
  /** How long closing sockets and delivering queued webhooks may take (ms). Default 10 000. */
  deadlineMs?: number;
}

/**
 * Close every socket with {@link SHUTDOWN_CLOSE_CODE} and wait until they
 * are closed; sockets still open at `until` (epoch ms) are terminated.
 *
 * @example
 * ```ts
 * await closeForShutdown(sockets, Date.now() + 5_000);
 * ```
 */
export async function closeForShutdown(sockets: readonly WebSocket[], until: number): Promise<void> {
  const open = sockets.filter((socket) => socket.readyState !== WebSocket.CLOSED);
  const closed = open.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
  for (const socket of open) socket.close(SHUTDOWN_CLOSE_CODE, 'server shutting down; reconnect');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, until - Date.now()));
  });
  await Promise.race([Promise.all(closed), late]);
  clearTimeout(timer);
  for (const socket of open) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
}
