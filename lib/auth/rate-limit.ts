/**
 * Sign-in throttling backed by Redis (fixed windows, INCR + PEXPIRE): attempts per address, and
 * failures per address and per account. Generous enough that legitimate use is never throttled
 * (≥ 60 successful sign-ins a minute from one address), tight enough to stop guessing. Account
 * keys are hashed: no e-mail address is written to Redis. If Redis is unreachable the check
 * fails open — the database lockout in lib/auth/sign-in.ts still protects every account.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { env } from "../env";
import { logger } from "../log";
import { createProducerConnection } from "../queue/redis";

export const SIGN_IN_LIMITS = {
  attemptsPerIp: { limit: 120, windowMs: 60_000 },
  failuresPerIp: { limit: 30, windowMs: 15 * 60_000 },
  failuresPerAccount: { limit: 10, windowMs: 15 * 60_000 },
} as const;

type Rule = { limit: number; windowMs: number };

let redis: Redis | null = null;
const conn = () => (redis ??= createProducerConnection());

const hash = (s: string) => createHash("sha256").update(s.trim().toLowerCase()).digest("hex").slice(0, 32);
const key = (kind: string, id: string) => `${env.QUEUE_PREFIX}:rl:signin:${kind}:${hash(id)}`;

async function count(k: string, rule: Rule, increment: boolean): Promise<number> {
  const r = conn();
  if (!increment) return Number((await r.get(k)) ?? 0);
  const [[, n]] = (await r.multi().incr(k).pexpire(k, rule.windowMs, "NX").exec()) as [[unknown, number]];
  return n;
}

/**
 * Seconds until a client may try again, or 0 when this attempt may proceed. Counts the attempt
 * unless `countAttempt` is false (a pre-check before the counted one).
 */
export async function signInRetryAfter(ip: string | null, email: string, countAttempt = true): Promise<number> {
  try {
    const ipKey = ip ?? "unknown";
    const attempts = await count(key("ip", ipKey), SIGN_IN_LIMITS.attemptsPerIp, countAttempt);
    const ipFailures = await count(key("ipfail", ipKey), SIGN_IN_LIMITS.failuresPerIp, false);
    const accountFailures = await count(key("acct", email), SIGN_IN_LIMITS.failuresPerAccount, false);
    if (attempts > SIGN_IN_LIMITS.attemptsPerIp.limit - (countAttempt ? 0 : 1)) return Math.ceil(SIGN_IN_LIMITS.attemptsPerIp.windowMs / 1000);
    if (ipFailures >= SIGN_IN_LIMITS.failuresPerIp.limit) return Math.ceil(SIGN_IN_LIMITS.failuresPerIp.windowMs / 1000);
    if (accountFailures >= SIGN_IN_LIMITS.failuresPerAccount.limit) return Math.ceil(SIGN_IN_LIMITS.failuresPerAccount.windowMs / 1000);
    return 0;
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "sign-in rate limit unavailable; failing open");
    return 0;
  }
}

/** Count a failed sign-in against the address and the account. */
export async function recordSignInFailure(ip: string | null, email: string): Promise<void> {
  try {
    await count(key("ipfail", ip ?? "unknown"), SIGN_IN_LIMITS.failuresPerIp, true);
    await count(key("acct", email), SIGN_IN_LIMITS.failuresPerAccount, true);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "could not record a sign-in failure");
  }
}
