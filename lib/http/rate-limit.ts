/**
 * Rate limits on every route (SPEC §9): Redis token buckets per user and per client address,
 * checked and taken in one Lua script (atomic across every web process; Redis's clock, so web
 * processes need no synchronised clocks). A request passes only if every bucket it draws from has a
 * token; a refusal is a 429 with `Retry-After`, never a 500. While a user's or an address's buckets
 * are more than half full, the request does not wait for Redis: its take is owed and sent within
 * 100 ms, together with every other owed take, in one write (./rate-limit-ahead.ts says why that
 * keeps the limits). If Redis cannot answer, the check
 * fails open and says so in the log: availability of care outranks throttling, and sign-in keeps
 * its database lockout (lib/auth/sign-in.ts).
 *
 * The limits, in one table. `burst` is the bucket size; `perMinute` the steady refill.
 *
 * | class        | applies to                                        | per user        | per address      |
 * |--------------|---------------------------------------------------|-----------------|------------------|
 * | api          | every /api/v1 route and /api/session              | 300 burst, 300/min | 1200 burst, 1200/min |
 * | upload       | POST …/photos (multipart), POST /api/v1/uploads (tus creation) | 30 burst, 30/min | 120 burst, 120/min |
 * | public       | /api/health, /api/openapi.json, /api/docs         | —               | 120 burst, 120/min |
 * | auth         | every /api/auth/* request (Auth.js)               | —               | 60 burst, 60/min |
 * | setPassword  | the invitation link's set-password action         | —               | 10 burst, 1/min |
 * | token        | token endpoints (/oauth/token, FHIR token use)    | 30 burst, 30/min per client | 60 burst, 60/min |
 *
 * One photo costs one `upload` token whichever way it travels: a tus upload draws it at creation,
 * and its HEADs and PATCHes draw from `api` (a 25 MB photo in 5 MB pieces is 5 PATCHes, plus a HEAD
 * per resume), so the pieces of a photo are never throttled into failure. That opens no flood: an
 * upload only moves forward and takes at most its declared length (≤ 25 MB), so the bytes one
 * `upload` token buys are capped exactly as a multipart upload's are.
 *
 * Sign-in attempts have their own, older fixed-window counters on top of `auth`
 * (lib/auth/rate-limit.ts: 120 attempts/min and 30 failures/15 min per address, 10 failures/15 min
 * per account). Per-address buckets are generous because a clinic's staff share one address behind
 * NAT; the per-user buckets stop one account (or one stolen token) from flooding. When no proxy
 * reports an address (X-Forwarded-For, X-Real-IP), a signed-in request draws from its user's
 * buckets only and an anonymous one from the shared "unknown" address bucket.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "../env";
import { DomainError } from "../errors";
import { logger } from "../log";
import { createProducerConnection } from "../queue/redis";
import { forget, forgetAll, goAhead, heard, OWED_FLUSH_MS, type Known } from "./rate-limit-ahead";

export type Bucket = { burst: number; perMinute: number };
type ClassLimits = { perUser?: Bucket; perIp?: Bucket };

export const RATE_LIMITS = {
  api: { perUser: { burst: 300, perMinute: 300 }, perIp: { burst: 1200, perMinute: 1200 } },
  upload: { perUser: { burst: 30, perMinute: 30 }, perIp: { burst: 120, perMinute: 120 } },
  public: { perIp: { burst: 120, perMinute: 120 } },
  auth: { perIp: { burst: 60, perMinute: 60 } },
  setPassword: { perIp: { burst: 10, perMinute: 1 } },
  token: { perUser: { burst: 30, perMinute: 30 }, perIp: { burst: 60, perMinute: 60 } },
} as const satisfies Record<string, ClassLimits>;

export type LimitClass = keyof typeof RATE_LIMITS;

/** A 429 in the error envelope, with the seconds the client should wait. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "Too many requests; try again later");
  }
}

// KEYS: bucket keys. ARGV: for each key, burst and refill per millisecond; then the cost (tokens
// to take, 1 for a request) and the mode. A request's take is all-or-nothing: tokens are taken only
// if every bucket holds the cost. An owed take (mode "owed": requests already served while the
// buckets were more than half full) is charged whatever is left, down to empty. Returns {0 when
// the buckets held the cost, else milliseconds until they would; the whole tokens left in the
// emptiest bucket}.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[#KEYS * 2 + 1])
local owed = ARGV[#KEYS * 2 + 2] == 'owed'
local levels = {}
local wait = 0
local least = 0
for i, key in ipairs(KEYS) do
  local burst = tonumber(ARGV[i * 2 - 1])
  local rate = tonumber(ARGV[i * 2])
  local s = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(s[1]) or burst
  local at = tonumber(s[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
  levels[i] = tokens
  if tokens < cost then wait = math.max(wait, math.ceil((cost - tokens) / rate)) end
end
for i, key in ipairs(KEYS) do
  local burst = tonumber(ARGV[i * 2 - 1])
  local rate = tonumber(ARGV[i * 2])
  local tokens = levels[i]
  if owed then tokens = math.max(0, tokens - cost) elseif wait == 0 then tokens = tokens - cost end
  if i == 1 or tokens < least then least = tokens end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
end
return {wait, math.floor(math.max(0, least))}
`;

let redis: Redis | null = null;
let firstConnect: Promise<void> | null = null;

/**
 * The limiter's connection. The producer connection fails fast (no offline queue), so the first
 * calls of a process wait for its first connect (at most a second) instead of failing open while
 * it is still being established; later outages fail open at once.
 */
async function conn(): Promise<Redis> {
  if (!redis) {
    const r = (redis = createProducerConnection());
    firstConnect = new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, 1_000);
      r.once("ready", done);
    });
  }
  if (redis.status !== "ready" && firstConnect) await firstConnect;
  return redis;
}

/** Tests: use this connection (e.g. one to a stopped Redis) instead of the shared one. */
export function useRateLimitRedis(r: Redis | null): void {
  redis = r;
  firstConnect = null;
  owed.clear();
  forgetAll();
}

/** Close the limiter's connection (scripts and benches that must exit; the next call opens a new one). */
export async function closeRateLimitRedis(): Promise<void> {
  await flushOwedTakes();
  const r = redis;
  redis = null;
  firstConnect = null;
  forgetAll();
  if (r) await r.quit().catch(() => r.disconnect());
}

/** The script's answer: milliseconds to wait (0 when the buckets held the cost), whole tokens left in the emptiest. */
type TakeReply = [number, number];
type Take = (numKeys: number, ...keysAndArgs: (string | number)[]) => Promise<TakeReply>;

/** What this process hears from a take: the tokens left, or 0 after a refusal or a shortfall. */
const levelAfter = ([wait, level]: TakeReply) => (Number(wait) > 0 ? 0 : Number(level));

const failingOpen = (err: unknown, cls?: LimitClass) => logger.warn({ err: (err as Error).message, cls }, "rate limit unavailable; failing open");
type WithTake = { rlTake: Take };
const defined = new WeakSet<Redis>();

/** `r` with the script defined as a command (EVALSHA; ioredis falls back to EVAL once after a Redis restart). */
function withTake(r: Redis): Redis & WithTake {
  if (!defined.has(r)) {
    r.defineCommand("rlTake", { lua: SCRIPT });
    defined.add(r);
  }
  return r as Redis & WithTake;
}

/**
 * What a set of buckets owes for the requests that went ahead of Redis (./rate-limit-ahead.ts),
 * by the go-ahead entry they were counted against.
 */
type Owed = { id: string; keys: string[]; args: number[]; count: number };
const owed = new Map<Known, Owed>();
let flushTimer: NodeJS.Timeout | null = null;

function owe(k: Known, id: string, keys: string[], args: number[]): void {
  const o = owed.get(k);
  if (o) o.count++;
  else owed.set(k, { id, keys, args, count: 1 });
  if (!flushTimer) {
    flushTimer = setTimeout(() => void flushOwedTakes(), OWED_FLUSH_MS);
    flushTimer.unref();
  }
}

/**
 * Send every owed take now: one take per set for what it owes, all in one pipelined write, so a
 * request that went ahead costs no socket write of its own (on this kind of machine one write and
 * its reply are ~0.1 ms of CPU, the largest part of the limiter's cost per request). Resolves
 * once Redis has answered (or the send failed, which fails open and forgets the sets).
 */
export function flushOwedTakes(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (!owed.size) return Promise.resolve();
  const batch = [...owed.entries()];
  owed.clear();
  const failed = (err: unknown, [k, o]: [Known, Owed]) => {
    forget(o.id, k, o.count);
    failingOpen(err);
  };
  return conn()
    .then((r) => {
      // Defined before the pipeline is made: a pipeline copies the connection's commands.
      const p = withTake(r).pipeline() as unknown as WithTake & { exec(): Promise<[Error | null, unknown][] | null> };
      for (const [, o] of batch) void p.rlTake(o.keys.length, ...o.keys, ...o.args, o.count, "owed");
      return p.exec();
    })
    .then(
      (results) =>
        batch.forEach((entry, i) => {
          const [err, reply] = results?.[i] ?? [new Error("no reply"), null];
          if (err) return failed(err, entry);
          heard(entry[1].id, levelAfter(reply as TakeReply), entry[0], Date.now(), entry[1].count);
        }),
      (err: unknown) => batch.forEach((entry) => failed(err, entry)),
    );
}

// Bucket keys name a digest of the user id or address (no identifiers in Redis); remembered, as a
// user or an address sends many requests (a small map, emptied when full).
const digests = new Map<string, string>();
const digest = (s: string) => {
  let d = digests.get(s);
  if (d === undefined) {
    if (digests.size >= 10_000) digests.clear();
    digests.set(s, (d = createHash("sha256").update(s).digest("hex").slice(0, 24)));
  }
  return d;
};
const bucketKey = (cls: string, scope: "u" | "ip", id: string) => `${env.QUEUE_PREFIX}:rl:${cls}:${scope}:${digest(id)}`;

/**
 * Take one token from each bucket of class `cls` for this user and address; throws
 * RateLimitedError (429 + Retry-After) when any is empty. Fails open when Redis cannot answer.
 */
export async function enforceRateLimit(cls: LimitClass, who: { userId?: string | null; ip: string | null }): Promise<void> {
  const limits: ClassLimits = RATE_LIMITS[cls];
  const keys: string[] = [];
  const args: number[] = [];
  let minBurst = Infinity;
  const add = (key: string, b: Bucket) => {
    keys.push(key);
    args.push(b.burst, b.perMinute / 60_000);
    minBurst = Math.min(minBurst, b.burst);
  };
  // Without a proxy header every client looks alike: signed-in users then draw from their own
  // buckets only, and anonymous calls share the "unknown" address bucket.
  if (limits.perIp && (who.ip || !who.userId)) add(bucketKey(cls, "ip", who.ip ?? "unknown"), limits.perIp);
  if (limits.perUser && who.userId) add(bucketKey(cls, "u", who.userId), limits.perUser);
  if (!keys.length) return;
  const id = keys.join(" ");
  const ahead = goAhead(id, minBurst);
  if (ahead) {
    // The buckets are more than half full: the take is owed and sent with the others shortly.
    owe(ahead, id, keys, args);
    return;
  }
  // What is owed goes first on the connection, so Redis charges it before this take.
  void flushOwedTakes();
  const waitMs = await conn()
    .then((r) => withTake(r).rlTake(keys.length, ...keys, ...args, 1, "take"))
    .then(
      (reply) => {
        heard(id, levelAfter(reply), null);
        return Number(reply[0]);
      },
      (err: unknown) => {
        forget(id, null);
        failingOpen(err, cls);
        return 0;
      },
    );
  if (waitMs > 0) throw new RateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
}

/** Which class an API request falls in: starting an image upload is tighter than the rest. */
export function apiLimitClass(method: string, pathname: string): LimitClass {
  return method === "POST" && /^\/api\/v1\/(cases\/[^/]+\/photos|uploads)\/?$/.test(pathname) ? "upload" : "api";
}

/**
 * For the token endpoints (/oauth/token, FHIR R4 with a bearer token): per client and per address.
 * `clientId` is the OAuth client (or token subject); throws RateLimitedError when exhausted.
 */
export function enforceTokenRateLimit(clientId: string | null, ip: string | null): Promise<void> {
  return enforceRateLimit("token", { userId: clientId ? `client:${clientId}` : null, ip });
}

/** The 429 response for route handlers that do not go through the API wrapper. */
export function rateLimitedResponse(err: RateLimitedError, requestId?: string): Response {
  return new Response(JSON.stringify({ error: { code: err.code, message: err.message } }), {
    status: 429,
    headers: {
      "content-type": "application/json",
      "cache-control": "private, no-store",
      "retry-after": String(err.retryAfterSeconds),
      ...(requestId ? { "x-request-id": requestId } : {}),
    },
  });
}
