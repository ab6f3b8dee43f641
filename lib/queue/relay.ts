/**
 * Moves committed outbox rows into BullMQ with the outbox id as job id, so a row published twice
 * (a crash between publish and mark) is still one job. Rows stay pending while Redis is down and
 * go out when it returns.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { outbox } from "../db/schema";
import type { Queue } from "bullmq";
import { logger } from "../log";
import { jobIdFor } from "./outbox";
import { getQueue, QUEUE_NAMES, type QueueName } from "./queues";

export type Publisher = (queue: QueueName, name: string, data: Record<string, unknown>, jobId: string) => Promise<void>;

const PUBLISH_TIMEOUT_MS = 5_000;

/** A publisher over `queueFor`; a Redis that does not answer within the timeout counts as a failure. */
export function publisherFor(queueFor: (name: QueueName) => Queue, timeoutMs = PUBLISH_TIMEOUT_MS): Publisher {
  return async (queue, name, data, jobId) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("redis did not answer")), timeoutMs);
    });
    try {
      await Promise.race([queueFor(queue).add(name, data, { jobId }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Publish through this process's producer queues. */
export const bullPublisher: Publisher = publisherFor(getQueue);

/** Publish up to `batch` pending rows; returns how many went out. Stops at the first failure. */
export async function relayOutbox(db: Database, publish: Publisher = bullPublisher, batch = 100): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(isNull(outbox.publishedAt))
      .orderBy(asc(outbox.id))
      .limit(batch)
      .for("update", { skipLocked: true });
    let sent = 0;
    for (const row of rows) {
      if (!QUEUE_NAMES.includes(row.queue as QueueName)) {
        await tx.update(outbox).set({ lastError: "unknown queue", attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
        continue;
      }
      try {
        await publish(row.queue as QueueName, row.name, row.payload, jobIdFor(row.id, row.createdAt));
      } catch (err) {
        await tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError: String((err as Error).message).slice(0, 200) })
          .where(eq(outbox.id, row.id));
        logger.warn({ outboxId: row.id, queue: row.queue }, "outbox publish failed; will retry");
        break;
      }
      await tx.update(outbox).set({ publishedAt: new Date() }).where(and(eq(outbox.id, row.id), isNull(outbox.publishedAt)));
      sent++;
    }
    return sent;
  });
}
