/**
 * The worker's liveness signal for container health checks: every 15 s, if PostgreSQL and Redis
 * answer, the file WORKER_HEARTBEAT_FILE is touched. docker-compose's worker health check fails
 * when it is older than a minute (the process hung, or lost a dependency for that long).
 */
import { writeFile } from "node:fs/promises";
import { checkHealth } from "@/lib/health";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

export const HEARTBEAT_EVERY_MS = 15_000;

/** Start beating; returns the function that stops it. */
export function startHeartbeat(): () => void {
  const beat = async () => {
    const h = await checkHealth().catch(() => null);
    if (h?.status === "ok") await writeFile(env.WORKER_HEARTBEAT_FILE, new Date().toISOString()).catch((err: Error) => logger.warn({ err: err.message }, "heartbeat not written"));
  };
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
