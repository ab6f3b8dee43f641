import { Queue } from "bullmq";
import { eq, inArray } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { db } from "@/lib/db/client";
import { outbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { enqueue, jobIdFor } from "@/lib/queue/outbox";
import { purgePublishedOutbox } from "@/lib/queue/outbox-retention";
import { getQueue } from "@/lib/queue/queues";
import { createProducerConnection } from "@/lib/queue/redis";
import { relayOutbox, type Publisher } from "@/lib/queue/relay";
import { apiRequest, params } from "../support/factories";

/** A real BullMQ queue on a port where no Redis listens: what "Redis is down" looks like to the relay. */
function deadRedisPublisher(): { publish: Publisher; close: () => Promise<void> } {
  const queues = new Map<string, Queue>();
  return {
    publish: async (queue, name, data, jobId) => {
      let q = queues.get(queue);
      if (!q) {
        q = new Queue(queue, { connection: createProducerConnection("redis://127.0.0.1:1"), prefix: env.QUEUE_PREFIX });
        q.on("error", () => undefined);
        queues.set(queue, q);
      }
      await Promise.race([
        q.add(name, data, { jobId }),
        new Promise((_, reject) => setTimeout(() => reject(new Error("redis did not answer")), 1_000)),
      ]);
    },
    close: async () => {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
    },
  };
}

describe("transactional outbox", () => {
  it("publishes nothing for a rolled-back transaction", async () => {
    const photoId = randomUUID();
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, "photos", "process", { photoId });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    const rows = await db.select().from(outbox);
    expect(rows.some((r) => r.payload.photoId === photoId)).toBe(false);
  });

  it("refuses payloads that are not declared (no PHI can ride along)", async () => {
    await expect(
      db.transaction((tx) => enqueue(tx, "photos", "process", { photoId: randomUUID(), name: "Jane" } as never)),
    ).rejects.toThrow();
  });

  it("keeps jobs while Redis is down and publishes them, once, with the outbox id as job id when it returns", async () => {
    while ((await relayOutbox(db)) > 0); // rows other test files left pending go out first
    const photoId = randomUUID();
    const outboxId = await db.transaction((tx) => enqueue(tx, "photos", "process", { photoId }));
    const dead = deadRedisPublisher();
    try {
      expect(await relayOutbox(db, dead.publish)).toBe(0);
    } finally {
      await dead.close();
    }
    const [pending] = await db.select().from(outbox).where(eq(outbox.id, outboxId));
    expect(pending!.publishedAt).toBeNull();
    expect(pending!.attempts).toBe(1);

    expect(await relayOutbox(db)).toBeGreaterThanOrEqual(1);
    const job = await getQueue("photos").getJob(jobIdFor(outboxId, pending!.createdAt));
    expect(job?.data).toEqual({ photoId });
    // A second relay pass (or a duplicate publish) does not create another job.
    await relayOutbox(db);
    await getQueue("photos").add("process", { photoId }, { jobId: jobIdFor(outboxId, pending!.createdAt) });
    const jobs = await getQueue("photos").getJobs(["waiting", "delayed", "active"]);
    expect(jobs.filter((j) => j.data.photoId === photoId)).toHaveLength(1);
  });
});

describe("outbox retention", () => {
  it("deletes rows published more than a week ago and keeps recent and pending rows, however old", async () => {
    const now = new Date();
    const day = 24 * 3600_000;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * day);
    const rows = await db
      .insert(outbox)
      .values([
        { queue: "maintenance", name: "retention-old-published", payload: {}, createdAt: at(9), publishedAt: at(8) },
        { queue: "maintenance", name: "retention-recent-published", payload: {}, createdAt: at(2), publishedAt: at(2) },
        { queue: "maintenance", name: "retention-old-pending", payload: {}, createdAt: at(30), publishedAt: null },
      ])
      .returning({ id: outbox.id, name: outbox.name });
    expect(await purgePublishedOutbox(db, now)).toBeGreaterThanOrEqual(1);
    const left = await db.select({ name: outbox.name }).from(outbox).where(inArray(outbox.id, rows.map((r) => r.id)));
    expect(left.map((r) => r.name).sort()).toEqual(["retention-old-pending", "retention-recent-published"]);
    expect(await purgePublishedOutbox(db, now)).toBe(0); // idempotent
  });
});

describe("health", () => {
  it("reports db and redis up", async () => {
    const res = await health(apiRequest("/api/health"), params({}));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "up", redis: "up" });
  });

  it("reports redis down", async () => {
    const dead = createProducerConnection("redis://127.0.0.1:1");
    try {
      expect(await checkHealth(dead)).toEqual({ status: "degraded", db: "up", redis: "down" });
    } finally {
      dead.disconnect();
    }
  });
});
