/**
 * What the database benches (queue, metrics) share: the environment they run under, a database of
 * their own, a real session cookie and nearest-rank percentiles. Nothing from lib/ is imported at
 * the top: lib/env.ts validates process.env when first imported, so a bench calls `setBenchEnv`
 * before anything loads it.
 */
import { Client } from "pg";
import type { Db } from "@/lib/db/client";

export const out = (s: string) => process.stdout.write(`${s}\n`);

/** Point the app at `dbUrl`, with quiet logs, a queue prefix of this process and no MFA prompt. */
export function setBenchEnv(name: string, dbUrl: string) {
  // dbUrl names the owner; the bench runs the app as the runtime role, as production does.
  process.env.MIGRATION_DATABASE_URL = dbUrl;
  const runtime = new URL(dbUrl);
  runtime.username = "dermrelay_app";
  runtime.password = "";
  process.env.DATABASE_URL = runtime.toString();
  process.env.QUEUE_PREFIX ??= `bench-${name}-${process.pid}`;
  process.env.LOG_LEVEL ??= "warn";
  process.env.MFA_REQUIRED_ROLES ??= "none";
}

/** Drop and create the database of `dbUrl` (connecting through `postgres`), then migrate it. */
export async function freshDatabase(dbUrl: string) {
  const admin = new URL(dbUrl);
  admin.pathname = "/postgres";
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  const name = new URL(dbUrl).pathname.slice(1);
  await c.query(`drop database if exists "${name}" with (force)`);
  await c.query(`create database "${name}"`);
  await c.end();
  const { runMigrations } = await import("@/lib/db/migrate");
  await runMigrations(dbUrl, process.env.DATABASE_URL ?? dbUrl);
}

/** A real session for `userId` as the Cookie header value Auth.js would have set. */
export async function sessionCookie(db: Db, userId: string) {
  const { encode } = await import("next-auth/jwt");
  const { env } = await import("@/lib/env");
  const { createSession } = await import("@/lib/auth/sessions");
  const { SESSION_COOKIE_NAME } = await import("@/lib/auth/current");
  const sid = await createSession(db, userId, "127.0.0.1");
  const token = await encode({ token: { sub: userId, sid }, secret: env.AUTH_SECRET, salt: SESSION_COOKIE_NAME, maxAge: 3600 });
  return `${SESSION_COOKIE_NAME}=${token}`;
}

/** The nearest-rank `p`th percentile (0–100) of `xs`. */
export function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export const stats = (xs: number[]) => ({ median: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
