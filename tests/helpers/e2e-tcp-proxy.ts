import { createServer, connect, type Socket } from 'node:net';

/** A loopback TCP proxy whose connections a test can cut, to simulate a dropped network. */
export interface TcpProxy {
  /** The port clients connect to. */
  readonly port: number;
  /** How many client connections are open now. */
  openConnections(): number;
  /** Destroys every open connection (both directions); new connections still go through. */
  dropAll(): void;
  close(): Promise<void>;
}

/**
 * Forwards a free loopback port to `targetPort` on 127.0.0.1.
 *
 * @example
 * ```ts
 * const proxy = await startTcpProxy(ringServerPort);
 * proxy.dropAll(); // every WebSocket through it drops; clients reconnect through it
 * ```
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect({ port: targetPort, host: '127.0.0.1' });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dropAll = () => {
    for (const [client, upstream] of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    openConnections: () => pairs.size,
    dropAll,
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
