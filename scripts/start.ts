/**
 * `npm start`: livekit-server (dev mode, loopback), `ringkit-server --dev` pointed at it, and the
 * demo app (Vite), each checked healthy, then the URLs to open. Ctrl-C stops all of them.
 *
 * @packageDocumentation
 */
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { LIVEKIT_DEV_KEYS, LIVEKIT_SERVER_PATH } from './paths.js';
import { assertPortsFree, PortBusyError } from './ports.js';
import { startProcess, waitForHttpOk, type ManagedProcess } from './processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIVEKIT_PORT = 7880;
const LIVEKIT_RTC_TCP_PORT = 7881;
const LIVEKIT_RTC_UDP_PORT = 7882;
const RINGKIT_PORT = Number(process.env.PORT ?? 8787);
const DEMO_PORT = 5173;
const HEALTH_TIMEOUT_MS = 30_000;

const processes: ManagedProcess[] = [];
let demo: ViteDevServer | undefined;
let stopping = false;

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (processes.length > 0) console.log('\nStopping…');
    await demo?.close().catch(() => undefined);
    for (const child of [...processes].reverse()) await child.stop();
  }
  process.exit(exitCode);
}

function watchForCrash(child: ManagedProcess): void {
  void child.exited.then((code) => {
    if (stopping) return;
    console.error(`\n${child.name} exited unexpectedly (${code}). Its last output:\n${child.output()}`);
    void stopAll(1);
  });
}

async function startLiveKit(): Promise<string> {
  const livekit = startProcess({
    name: 'livekit-server',
    command: LIVEKIT_SERVER_PATH,
    args: ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1'],
  });
  processes.push(livekit);
  watchForCrash(livekit);
  await waitForHttpOk(`http://127.0.0.1:${LIVEKIT_PORT}/`, { timeoutMs: HEALTH_TIMEOUT_MS, process: livekit });
  return `ws://127.0.0.1:${LIVEKIT_PORT}`;
}

async function startRingkit(livekitUrl: string): Promise<string> {
  const ringkit = startProcess({
    name: 'ringkit-server',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/cli.ts', '--dev'],
    cwd: ROOT,
    echo: true,
    env: {
      ...process.env,
      PORT: String(RINGKIT_PORT),
      LIVEKIT_URL: livekitUrl,
      LIVEKIT_API_KEY: LIVEKIT_DEV_KEYS.apiKey,
      LIVEKIT_API_SECRET: LIVEKIT_DEV_KEYS.apiSecret,
    },
  });
  processes.push(ringkit);
  watchForCrash(ringkit);
  await waitForHttpOk(`http://127.0.0.1:${RINGKIT_PORT}/healthz`, { timeoutMs: HEALTH_TIMEOUT_MS, process: ringkit });
  return `ws://localhost:${RINGKIT_PORT}`;
}

async function startDemo(): Promise<string> {
  demo = await createServer({
    configFile: fileURLToPath(new URL('../demo/vite.config.ts', import.meta.url)),
    server: { port: DEMO_PORT, strictPort: true },
    logLevel: 'warn',
  });
  await demo.listen();
  const url = `http://localhost:${DEMO_PORT}`;
  await waitForHttpOk(`${url}/`, { timeoutMs: HEALTH_TIMEOUT_MS });
  return url;
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));
  await assertPortsFree([
    { port: LIVEKIT_PORT, purpose: 'livekit-server HTTP/WebSocket' },
    { port: LIVEKIT_RTC_TCP_PORT, purpose: 'livekit-server ICE' },
    { port: LIVEKIT_RTC_UDP_PORT, purpose: 'livekit-server ICE', protocol: 'udp' },
    { port: RINGKIT_PORT, purpose: 'ringkit-server; set PORT to use another' },
    { port: DEMO_PORT, purpose: 'demo app' },
  ]);
  console.log('Starting livekit-server…');
  const livekitUrl = await startLiveKit();
  console.log(`livekit-server is up at ${livekitUrl}. Starting ringkit-server…`);
  const ringkitUrl = await startRingkit(livekitUrl);
  console.log(`ringkit-server is up at ${ringkitUrl}. Starting the demo…`);
  const demoUrl = await startDemo();
  const server = RINGKIT_PORT === 8787 ? '' : `&server=${encodeURIComponent(ringkitUrl)}`;
  console.log(
    [
      '',
      'ringkit demo is ready. Open these in two browser windows and call each other:',
      `  Alice: ${demoUrl}/?user=alice${server}`,
      `  Bob:   ${demoUrl}/?user=bob${server}`,
      `  Carol: ${demoUrl}/?user=carol${server}   (call waiting, group call)`,
      '',
      'Press Ctrl-C to stop everything.',
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  if (error instanceof PortBusyError) console.error(`npm start: ${error.message}`);
  else console.error('npm start failed:', error instanceof Error ? error.message : error);
  await stopAll(1);
});
