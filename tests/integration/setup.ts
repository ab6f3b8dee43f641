/** Per-file teardown: close the pool and producer queues so each test file exits cleanly. */
import { afterAll } from "vitest";
import { stopSessionCache } from "@/lib/auth/session-cache";
import { pool } from "@/lib/db/client";
import { closeQueues } from "@/lib/queue/queues";
import { closeOneTime } from "@/lib/smart/one-time";

afterAll(async () => {
  await closeQueues();
  await closeOneTime();
  await stopSessionCache();
  await pool.end();
});
