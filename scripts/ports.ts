import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/** A TCP port that another program already listens on. */
export class PortBusyError extends Error {
  override readonly name = 'PortBusyError';

  constructor(
    readonly port: number,
    readonly purpose: string,
  ) {
    super(`Port ${port} (${purpose}) is already in use. Stop the program using it or choose another port.`);
  }
}

/**
 * Whether nothing listens on a TCP port of `host`.
 *
 * @example
 * ```ts
 * if (!(await isTcpPortFree(7880))) console.log('livekit-server already runs?');
 * ```
 */
export function isTcpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Whether nothing is bound to a UDP port of `host`.
 *
 * @example
 * ```ts
 * if (!(await isUdpPortFree(7882))) console.log('WebRTC UDP port taken');
 * ```
 */
export function isUdpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ port, address: host, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** A port a program needs, with what it is for (named in the error when it is taken). */
export interface NeededPort {
  port: number;
  purpose: string;
  protocol?: 'tcp' | 'udp';
}

/**
 * Throws a {@link PortBusyError} naming the first busy port, before anything is started.
 *
 * @example
 * ```ts
 * await assertPortsFree([{ port: 7880, purpose: 'livekit-server HTTP' }]);
 * ```
 */
export async function assertPortsFree(ports: readonly NeededPort[], host = '127.0.0.1'): Promise<void> {
  for (const { port, purpose, protocol = 'tcp' } of ports) {
    const free = protocol === 'udp' ? await isUdpPortFree(port, host) : await isTcpPortFree(port, host);
    if (!free) throw new PortBusyError(port, `${purpose}, ${protocol.toUpperCase()}`);
  }
}

/**
 * A TCP port the OS reports free on `host` right now.
 *
 * @example
 * ```ts
 * const port = await freeTcpPort();
 * ```
 */
export function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('could not read the free port'))));
    });
  });
}

/**
 * A UDP port the OS reports free on `host` right now.
 *
 * @example
 * ```ts
 * const rtcUdpPort = await freeUdpPort();
 * ```
 */
export function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind({ port: 0, address: host }, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
