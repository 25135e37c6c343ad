/**
 * `ringkit-server`: run the signaling server from the command line.
 * `npx ringkit-server --dev` (built) or `npx tsx src/cli.ts --dev` (source).
 *
 * @packageDocumentation
 */
import { CLI_USAGE, parseCliConfig, type RedisConfig } from './server/cli-config.js';
import { describeListenError, liveKitWarning } from './server/cli-messages.js';
import { createRedisCluster, type RedisCluster } from './server/cluster/redis-cluster.js';
import { createServerLogger } from './server/logging/create-logger.js';
import { toServerLog, type ServerLog } from './server/logging/server-log.js';
import { createServerMetrics } from './server/metrics/server-metrics.js';
import { probeLiveKit } from './server/livekit-probe.js';
import { redactUrl } from './server/stores/redis-connection.js';
import { createRingServer } from './server/ws-server.js';

/** Join the processes sharing `redis`: heartbeats at a fifth of the node TTL. */
function joinCluster(redis: RedisConfig, log: ServerLog): Promise<RedisCluster> {
  const nodeTtlMs = redis.nodeTtlMs ?? 5_000;
  return createRedisCluster({
    url: redis.url,
    ...(redis.prefix ? { prefix: redis.prefix } : {}),
    nodeTtlMs,
    heartbeatMs: Math.max(200, Math.floor(nodeTtlMs / 5)),
    log,
  });
}

/** Probe LiveKit once and say what to start when it does not answer. */
async function warnUnlessLiveKitAnswers(url: string, dev: boolean, log: ServerLog): Promise<void> {
  if (await probeLiveKit(url)) log(`LiveKit answers at ${url}`, { event: 'livekit.reachable' });
  else log(liveKitWarning(url, dev), { level: 'warn', event: 'livekit.unreachable' });
}

/** Start the server from `argv` and `env`; resolves with the exit code once it stops (or fails to start). */
async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const parsed = parseCliConfig(argv, env);
  if ('help' in parsed) {
    console.log(CLI_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`ringkit-server: ${parsed.error}\n\n${CLI_USAGE}`);
    return 2;
  }
  const { config } = parsed;
  const logger = createServerLogger(config.logs);
  const log = toServerLog(logger);
  const metrics = config.metrics ? createServerMetrics() : undefined;
  let cluster: RedisCluster | undefined;
  try {
    cluster = config.redis ? await joinCluster(config.redis, log) : undefined;
    const redis = cluster?.store.client;
    if (cluster && redis && metrics) metrics.watchRedis({ healthy: cluster.healthy, ping: () => redis.ping() });
    const server = await createRingServer({
      port: config.port,
      host: config.host,
      dev: config.dev,
      ...(config.jwtSecret ? { auth: { jwtSecret: config.jwtSecret } } : {}),
      ...(config.livekit ? { livekit: config.livekit } : {}),
      ...(config.ringTimeoutMs === undefined ? {} : { ringTimeoutMs: config.ringTimeoutMs }),
      ...(config.graceMs === undefined ? {} : { graceMs: config.graceMs }),
      ...(config.callWaiting === undefined ? {} : { callWaiting: config.callWaiting }),
      ...(config.push ? { push: config.push.options } : {}),
      logger,
      ...(metrics ? { metrics } : {}),
      ...(config.metrics?.port === undefined ? {} : { metricsPort: config.metrics.port }),
      ...(config.webhooks ? { webhooks: config.webhooks } : {}),
      ...cluster?.serverOptions,
    });
    cluster?.attach(server.service);
    if (cluster && config.redis) log(`node ${cluster.node} sharing calls through Redis at ${redactUrl(config.redis.url)}`);
    if (config.push) {
      const origin = config.push.generated ? 'generated for this run' : 'configured';
      log(`Web Push on; VAPID public key (${origin}): ${config.push.options.vapidPublicKey}`);
    }
    log(`ringkit-server listening on ${server.url}${config.dev ? ' (dev mode: ?user=<name> accepted)' : ''}; LiveKit ${config.livekit?.url ?? 'not configured'}`);
    if (config.livekit) void warnUnlessLiveKitAnswers(config.livekit.url, config.dev, log);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    log('shutting down: clients reconnect elsewhere, queued webhooks are delivered', { event: 'shutdown' });
    await server.shutdown();
    await cluster?.close();
    return 0;
  } catch (error) {
    await cluster?.close();
    const badPlace = describeListenError(error, config.host, config.port);
    console.error(`ringkit-server: ${badPlace ?? (error instanceof Error ? error.message : String(error))}`);
    return badPlace ? 2 : 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2), process.env);
