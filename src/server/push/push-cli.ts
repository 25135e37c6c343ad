/**
 * `ringkit-server`'s Web Push flags: VAPID keys and subject from flags or the
 * environment, or (with `--dev` and no keys) a pair generated at start.
 *
 * @packageDocumentation
 */
import type { WebPushOptions } from './server-push.js';
import { generateVapidKeys } from './server-push.js';

/** The VAPID subject `--dev` uses when none is given. */
const DEV_SUBJECT = 'mailto:dev@localhost';

/** The `parseArgs` options of the push flags. */
export const PUSH_CLI_OPTIONS = {
  'vapid-public-key': { type: 'string' },
  'vapid-private-key': { type: 'string' },
  'vapid-subject': { type: 'string' },
  'public-url': { type: 'string' },
} as const;

/** Help lines of the push flags. */
export const PUSH_CLI_USAGE = `  --vapid-public-key <key>   Web Push: VAPID public key, base64url [VAPID_PUBLIC_KEY]
  --vapid-private-key <key>  Web Push: VAPID private key, base64url [VAPID_PRIVATE_KEY]
  --vapid-subject <url>      Web Push: contact, mailto: or https: [VAPID_SUBJECT]
                             (--dev without keys generates a pair and prints the public key)
  --public-url <url>         public http(s) URL of this server, for push declines [RINGKIT_PUBLIC_URL]
                             (default: the address it listens on)
`;

/** The push flags as `parseArgs` returns them. */
export type PushCliValues = Partial<Record<keyof typeof PUSH_CLI_OPTIONS, string>>;

/** Push settings of the CLI, and whether the key pair was generated (to print it). */
export interface PushCliConfig {
  options: WebPushOptions;
  generated: boolean;
}

/**
 * Read the push flags (winning) and environment.
 *
 * @throws Error when only some of the VAPID settings are given, or the public URL is not http(s).
 * @example
 * ```ts
 * const push = pushCliConfig(values, process.env, dev);
 * ```
 */
export function pushCliConfig(values: PushCliValues, env: Readonly<Record<string, string | undefined>>, dev: boolean): PushCliConfig | undefined {
  const vapidPublicKey = values['vapid-public-key'] ?? env.VAPID_PUBLIC_KEY;
  const vapidPrivateKey = values['vapid-private-key'] ?? env.VAPID_PRIVATE_KEY;
  const subject = values['vapid-subject'] ?? env.VAPID_SUBJECT ?? (dev ? DEV_SUBJECT : undefined);
  const publicUrl = values['public-url'] ?? env.RINGKIT_PUBLIC_URL;
  if (publicUrl && !/^https?:\/\/./.test(publicUrl)) throw new Error(`--public-url must be an http(s) URL, got "${publicUrl}"`);
  const extras = { ...(publicUrl ? { publicUrl } : {}), ...(dev ? { allowHttpEndpoints: true } : {}) };
  if (vapidPublicKey && vapidPrivateKey) {
    if (!subject) throw new Error('Web Push needs --vapid-subject (mailto: or https:) with the VAPID keys');
    return { options: { vapidPublicKey, vapidPrivateKey, subject, ...extras }, generated: false };
  }
  if (vapidPublicKey || vapidPrivateKey) throw new Error('Web Push needs both --vapid-public-key and --vapid-private-key');
  if (!dev) {
    if (subject !== undefined) throw new Error('--vapid-subject needs --vapid-public-key and --vapid-private-key');
    return undefined;
  }
  const keys = generateVapidKeys();
  return { options: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: subject ?? DEV_SUBJECT, ...extras }, generated: true };
}
