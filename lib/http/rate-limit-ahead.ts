/**
 * What this process last heard from Redis about a set of rate-limit buckets, so a request need not
 * wait for the limiter's round trip while its buckets are comfortably full (lib/http/rate-limit.ts).
 *
 * The bucket stays in Redis and every request still takes its token there; only the wait moves.
 * A request goes ahead without waiting when the last answer for its buckets is under a second old
 * and, after subtracting the takes still in flight from this process and its own, more than half of
 * the smallest bucket would remain. Otherwise — a new or stale set, a bucket at half or below, a
 * refusal, a Redis error — it waits for Redis exactly as before, so the 429 with Retry-After, the
 * per-user and per-address limits and the fail-open rule near exhaustion are unchanged. The most a
 * bucket can be overdrawn is what other processes took in the last second or in one round trip
 * while this one still believed it half full: far less than the half of the bucket that was left.
 * Refill is never credited locally (only Redis adds tokens), so the estimate errs low.
 *
 * The takes of requests that went ahead are owed, not sent one by one: lib/http/rate-limit.ts
 * sends what each set owes as one take of that many tokens, every set's in one Redis write, at
 * most `OWED_FLUSH_MS` later, and before any take a request waits for. Owed takes count as in
 * flight, so this process alone never draws a bucket below half without hearing from Redis; what
 * other processes see of its takes is late by at most that interval plus a round trip, well
 * inside the second an answer is trusted for.
 */

/** An answer older than this is not trusted (other processes draw from the same buckets). */
const FRESH_MS = 1_000;
/** The longest an owed take waits before it is sent. */
export const OWED_FLUSH_MS = 100;
const MAX_ENTRIES = 10_000;

export type Known = { level: number; inFlight: number; at: number };
const known = new Map<string, Known>();

/** The tokens the set `id` (of buckets whose smallest holds `minBurst`) would keep after one more take, if that may go ahead unwaited; else null. */
export function goAhead(id: string, minBurst: number, now = Date.now()): Known | null {
  const k = known.get(id);
  if (!k || now - k.at > FRESH_MS || k.level - k.inFlight - 1 <= minBurst / 2) return null;
  k.inFlight++;
  return k;
}

/**
 * Record Redis' answer for `id`: `level` tokens left in its emptiest bucket after the take (0
 * after a refusal). `count` is how many go-ahead takes of `wentAhead` that one take carried.
 */
export function heard(id: string, level: number, wentAhead: Known | null, now = Date.now(), count = 1): void {
  let k = wentAhead ?? known.get(id);
  if (wentAhead) wentAhead.inFlight -= count;
  if (!k) {
    if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
    known.set(id, (k = { level, inFlight: 0, at: now }));
  }
  k.level = level;
  k.at = now;
}

/** Forget `id` (its take failed: the next request waits for Redis and fails open there if it must). */
export function forget(id: string, wentAhead: Known | null, count = 1): void {
  if (wentAhead) wentAhead.inFlight -= count;
  known.delete(id);
}

/** Forget everything (a new connection, tests). */
export function forgetAll(): void {
  known.clear();
}
