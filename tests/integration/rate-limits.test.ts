/**
 * SPEC §9 "rate limits on every route": Redis token buckets per user and per address
 * (lib/http/rate-limit.ts), 429 with Retry-After in the error envelope, tighter buckets for
 * uploads, Auth.js and token endpoints, and fail-open (never a 500) when Redis cannot answer.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { GET as authGet } from "@/app/api/auth/[...nextauth]/route";
import { GET as health } from "@/app/api/health/route";
import { GET as me } from "@/app/api/v1/me/route";
import { POST as upload } from "@/app/api/v1/cases/[id]/photos/route";
import { enforceRateLimit, enforceTokenRateLimit, RATE_LIMITS, RateLimitedError, useRateLimitRedis } from "@/lib/http/rate-limit";
import { OWED_FLUSH_MS } from "@/lib/http/rate-limit-ahead";
import { apiRequest, createUser, params, sessionCookie } from "../support/factories";

let ipSeq = 0;
/** Each test draws from an address of its own, so the suite's shared "unknown" bucket is untouched. */
const freshIp = () => `198.18.${Math.floor(Math.random() * 250)}.${(ipSeq++ % 250) + 1}`;

async function expect429(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(await res.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
  return retryAfter;
}

afterEach(() => useRateLimitRedis(null));

/**
 * Call until the first non-`ok` answer; the bucket lets `burst` through at once plus what it
 * refilled meanwhile (perMinute), and not one more.
 */
async function drain(call: () => Promise<Response>, bucket: { burst: number; perMinute: number }, ok: (s: number) => boolean) {
  const started = Date.now();
  let passed = 0;
  for (;;) {
    const res = await call();
    if (!ok(res.status)) {
      const refilled = Math.ceil(((Date.now() - started) * bucket.perMinute) / 60_000);
      expect(passed).toBeGreaterThanOrEqual(bucket.burst);
      expect(passed).toBeLessThanOrEqual(bucket.burst + refilled + 1);
      return res;
    }
    passed++;
    if (passed > bucket.burst * 2) throw new Error("never limited");
  }
}

describe("rate limits", () => {
  it("gives each user a bucket of their own: the 301st quick call is 429 with Retry-After, others go on", async () => {
    const ip = freshIp();
    const a = await sessionCookie(await createUser("specialist"));
    const b = await sessionCookie(await createUser("specialist"));
    const call = (cookie: string) => me(apiRequest("/api/v1/me", { cookie, headers: { "x-forwarded-for": ip } }), params({}));
    const retryAfter = await expect429(await drain(() => call(a.cookie), RATE_LIMITS.api.perUser, (s) => s === 200));
    expect((await call(b.cookie)).status).toBe(200);
    // The bucket refills: after Retry-After the user gets through again.
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await call(a.cookie)).status).toBe(200);
  });

  it("limits an address whoever calls from it (public routes too), and only that address", async () => {
    const ip = freshIp();
    const call = (from: string) => health(apiRequest("/api/health", { headers: { "x-forwarded-for": from } }), params({}));
    await expect429(await drain(() => call(ip), RATE_LIMITS.public.perIp, (s) => s === 200));
    expect((await call(freshIp())).status).toBe(200);
  });

  it("limits unauthenticated calls by address before anything else runs", async () => {
    const ip = freshIp();
    const call = () => me(apiRequest("/api/v1/me", { headers: { "x-forwarded-for": ip, authorization: "Bearer guess" } }), params({}));
    await expect429(await drain(call, RATE_LIMITS.api.perIp, (s) => s === 401));
  });

  it("has a tighter bucket for uploads", async () => {
    const ip = freshIp();
    const { cookie } = await sessionCookie(await createUser("referrer"));
    const id = randomUUID();
    const call = () =>
      upload(apiRequest(`/api/v1/cases/${id}/photos`, { cookie, method: "POST", headers: { "x-forwarded-for": ip, origin: "http://localhost:3000" } }), params({ id }));
    await expect429(await drain(call, RATE_LIMITS.upload.perUser, (s) => s !== 429));
    // Other API calls of the same user still pass: uploads have a bucket of their own.
    expect((await me(apiRequest("/api/v1/me", { cookie, headers: { "x-forwarded-for": ip } }), params({}))).status).toBe(200);
  });

  it("limits every Auth.js request by address", async () => {
    const ip = freshIp();
    const call = () => authGet(apiRequest("/api/auth/csrf", { headers: { "x-forwarded-for": ip } }));
    await expect429(await drain(call, RATE_LIMITS.auth.perIp, (s) => s === 200));
  });

  it("gives token endpoints a per-client and per-address bucket", async () => {
    const ip = freshIp();
    const client = `client-${randomUUID()}`;
    for (let i = 0; i < RATE_LIMITS.token.perUser.burst; i++) await enforceTokenRateLimit(client, ip);
    await expect(enforceTokenRateLimit(client, ip)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(enforceTokenRateLimit(`client-${randomUUID()}`, ip)).resolves.toBeUndefined();
  });

  it("charges the requests that went ahead of Redis within a flush interval, with no request waiting after them", async () => {
    const who = { userId: `user-${randomUUID()}`, ip: null };
    const bucket = RATE_LIMITS.api.perUser;
    const early = 100;
    const started = Date.now();
    for (let i = 0; i < early; i++) await enforceRateLimit("api", who); // the first waits; the rest go ahead, owed
    await new Promise((r) => setTimeout(r, OWED_FLUSH_MS + 250));
    // A new connection forgets what this process heard and whatever it still owed: Redis alone decides now.
    useRateLimitRedis(null);
    let passed = 0;
    for (;;) {
      const refused = await enforceRateLimit("api", who).then(() => false, (err: unknown) => err instanceof RateLimitedError);
      if (refused) break;
      if (++passed > bucket.burst) throw new Error("never limited");
    }
    const refilled = Math.ceil(((Date.now() - started) * bucket.perMinute) / 60_000);
    expect(passed).toBeGreaterThanOrEqual(bucket.burst - early);
    expect(passed).toBeLessThanOrEqual(bucket.burst - early + refilled + 1);
  });

  it("fails open, never 500, when Redis cannot answer", async () => {
    const dead = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    dead.on("error", () => undefined);
    useRateLimitRedis(dead);
    const { cookie } = await sessionCookie(await createUser("admin"));
    const res = await me(apiRequest("/api/v1/me", { cookie, headers: { "x-forwarded-for": freshIp() } }), params({}));
    expect(res.status).toBe(200);
    dead.disconnect();
  });
});
