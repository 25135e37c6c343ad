/**
 * What `ringkit-server` tells people when its surroundings are not right:
 * a port or host it cannot listen on, a LiveKit server that does not answer.
 *
 * @packageDocumentation
 */

/** The livekit-server release the README and these messages point to. */
export const LIVEKIT_SERVER_VERSION = '1.13.5';

/**
 * A one-line explanation of a failed `listen`, or `undefined` when the error
 * is not about the port or host (then it is not a configuration problem).
 *
 * @example
 * ```ts
 * describeListenError(Object.assign(new Error(), { code: 'EADDRINUSE' }), '127.0.0.1', 8787);
 * // 'port 8787 on 127.0.0.1 is already in use: stop the other server or choose another port with --port (PORT)'
 * ```
 */
export function describeListenError(error: unknown, host: string, port: number): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use: stop the other server or choose another port with --port (PORT)`;
    case 'EACCES':
      return `no permission to listen on port ${port}: ports below 1024 need extra rights; choose another with --port (PORT)`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}: it is not an address of this machine; choose one with --host (HOST), for example 127.0.0.1 or 0.0.0.0`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `cannot listen on ${host}: no such host name; choose an address with --host (HOST), for example 127.0.0.1 or 0.0.0.0`;
    default:
      return undefined;
  }
}

/**
 * The warning printed when LiveKit does not answer at start: what to start, and how.
 *
 * @example
 * ```ts
 * if (!(await probeLiveKit(url))) console.warn(liveKitWarning(url, true));
 * ```
 */
export function liveKitWarning(url: string, dev: boolean): string {
  const consequence = `LiveKit does not answer at ${url}: calls will ring, but their media will fail (both sides end with media-failed).`;
  if (!dev) {
    return `${consequence}\n  Check --livekit-url (LIVEKIT_URL) and that your LiveKit server or LiveKit Cloud project is up and reachable from here.`;
  }
  return [
    consequence,
    '  Start a LiveKit server in development mode, in another terminal, with one of:',
    `    go install github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_SERVER_VERSION} && "$(go env GOPATH)/bin/server" --dev`,
    '    docker run --rm -p 7880:7880 -p 7881:7881 -p 7882:7882/udp livekit/livekit-server --dev --bind 0.0.0.0',
    '    livekit-server --dev            (if you installed it another way)',
    '  or point --livekit-url at one that runs.',
  ].join('\n');
}
