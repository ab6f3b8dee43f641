/** Per-file teardown: close the pool and producer queues so each test file exits cleanly. */
import { afterAll } from "vitest";
import { stopSessionCache } from "@/lib/auth/session-cache";
import { pool } from "@/lib/db/client";
import { closeQueues } from "@/lib/queue/queues";

afterAll(async () => {
  await closeQueues();
  await stopSessionCache();
  await pool.end();
});
