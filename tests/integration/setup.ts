/**
 * Per-file set-up: every /api/v1 response a test receives is checked against the OpenAPI document
 * (a mismatch fails that test), and at the end the pool and producer queues close so each test
 * file exits cleanly.
 */
import { afterAll, afterEach } from "vitest";
import { stopSessionCache } from "@/lib/auth/session-cache";
import { pool } from "@/lib/db/client";
import { observeApiResponses } from "@/lib/http/observe";
import { closeQueues } from "@/lib/queue/queues";
import { closeOneTime } from "@/lib/smart/one-time";
import { checkApiResponse, isDocumentedPath } from "../support/openapi-check";

const pending: Promise<string[]>[] = [];
const stats = globalThis as unknown as { dermrelayCheckedResponses?: number };

observeApiResponses((req, res) => {
  const { pathname } = new URL(req.url);
  if (!pathname.startsWith("/api/v1/") || !isDocumentedPath(pathname)) return;
  stats.dermrelayCheckedResponses = (stats.dermrelayCheckedResponses ?? 0) + 1;
  const copy = res.clone();
  pending.push(copy.text().then((body) => checkApiResponse(req.method, pathname, copy.status, copy.headers.get("content-type"), body)));
});

afterEach(async () => {
  const errors = (await Promise.all(pending.splice(0))).flat();
  if (errors.length) throw new Error(`responses that do not match the OpenAPI document:\n${[...new Set(errors)].slice(0, 20).join("\n")}`);
});

afterAll(async () => {
  await closeQueues();
  await closeOneTime();
  await stopSessionCache();
  await pool.end();
});
