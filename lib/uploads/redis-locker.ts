/**
 * A @tus/server Locker shared by every web process, on Redis: the library serializes requests to
 * one upload only through its locker, and its default MemoryLocker only sees one process. Several
 * `next start` replicas behind a balancer take turns through this one instead.
 *
 * - **Lease.** A lock is `SET {prefix}:tus-lock:{id} token NX PX lease`, renewed every third of
 *   the lease while held (compare-and-extend), released by compare-and-delete. A process that is
 *   killed mid-PATCH stops renewing; its lock lapses after at most one lease.
 * - **Lock-request-release.** A request that finds the upload locked publishes the id on
 *   `{prefix}:tus-lock-release`; the process holding it calls the holder's `requestRelease` (the
 *   library then lets the stale PATCH drain and end — keeping what arrived — and unlocks). A
 *   holder whose renewal finds the lock gone is told to stop the same way.
 * - **Correctness does not rest on this lock.** A lock can be lost (a long pause past the lease, a
 *   Redis failover), so Postgres fences every commit (records.ts commitPiece, markUploadComplete).
 *   When Redis cannot answer, a PATCH therefore goes ahead unlocked (logged) rather than failing:
 *   the same choice as the rate limiter, and no byte or photo depends on it.
 * - Waiting longer than `acquireTimeoutMs` (more than a lease, so a dead holder lapses first)
 *   answers 423 Locked, which tus clients retry.
 */
import { randomUUID } from "node:crypto";
import type { Lock, Locker, RequestRelease } from "@tus/server";
import { Redis } from "ioredis";
import { env } from "../env";
import { logger } from "../log";

/** The library's error object for a lock not acquired in time (tus clients retry 423). */
export const UPLOAD_LOCKED = { status_code: 423, body: "This upload is busy with another request; try again" };

/** The Redis key of upload `id`'s lock. */
export const uploadLockKey = (id: string, prefix: string = env.QUEUE_PREFIX) => `${prefix}:tus-lock:${id}`;

const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export type RedisLockerOptions = {
  /** Commands (SET, EVAL, PUBLISH). */
  redis: Redis;
  /** A connection of its own for SUBSCRIBE (a subscribed connection runs no other commands). */
  subscriber: Redis;
  /** Key and channel prefix (the deployment's QUEUE_PREFIX). */
  prefix: string;
  leaseMs?: number;
  acquireTimeoutMs?: number;
  /** Pause between attempts while another request holds the lock. */
  retryMs?: number;
};

export class RedisLocker implements Locker {
  readonly leaseMs: number;
  readonly acquireTimeoutMs: number;
  readonly retryMs: number;
  /** Locks this process holds, by upload id, to answer release requests. */
  readonly held = new Map<string, RequestRelease>();
  private subscribed: Promise<unknown> | undefined;

  constructor(readonly options: RedisLockerOptions) {
    this.leaseMs = options.leaseMs ?? env.UPLOAD_LOCK_LEASE_MS;
    this.acquireTimeoutMs = options.acquireTimeoutMs ?? Math.max(30_000, 3 * this.leaseMs);
    this.retryMs = options.retryMs ?? 50;
    options.subscriber.on("message", (channel: string, id: string) => {
      if (channel === this.channel) void this.held.get(id)?.();
    });
  }

  get channel(): string {
    return `${this.options.prefix}:tus-lock-release`;
  }

  keyOf(id: string): string {
    return uploadLockKey(id, this.options.prefix);
  }

  /** Subscribe once, before the first lock is taken, so no release request is missed. */
  listen(): Promise<unknown> {
    this.subscribed ??= this.options.subscriber.subscribe(this.channel).catch((err: unknown) => {
      this.subscribed = undefined;
      throw err;
    });
    return this.subscribed;
  }

  newLock(id: string): Lock {
    return new RedisLock(this, id);
  }

  /** Close both connections (tests, shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([this.options.redis.quit(), this.options.subscriber.quit()]);
  }
}

class RedisLock implements Lock {
  private readonly token = randomUUID();
  private renewal: NodeJS.Timeout | undefined;
  private locked = false;
  private requestRelease: RequestRelease | undefined;

  constructor(
    private readonly locker: RedisLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { redis } = this.locker.options;
    const key = this.locker.keyOf(this.id);
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    try {
      await this.locker.listen();
      for (let attempt = 0; !signal.aborted; attempt++) {
        if ((await redis.set(key, this.token, "PX", this.locker.leaseMs, "NX")) === "OK") {
          this.locked = true;
          this.requestRelease = requestRelease;
          this.locker.held.set(this.id, requestRelease);
          this.renewal = setInterval(() => void this.renew(requestRelease), Math.max(100, Math.floor(this.locker.leaseMs / 3)));
          this.renewal.unref();
          return;
        }
        // Ask whoever holds it to let go (a stale PATCH from a lost connection), then try again;
        // asked again now and then, in case the holder's process reconnected its subscription.
        if (attempt % 20 === 0) await redis.publish(this.locker.channel, this.id);
        if (Date.now() > deadline) throw UPLOAD_LOCKED;
        await new Promise((r) => setTimeout(r, this.locker.retryMs));
      }
    } catch (err) {
      if (err === UPLOAD_LOCKED) throw err;
      logger.warn({ err: (err as Error).message, uploadId: this.id }, "upload lock unavailable; Postgres alone fences this PATCH");
      return;
    }
    throw UPLOAD_LOCKED; // the request was aborted while waiting
  }

  private async renew(requestRelease: RequestRelease): Promise<void> {
    try {
      const extended = await this.locker.options.redis.eval(EXTEND, 1, this.locker.keyOf(this.id), this.token, String(this.locker.leaseMs));
      if (extended === 1) return;
    } catch {
      return; // Redis unreachable: keep going, the next renewal tries again and Postgres fences
    }
    // The lease lapsed and someone else may hold it now: stop this PATCH.
    this.stop();
    void requestRelease();
  }

  private stop(): void {
    clearInterval(this.renewal);
    this.renewal = undefined;
    if (this.locker.held.get(this.id) === this.requestRelease) this.locker.held.delete(this.id);
  }

  async unlock(): Promise<void> {
    if (!this.locked) return;
    this.stop();
    this.locked = false;
    await this.locker.options.redis.eval(RELEASE, 1, this.locker.keyOf(this.id), this.token).catch(() => undefined);
  }
}

/** The locker of this process, on the deployment's Redis. */
export function redisLockerFromEnv(): RedisLocker {
  const connect = () => {
    const r = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 2_000 });
    r.on("error", () => undefined); // reported through failed commands
    return r;
  };
  return new RedisLocker({ redis: connect(), subscriber: connect(), prefix: env.QUEUE_PREFIX });
}
