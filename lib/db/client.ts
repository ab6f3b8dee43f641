/**
 * The one PostgreSQL pool and drizzle client. Cached on globalThis so Next.js hot reload in
 * development does not open a new pool per edit. Functions take a `Database` argument so tests and
 * transactions can pass their own handle.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { env } from "../env";
import * as schema from "./schema";
import { RUNTIME_DB_ROLE } from "./urls";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle is usable wherever a Database is. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Db = Database | Tx;

const globalForDb = globalThis as unknown as { dermrelayPool?: Pool; dermrelayDb?: Database };

/** The privilege group every runtime login belongs to (migration 0003; lib/db/migrate.ts). */
export const APP_DB_ROLE = RUNTIME_DB_ROLE;

export const pool: Pool =
  globalForDb.dermrelayPool ??
  new Pool({
    // The runtime login role: it owns nothing and is a member of no role that does, so no
    // statement (not even an injected RESET ROLE) can reach the owner's rights.
    connectionString: env.DATABASE_URL,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
export const db: Database = globalForDb.dermrelayDb ?? drizzle({ client: pool, schema, casing: "snake_case" });

if (env.NODE_ENV !== "production") {
  globalForDb.dermrelayPool = pool;
  globalForDb.dermrelayDb = db;
}
