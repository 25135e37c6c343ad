/**
 * `ringkit/server`: the signaling server (Node), its call rules, stores and LiveKit tokens.
 *
 * @packageDocumentation
 */
export {
  createCallService,
  CLOSE_CODES,
  GRACE,
  RING_TIMEOUT,
  type CallService,
  type CallServiceOptions,
  type Connection,
  type DeliveryTarget,
  type GrantRequest,
  type UnreachableEvent,
} from './server/call-service.js';
export { systemClock, type Clock, type TimerHandle } from './server/clock.js';
export { toCallInfo, type CallRecord, type MemberRecord } from './server/call-record.js';
export { deviceIdentity } from './server/identity.js';
export { createMemoryStore, type MemoryStoreOptions } from './server/stores/memory.js';
export { HISTORY_LIMIT, type Change, type DeviceRecord, type RingStore, type Updated } from './server/stores/store.js';
export { createRingServer, UNAUTHORIZED_CLOSE_CODE, type RingServer, type RingServerOptions } from './server/ws-server.js';
export { createUserToken, verifyUserToken, type AuthOptions } from './server/auth.js';
export { createLiveKitGrants, PUBLISH_SOURCES, ROOM_TIMEOUTS, TOKEN_TTL_SECONDS, type LiveKitOptions } from './server/tokens.js';
export { createPrecheckGrants, PRECHECK_ROOM_TIMEOUTS, PRECHECK_TOKEN_TTL_SECONDS } from './server/precheck/precheck-tokens.js';
export { PRECHECK_RATE_LIMIT, PRECHECK_ROOM_PREFIX, type PrecheckGrant, type PrecheckGrantRequest } from './server/precheck/precheck-request.js';
export { createRoomJanitor, ROOM_CHECK_AFTER_MS, type RoomJanitor } from './server/rooms.js';
export { createTokenBucket, type RateLimitOptions } from './server/rate-limit.js';
export { createRedisStore, RedisStoreError, type RedisStore, type RedisStoreOptions } from './server/stores/redis.js';
export { DEFAULT_REDIS_PREFIX, redisKeys, type RedisKeys } from './server/stores/redis-keys.js';
export { createRedisCluster, type RedisCluster, type RedisClusterOptions } from './server/cluster/redis-cluster.js';
export { createServerPush, generateVapidKeys, type ServerPush, type WebPushOptions } from './server/push/server-push.js';
export type { PushNotifier } from './server/push/push-notifier.js';
export type { VapidKeys } from './server/push/push-request.js';
export { createWebPushNotifier, type PushResult, type WebPushNotifier, type WebPushNotifierOptions } from './server/push/web-push-notifier.js';
export { createMemorySubscriptionStore, type PushSubscriptionStore, type StoredSubscription } from './server/push/subscription-store.js';
export { createRedisSubscriptionStore } from './server/push/redis-subscription-store.js';
export { CALL_EVENT_TYPES, type CallEvent, type CallEventType, type CallRatedEvent } from './server/events/call-event.js';
export { createServerLogger, LOG_LEVELS, type LogFormat, type ServerLoggerOptions } from './server/logging/create-logger.js';
export { toServerLog, type LogFields, type LogLevel, type ServerLog } from './server/logging/server-log.js';
export {
  createServerMetrics,
  LATENCY_BUCKETS,
  type ConnectionCounts,
  type RedisProbe,
  type ServerMetrics,
  type ServerMetricsOptions,
} from './server/metrics/server-metrics.js';
export { METRICS_PATH, serveMetrics } from './server/metrics/metrics-endpoint.js';
export { SHUTDOWN_CLOSE_CODE, SHUTDOWN_DEADLINE_MS, type ShutdownOptions } from './server/shutdown.js';
export {
  verifyWebhook,
  signWebhook,
  WEBHOOK_HEADERS,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookVerificationError,
  type WebhookErrorCode,
  type WebhookEvent,
  type WebhookRequestHeaders,
} from './server/webhooks/webhook-signature.js';
export { createWebhookSender, parseWebhookEndpoints, type WebhookEndpoint, type WebhookRetry, type WebhookSender } from './server/webhooks/webhook-sender.js';
export { toWebhookEvent } from './server/webhooks/webhook-payload.js';
