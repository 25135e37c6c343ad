/**
 * One webhook POST over Node's `http`/`https` with keep-alive connections
 * (cheaper per request than `fetch`, so deliveries take little time from
 * the call rules that share the process).
 *
 * @packageDocumentation
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 32 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 32 }) };

/**
 * POST `body` to `url`; resolves with the status code, rejects on a network
 * error, after `timeoutMs`, or when `signal` aborts.
 *
 * @example
 * ```ts
 * const status = await postWebhook('https://api.example.com/hook', { 'content-type': 'application/json' }, body, 10_000, signal);
 * ```
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal): Promise<number> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        signal,
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.once('error', reject);
    request.end(body);
  });
}
