/**
 * The WebSocket transport and the client's connection against scripted
 * servers: frame validation, reconnection with backoff, request timeouts.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeMediaHub } from '../../src/testing/fake-media.js';
import { PROTOCOL_VERSION, parseClientMessage, type ProtocolError, type ServerMessage } from '../../src/protocol/protocol.js';
import type { ConnectionStatus } from '../../src/core/ring-client.js';
import { websocketTransport } from '../../src/core/signaling/websocket.js';
import { createTestClient, waitForClient } from '../helpers/client.js';

/** A scripted server: `onConnection` decides what each connection gets. */
async function scriptedServer(onConnection: (socket: WebSocket, index: number) => void) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let index = 0;
  wss.on('connection', (socket) => onConnection(socket, index++));
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close(() => resolve());
    }),
  };
}

function welcomeOn(socket: WebSocket, hellos: Array<string | undefined> = [], user = 'alice') {
  socket.on('message', (data) => {
    const parsed = parseClientMessage(String(data));
    if (!parsed.ok || parsed.message.type !== 'hello') return;
    hellos.push(parsed.message.resume);
    const welcome: ServerMessage = {
      type: 'welcome',
      replyTo: parsed.message.id,
      version: PROTOCOL_VERSION,
      user,
      device: 'd1',
      session: 's1',
      resumed: parsed.message.resume === 's1',
      presence: 'available',
      graceMs: 1000,
      calls: [],
    };
    socket.send(JSON.stringify(welcome));
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('websocket transport', () => {
  it('delivers valid frames and drops invalid ones with a typed report', async () => {
    const server = await scriptedServer((socket) => {
      socket.send('not json');
      socket.send(JSON.stringify({ type: 'ringing', callId: 'c1' }));
      socket.send(JSON.stringify({ type: 'ringing', callId: 'c1', version: 2, by: 'bob' }));
    });
    cleanups.push(server.close);
    const invalid: ProtocolError['code'][] = [];
    const transport = websocketTransport({ url: server.url, WebSocket, onInvalidFrame: (error) => invalid.push(error.code) })();
    const received: ServerMessage[] = [];
    const third = new Promise<void>((resolve) =>
      transport.onMessage((message) => {
        received.push(message);
        resolve();
      }),
    );
    await transport.open();
    await Promise.race([third, new Promise((_, reject) => setTimeout(() => reject(new Error('no message')), 2_000))]);
    expect(received).toEqual([{ type: 'ringing', callId: 'c1', version: 2, by: 'bob' }]);
    expect(invalid).toEqual(['bad-json', 'bad-message']);
    transport.close();
  });

  it('rejects open when nothing listens', async () => {
    const transport = websocketTransport({ url: 'ws://127.0.0.1:1', WebSocket })();
    await expect(transport.open()).rejects.toThrow(/could not connect/);
  });
});

describe('client connection', () => {
  it('reconnects with backoff until a server welcomes it, then resumes its session', async () => {
    const hellos: Array<string | undefined> = [];
    const sockets: WebSocket[] = [];
    const server = await scriptedServer((socket, index) => {
      if (index < 2) socket.terminate();
      else {
        sockets.push(socket);
        welcomeOn(socket, hellos);
      }
    });
    cleanups.push(server.close);
    const { client } = createTestClient(websocketTransport({ url: server.url, WebSocket }), createFakeMediaHub());
    cleanups.push(() => client.disconnect());
    const statuses: ConnectionStatus[] = [];
    client.subscribe(() => {
      const status = client.getSnapshot().connection;
      if (statuses.at(-1) !== status) statuses.push(status);
    });
    await expect(client.connect()).rejects.toMatchObject({ code: 'disconnected' });
    await waitForClient(client, (s) => s.connection === 'connected', 3_000, 'connected after retries');
    expect(statuses).toEqual(['connecting', 'reconnecting', 'connected']);
    expect(hellos).toEqual([undefined]);

    sockets[0]?.terminate();
    await waitForClient(client, (s) => s.connection === 'reconnecting', 2_000, 'dropped');
    await waitForClient(client, (s) => s.connection === 'connected', 3_000, 'back');
    expect(hellos).toEqual([undefined, 's1']);
  });

  it('times out requests the server never answers, with a typed error', async () => {
    const server = await scriptedServer((socket) => welcomeOn(socket));
    cleanups.push(server.close);
    const { client } = createTestClient(websocketTransport({ url: server.url, WebSocket }), createFakeMediaHub(), { requestTimeoutMs: 100 });
    cleanups.push(() => client.disconnect());
    await client.connect();
    await expect(client.setPresence('do-not-disturb')).rejects.toMatchObject({ code: 'timeout' });
    expect(client.getSnapshot().error?.code).toBe('timeout');
    expect(client.getSnapshot().presence).toBe('available');
  });

  it('fails connect with a timeout when hello gets no answer', async () => {
    const server = await scriptedServer(() => undefined);
    cleanups.push(server.close);
    const { client } = createTestClient(websocketTransport({ url: server.url, WebSocket }), createFakeMediaHub(), {
      requestTimeoutMs: 100,
      reconnect: { initialMs: 50, maxAttempts: 1 },
    });
    cleanups.push(() => client.disconnect());
    await expect(client.connect()).rejects.toMatchObject({ code: 'timeout' });
    await waitForClient(client, (s) => s.connection === 'disconnected', 2_000, 'gave up');
    expect(client.getSnapshot().error?.code).toBe('not-connected');
  });
});
