import { existsSync } from 'node:fs';
import { RoomServiceClient } from 'livekit-server-sdk';
import { LIVEKIT_DEV_KEYS, LIVEKIT_SERVER_PATH } from '../../scripts/paths.js';
import { freeTcpPort, freeUdpPort } from '../../scripts/ports.js';
import { startProcess, waitForHttpOk, type ManagedProcess } from '../../scripts/processes.js';

/** A real livekit-server in dev mode on loopback, started by {@link startLiveKitServer}. */
export interface LiveKitServerHandle {
  /** WebSocket URL for clients, e.g. `ws://127.0.0.1:41234`. */
  readonly url: string;
  /** HTTP URL for RoomService calls. */
  readonly httpUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly process: ManagedProcess;
  /** RoomService client for this server (`listRooms`, `deleteRoom`). */
  readonly rooms: RoomServiceClient;
  /** Stops it gracefully. */
  stop(): Promise<void>;
}

/**
 * Starts livekit-server (built by `scripts/setup-tools.sh`) on free loopback ports and waits until it is healthy.
 *
 * @example
 * ```ts
 * const livekit = await startLiveKitServer();
 * const rooms = await livekit.rooms.listRooms();
 * await livekit.stop();
 * ```
 */
export async function startLiveKitServer({ timeoutMs = 20_000 } = {}): Promise<LiveKitServerHandle> {
  if (!existsSync(LIVEKIT_SERVER_PATH)) {
    throw new Error(`livekit-server is not built at ${LIVEKIT_SERVER_PATH}: run \`bash scripts/setup-tools.sh\``);
  }
  const [port, tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort(), await freeUdpPort()];
  const config = [
    `port: ${port}`,
    'rtc:',
    `  tcp_port: ${tcpPort}`,
    `  udp_port: ${udpPort}`,
    '  use_external_ip: false',
  ].join('\n');
  const livekit = startProcess({
    name: 'livekit-server',
    command: LIVEKIT_SERVER_PATH,
    args: ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--config-body', config],
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttpOk(`${httpUrl}/`, { timeoutMs, process: livekit });
  } catch (error) {
    await livekit.stop();
    throw error;
  }
  const { apiKey, apiSecret } = LIVEKIT_DEV_KEYS;
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey,
    apiSecret,
    process: livekit,
    rooms: new RoomServiceClient(httpUrl, apiKey, apiSecret),
    stop: () => livekit.stop(),
  };
}
