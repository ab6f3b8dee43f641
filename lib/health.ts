/** Dependency checks for GET /api/health: each answers within a short timeout or counts as down. */
import { sql } from "drizzle-orm";
import type { Redis } from "ioredis";
import { db } from "./db/client";
import { createProducerConnection } from "./queue/redis";

const TIMEOUT_MS = 2_000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS))]);
}

let redis: Redis | null = null;

export type Health = { status: "ok" | "degraded"; db: "up" | "down"; redis: "up" | "down" };

/** Ping PostgreSQL and Redis (`redisClient` lets a test point at a Redis that is down). */
export async function checkHealth(redisClient?: Redis): Promise<Health> {
  const dbUp = await withTimeout(db.execute(sql`select 1`)).then(() => true, () => false);
  const client = redisClient ?? (redis ??= createProducerConnection());
  const ready = client.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => client.once("ready", () => resolve()));
  const redisUp = await withTimeout(ready.then(() => client.ping())).then((r) => r === "PONG", () => false);
  return { status: dbUp && redisUp ? "ok" : "degraded", db: dbUp ? "up" : "down", redis: redisUp ? "up" : "down" };
}
