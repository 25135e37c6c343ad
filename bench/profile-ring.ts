/**
 * `npx tsx bench/profile-ring.ts [client|protocol|operations] [calls]`: a CPU profile (V8 inspector, 100 us sampling)
 * of the ring benchmark's calls, one at a time, with the signaling server (LiveKit tokens on) in this
 * process, as `npm run bench -- ring` runs them; then where the busy time went per call: by the ringkit
 * source file on the stack (a package's time counts for the file that called it), by area and by function.
 * `client` (default): `createRingClient` caller and callee; `protocol`: bare protocol clients; `operations`: bare
 * protocol clients, the server with metrics, JSON logs (to a sink that drops them) and webhooks (to a local receiver).
 *
 * @packageDocumentation
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveKitServer } from '../tests/helpers/livekit-server.js';
import { startRingServerForBench } from './capacity/ring-server.js';
import { summarizeProfile, type CpuProfile, type ProfileCost } from './lib/cpu-profile.js';
import { summarize } from './lib/stats.js';
import { protocolCalls, ringClientCalls, startWebhookReceiver } from './ring-latency.js';

function print(title: string, costs: ProfileCost[], calls: number): void {
  console.log(`\n${title}`);
  for (const cost of costs) {
    const perCall = ((cost.ms / calls) * 1000).toFixed(0);
    console.log(`  ${String(cost.percent).padStart(5)}%  ${perCall.padStart(5)} us/call  ${cost.name}`);
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'client';
  if (kind !== 'client' && kind !== 'protocol' && kind !== 'operations') throw new Error(`unknown kind ${kind}: client, protocol or operations`);
  const calls = Number(process.argv[3] ?? 1_000);
  const livekit = await startLiveKitServer();
  const receiver = kind === 'operations' ? await startWebhookReceiver() : undefined;
  const server = await startRingServerForBench({
    livekit,
    rateLimit: { ratePerSecond: 100_000, burst: 100_000 },
    ...(receiver && { operations: { webhookUrl: receiver.url } }),
  });
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const place = kind === 'client' ? ringClientCalls : protocolCalls;
    const samples = await place(server, AbortSignal.timeout(300_000), calls);
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    const file = join(tmpdir(), `ringkit-ring-${kind}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const summary = summarizeProfile(profile, 25);
    console.log(`${kind}: ${calls} calls; incoming p50 ${summarize(samples.incoming).p50} ms, ringing p50 ${summarize(samples.ringing).p50} ms`);
    console.log(`busy ${summary.busyMs} ms of ${summary.wallMs} ms wall, ${((summary.busyMs / calls) * 1000).toFixed(0)} us per call; profile ${file}`);
    print('by ringkit file on the stack', summary.owners, calls);
    print('by area (self time)', summary.areas, calls);
    print('by function (self time)', summary.functions, calls);
  } finally {
    session.disconnect();
    await server.close();
    await livekit.stop();
    await receiver?.close();
  }
}

await main();
