/** Before the browser suite: a fresh, migrated and seeded end-to-end database. */
import { Client } from "pg";
import { e2eEnv } from "./env";

Object.assign(process.env, e2eEnv, { NODE_ENV: "test" });
const url = e2eEnv.MIGRATION_DATABASE_URL!;
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
await client.end();

// A fresh database restarts outbox ids: clear this prefix's queues too, so no job of an earlier
// run can stand in for a new one.
const { deleteKeysWithPrefix } = await import("../support/redis-keys");
await deleteKeysWithPrefix(e2eEnv.REDIS_URL!, e2eEnv.QUEUE_PREFIX!);

const { runMigrations } = await import("@/lib/db/migrate");
await runMigrations(url, e2eEnv.DATABASE_URL!);
const { db, pool } = await import("@/lib/db/client");
const { seedDemo } = await import("@/lib/db/seed-demo");
process.stdout.write(`e2e database ready: ${JSON.stringify(await seedDemo(db))}\n`);
await pool.end();
process.exit(0);
