import { homedir } from 'node:os';
import { join } from 'node:path';

/** The livekit-server version `scripts/setup-tools.sh` pins and builds. */
export const LIVEKIT_VERSION = '1.13.5';

/**
 * Folder where the setup script keeps built tools (`RINGKIT_CACHE`, default `~/.cache/ringkit`).
 *
 * @example
 * ```ts
 * console.log(`tools live in ${RINGKIT_CACHE_DIR}`);
 * ```
 */
export const RINGKIT_CACHE_DIR = process.env.RINGKIT_CACHE ?? join(homedir(), '.cache', 'ringkit');

/**
 * The livekit-server binary built by `scripts/setup-tools.sh` (override with `LIVEKIT_SERVER_BIN`).
 *
 * @example
 * ```ts
 * spawn(LIVEKIT_SERVER_PATH, ['--dev', '--bind', '127.0.0.1']);
 * ```
 */
export const LIVEKIT_SERVER_PATH = process.env.LIVEKIT_SERVER_BIN ?? join(RINGKIT_CACHE_DIR, 'bin', 'server');

/**
 * The API key pair livekit-server uses in `--dev` mode.
 *
 * @example
 * ```ts
 * new RoomServiceClient(url, LIVEKIT_DEV_KEYS.apiKey, LIVEKIT_DEV_KEYS.apiSecret);
 * ```
 */
export const LIVEKIT_DEV_KEYS = { apiKey: 'devkey', apiSecret: 'secret' } as const;
