/**
 * Webhook POSTs over one kept-alive undici `Agent` per sender: connections
 * to each receiver are reused, and the answer is read by a bare dispatch
 * handler (status only, no response stream), which costs about half the CPU
 * of a `node:http` request, so deliveries take little time from the call
 * rules that share the process. undici is loaded on the first POST.
 *
 * @packageDocumentation
 */
import type { Agent } from 'undici';

/** Where a webhook URL is POSTed: its origin and its path with the query. */
export interface WebhookTarget {
  origin: string;
  path: string;
}

/** POSTs webhooks; one per sender. */
export interface WebhookPoster {
  /** POST `body`; resolves with the status code, rejects on a network error or when no answer comes within the time limit. */
  post(target: WebhookTarget, headers: Record<string, string>, body: string): Promise<number>;
  /** Close every connection; POSTs under way reject. */
  close(): void;
}

/**
 * The origin and path of a webhook URL, split once per endpoint.
 *
 * @example
 * ```ts
 * webhookTarget('https://api.example.com/hooks?app=1'); // { origin: 'https://api.example.com', path: '/hooks?app=1' }
 * ```
 */
export function webhookTarget(url: string): WebhookTarget {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/**
 * Make a poster whose connect, answer and body each get `timeoutMs`.
 *
 * @example
 * ```ts
 * const poster = createWebhookPoster(10_000);
 * const status = await poster.post(webhookTarget(url), { 'content-type': 'application/json' }, body);
 * ```
 */
export function createWebhookPoster(timeoutMs: number): WebhookPoster {
  let agent: Agent | undefined;
  let loading: Promise<Agent> | undefined;
  let closed = false;

  function load(): Promise<Agent> {
    loading ??= import('undici').then(({ Agent }) => {
      agent = new Agent({ connections: 32, connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      if (closed) void agent.destroy().catch(() => undefined);
      return agent;
    });
    return loading;
  }

  function send(dispatcher: Agent, target: WebhookTarget, headers: Record<string, string>, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let status = 0;
      dispatcher.dispatch(
        { origin: target.origin, path: target.path, method: 'POST', headers, body },
        {
          onRequestStart: () => undefined,
          onResponseStart: (_controller, statusCode) => {
            status = statusCode;
          },
          onResponseEnd: () => resolve(status),
          onResponseError: (_controller, error) => reject(error),
        },
      );
    });
  }

  return {
    async post(target, headers, body) {
      if (closed) throw new Error('the webhook sender is closed');
      return send(agent ?? (await load()), target, headers, body);
    },
    close() {
      closed = true;
      void agent?.destroy().catch(() => undefined);
    },
  };
}
