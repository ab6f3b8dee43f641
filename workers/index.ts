/**
 * The worker process (`npm run worker`): the outbox relay plus one BullMQ Worker per registered
 * queue, each on its own Redis connection. SIGTERM/SIGINT close workers first (letting jobs in
 * flight finish), then producer queues, Redis and the database pool.
 */
import { Worker } from "bullmq";
import { db, pool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { requestIdOf } from "@/lib/queue/job-context";
import { closeQueues } from "@/lib/queue/queues";
import { createWorkerConnection } from "@/lib/queue/redis";
import { startRelayLoop } from "@/lib/queue/relay-loop";
import { restrictSharpLoaders } from "@/lib/photos/loader-policy";
import { startSchedules } from "./schedules";
import { REGISTRY } from "./registry";

async function main() {
  restrictSharpLoaders(); // libvips in this process loads JPEG, PNG, WebP and HEIF (AVIF) only
  const relay = startRelayLoop(db);
  const workers: Worker[] = [];
  for (const reg of REGISTRY) {
    const processor = await reg.load();
    const worker = new Worker(reg.queue, processor, {
      connection: createWorkerConnection(),
      prefix: env.QUEUE_PREFIX,
      concurrency: reg.concurrency,
    });
    worker.on("failed", (job, err) =>
      logger.warn({ queue: reg.queue, jobId: job?.id, requestId: requestIdOf(job?.data), attempts: job?.attemptsMade, err: err.message }, "job failed"),
    );
    worker.on("error", (err) => logger.error({ queue: reg.queue, err: err.message }, "worker error"));
    workers.push(worker);
  }
  await startSchedules();
  logger.info({ queues: REGISTRY.map((r) => r.queue), prefix: env.QUEUE_PREFIX }, "worker started");

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "worker shutting down");
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await relay.stop();
    await Promise.all(workers.map((w) => w.close()));
    await closeQueues();
    await pool.end();
    logger.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  logger.fatal({ err }, "worker failed to start");
  process.exit(1);
});
