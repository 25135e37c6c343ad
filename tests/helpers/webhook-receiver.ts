/**
 * A real HTTP receiver of webhooks on 127.0.0.1 for tests: records every
 * request (raw body and headers) and answers with the status `respond` picks
 * (or never, to hang).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it. */
export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
  /** The status it was answered with (`undefined` while hanging). */
  status?: number;
}

/** A running receiver. */
export interface WebhookReceiver {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: ReceivedWebhook[];
  /** Requests answered 2xx, in arrival order. */
  delivered(): ReceivedWebhook[];
  close(): Promise<void>;
}

/**
 * Start a receiver; `respond` returns the status for each request (`'hang'`: never answer).
 *
 * @example
 * ```ts
 * let attempts = 0;
 * const receiver = await startWebhookReceiver(() => (++attempts <= 2 ? 500 : 200));
 * ```
 */
export async function startWebhookReceiver(respond: (request: ReceivedWebhook) => number | 'hang' = () => 200): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedWebhook = { body: Buffer.concat(chunks).toString('utf8'), headers: request.headers };
      requests.push(received);
      const status = respond(received);
      if (status === 'hang') {
        hanging.add(response);
        return;
      }
      received.status = status;
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    delivered: () => requests.filter((request) => request.status !== undefined && request.status < 300),
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
