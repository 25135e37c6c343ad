/**
 * Is LiveKit answering? One HTTP request to the LiveKit URL: any HTTP answer
 * means reachable; a refused connection, a DNS failure or no answer within
 * the timeout means not.
 *
 * @packageDocumentation
 */

/** How long a probe waits for LiveKit's answer (ms). */
export const LIVEKIT_PROBE_TIMEOUT_MS = 2_000;

/**
 * The HTTP address of a LiveKit URL (`ws://` -> `http://`, `wss://` -> `https://`).
 *
 * @example
 * ```ts
 * liveKitHttpUrl('ws://127.0.0.1:7880'); // 'http://127.0.0.1:7880/'
 * ```
 */
export function liveKitHttpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'ws:') parsed.protocol = 'http:';
  else if (parsed.protocol === 'wss:') parsed.protocol = 'https:';
  return parsed.toString();
}

/**
 * Ask LiveKit once whether it answers. Never throws.
 *
 * @example
 * ```ts
 * if (!(await probeLiveKit('ws://127.0.0.1:7880'))) console.warn('start livekit-server --dev');
 * ```
 */
export async function probeLiveKit(url: string, timeoutMs = LIVEKIT_PROBE_TIMEOUT_MS): Promise<boolean> {
  try {
    const response = await fetch(liveKitHttpUrl(url), { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
