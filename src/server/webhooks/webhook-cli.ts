/**
 * `ringkit-server` webhook flags: `--webhook-url` (repeatable) signed with
 * `--webhook-secret`.
 *
 * @packageDocumentation
 */
import { parseWebhookEndpoints, type WebhookEndpoint } from './webhook-sender.js';

/** The `parseArgs` options of the webhook flags. */
export const WEBHOOK_CLI_OPTIONS = {
  'webhook-url': { type: 'string', multiple: true },
  'webhook-secret': { type: 'string' },
} as const;

/** Help lines of the webhook flags. */
export const WEBHOOK_CLI_USAGE = `  --webhook-url <url>        POST signed call events to this URL; repeatable
                             [WEBHOOK_URLS, comma-separated]
  --webhook-secret <secret>  key of the webhook signatures [RINGKIT_WEBHOOK_SECRET]
`;

/**
 * Webhook endpoints from flags (winning) or the environment.
 *
 * @throws Error when URLs are given without a secret, or a URL is not http(s).
 * @example
 * ```ts
 * const webhooks = webhookCliConfig({ 'webhook-url': ['https://api.example.com/hook'], 'webhook-secret': 's3cret' }, {});
 * ```
 */
export function webhookCliConfig(
  values: { 'webhook-url'?: string[]; 'webhook-secret'?: string },
  env: Readonly<Record<string, string | undefined>>,
): WebhookEndpoint[] {
  const urls = values['webhook-url'] ?? (env.WEBHOOK_URLS ?? '').split(',').map((url) => url.trim()).filter((url) => url !== '');
  if (urls.length === 0) return [];
  const secret = values['webhook-secret'] ?? env.RINGKIT_WEBHOOK_SECRET;
  if (!secret) throw new Error('webhooks need a signing secret: set RINGKIT_WEBHOOK_SECRET (or --webhook-secret)');
  try {
    return parseWebhookEndpoints(urls.map((url) => ({ url, secret })));
  } catch {
    throw new Error(`--webhook-url must be http:// or https:// URLs, got "${urls.join(', ')}"`);
  }
}
