/**
 * `GET /metrics`: the Prometheus text of a registry.
 *
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** The path the metrics are served on. */
export const METRICS_PATH = '/metrics';

/**
 * Answer `GET /metrics` from `registry`; returns false (and leaves the
 * response alone) for any other request.
 *
 * @example
 * ```ts
 * createServer((request, response) => {
 *   if (!serveMetrics(metrics.registry, request, response)) response.writeHead(404).end();
 * });
 * ```
 */
export function serveMetrics(registry: Registry, request: IncomingMessage, response: ServerResponse): boolean {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method !== 'GET' || path !== METRICS_PATH) return false;
  registry.metrics().then(
    (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
    (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}`),
  );
  return true;
}

/**
 * Serve `GET /metrics` on a port of its own (for example one that only Prometheus can reach).
 *
 * @example
 * ```ts
 * const metricsServer = await listenMetrics(metrics.registry, 9464, '0.0.0.0');
 * // on shutdown
 * metricsServer.close();
 * ```
 */
export async function listenMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (!serveMetrics(registry, request, response)) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
