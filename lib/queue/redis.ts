/**
 * Redis connections. Producers fail fast (no offline queue): when Redis is down the outbox keeps
 * the work. Workers block and retry forever (maxRetriesPerRequest: null), as BullMQ requires.
 */
import { Redis } from "ioredis";
import { env } from "../env";

/** A connection for enqueueing and health checks: errors surface at once. */
export function createProducerConnection(url: string = env.REDIS_URL): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: false,
  });
  redis.on("error", () => undefined); // reported through failed commands, not as unhandled events
  return redis;
}

/** A connection for a BullMQ Worker: blocking commands, retried until Redis returns. */
export function createWorkerConnection(): Redis {
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true });
  redis.on("error", () => undefined);
  return redis;
}
