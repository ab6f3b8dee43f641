/** Create and migrate this run's own test database; drop it when the run ends. */
import { Client } from "pg";
import { runMigrations } from "../../lib/db/migrate";
import { RUNTIME_DB_ROLE, withDbUser } from "../../lib/db/urls";
import { deleteKeysWithPrefix } from "../support/redis-keys";

async function dropDatabase(url: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  } finally {
    await client.end();
  }
}

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is set by vitest.config.ts");
  await dropDatabase(url);
  await runMigrations(url, withDbUser(url, RUNTIME_DB_ROLE));
  return async () => {
    if (process.env.KEEP_TEST_DATABASE) return;
    await dropDatabase(url);
    await deleteKeysWithPrefix(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", process.env.TEST_QUEUE_PREFIX!);
  };
}
