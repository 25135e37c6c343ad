import type { TestProject } from 'vitest/node';
import { startLiveKitServer } from '../helpers/livekit-server.js';

/** Where the shared livekit-server of the e2e run listens (see `tests/helpers/e2e-env.ts`). */
export interface SharedLiveKit {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    livekit: SharedLiveKit;
  }
}

/**
 * Starts one livekit-server for the whole e2e run and stops it afterwards.
 *
 * @example
 * ```ts
 * // vitest.e2e.config.ts
 * test: { globalSetup: ['tests/e2e/global-setup.ts'] }
 * ```
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const livekit = await startLiveKitServer();
  project.provide('livekit', {
    url: livekit.url,
    httpUrl: livekit.httpUrl,
    apiKey: livekit.apiKey,
    apiSecret: livekit.apiSecret,
  });
  return () => livekit.stop();
}
