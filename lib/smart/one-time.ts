/**
 * Single-use values in Redis for SMART: a pending authorization (state → PKCE verifier, nonce,
 * connection, cookie binding) taken once with GETDEL so a replayed state finds nothing, and
 * Backend Services assertion ids (jti) remembered until they expire so a replay is refused.
 */
import type { Redis } from "ioredis";
import { env } from "../env";
import { createProducerConnection } from "../queue/redis";

let redis: Redis | null = null;
const conn = () => (redis ??= createProducerConnection());
/** The connection once it is ready (a fresh producer connection refuses commands until then). */
async function ready(): Promise<Redis> {
  const r = conn();
  if (r.status === "ready") return r;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Redis is not reachable")), 3_000);
    r.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return r;
}
const key = (kind: string, id: string) => `${env.QUEUE_PREFIX}:smart:${kind}:${id}`;

/** Store `value` under a fresh id for `ttlSeconds`. */
export async function putOnce(kind: string, id: string, value: unknown, ttlSeconds: number): Promise<void> {
  await (await ready()).set(key(kind, id), JSON.stringify(value), "EX", ttlSeconds);
}

/** Take the value stored under `id` (it is gone afterwards); null when absent or already taken. */
export async function takeOnce(kind: string, id: string): Promise<unknown> {
  const raw = await (await ready()).getdel(key(kind, id));
  return raw === null ? null : (JSON.parse(raw) as unknown);
}

/** Read the value stored under `id` without taking it (short-lived access tokens); null when absent. */
export async function peek(kind: string, id: string): Promise<unknown> {
  const raw = await (await ready()).get(key(kind, id));
  return raw === null ? null : (JSON.parse(raw) as unknown);
}

/** Remember `id` until `expiresAtSeconds`; false when it was already seen (a replay). */
export async function claimOnce(kind: string, id: string, expiresAtSeconds: number): Promise<boolean> {
  const ttl = Math.max(1, expiresAtSeconds - Math.floor(Date.now() / 1000) + 60);
  return (await (await ready()).set(key(kind, id), "1", "EX", ttl, "NX")) === "OK";
}

/** Close the connection (tests, shutdown). */
export async function closeOneTime(): Promise<void> {
  const r = redis;
  redis = null;
  await r?.quit().catch(() => undefined);
}
