/**
 * Issue 14 fault: Redis restarted empty (no persistence) with cases submitted and photos processing.
 * A private redis-server (tests/support/worker-process.ts) holds the published jobs — triage of two
 * submitted cases, processing of two photos — and is SIGKILLed before any worker takes them; a fresh
 * empty one starts on the same port, then the real worker process. The outbox rows are already
 * marked published, so only the reconciler (its maintenance job, run twice) brings the work back:
 * afterwards every case is triaged once and every photo processed once.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { db } from "@/lib/db/client";
import { auditEvents, caseEvents, cases, photos } from "@/lib/db/schema";
import { relayOutbox } from "@/lib/queue/relay";
import { objectStoreFromEnv } from "@/lib/storage/from-env";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";
import { freePort, kill, killWorker, privateProducer, startRedis, startWorker } from "../support/worker-process";

const PREFIX = `${process.env.QUEUE_PREFIX}-rfault`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "dermrelay-rfault-"));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

describe("Redis restarted empty", () => {
  it("the reconciler brings back every lost job: each case triaged once, each photo processed once", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    let redis: ChildProcess = await startRedis(port);
    cleanups.push(() => kill(redis));

    // The test's producer: BullMQ queues on the private Redis, under the worker's prefix.
    const { queueFor, publish, close } = privateProducer(url, PREFIX);
    cleanups.push(close);

    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const upload = async (caseId: string, seed: number) => {
      const res = await uploadPhotoRequest(cookie, caseId, await jpeg(1600, 1200, seed));
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    // Two submitted cases (their photos processed, their triage jobs in Redis)…
    const submitted: string[] = [];
    const photoIds: string[] = [];
    for (const seed of [1, 2]) {
      const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
      photoIds.push(await upload(draft.id, seed));
      await processCasePhotos(draft.id);
      const res = await submitRoute(apiRequest(`/api/v1/cases/${draft.id}/submit`, { cookie, method: "POST" }), params({ id: draft.id }));
      expect(res.status).toBe(200);
      submitted.push(draft.id);
    }
    // …and two photos still processing (their jobs in Redis).
    const processing: string[] = [];
    for (const seed of [3, 4]) {
      const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
      processing.push(await upload(draft.id, seed));
    }
    photoIds.push(...processing);
    while ((await relayOutbox(db, publish)) > 0); // every row published: the jobs live only in Redis
    expect((await queueFor("triage").getWaiting()).filter((j) => submitted.includes(j.data.caseId))).toHaveLength(2);
    expect((await queueFor("photos").getWaiting()).filter((j) => processing.includes(j.data.photoId))).toHaveLength(2);

    // Redis dies before a worker took anything, and comes back empty.
    await kill(redis);
    redis = await startRedis(port);
    await expect.poll(async () => (await queueFor("triage").getJobCounts()).waiting, { timeout: 10_000 }).toBe(0);

    const worker = await startWorker({ REDIS_URL: url, QUEUE_PREFIX: PREFIX, WORKER_HEARTBEAT_FILE: path.join(tmp, "heartbeat") });
    cleanups.push(() => killWorker(worker));

    // The outage outlasted the reconciler's staleness window (5 minutes): age the rows by as much.
    const owner = new Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`update cases set submitted_at = submitted_at - interval '10 minutes' where id = any($1)`, [submitted]);
      await owner.query(`update photos set created_at = created_at - interval '10 minutes' where id = any($1)`, [processing]);
    } finally {
      await owner.end();
    }
    const runReconcile = async () => {
      const job = await queueFor("maintenance").add("reconcile", {});
      await expect.poll(async () => (await job.getState()) === "completed", { timeout: 15_000, interval: 200 }).toBe(true);
    };
    await runReconcile();

    await expect
      .poll(
        async () => {
          const c = await db.select({ status: cases.status }).from(cases).where(inArray(cases.id, submitted));
          const p = await db.select({ status: photos.status }).from(photos).where(inArray(photos.id, processing));
          return [...c.map((r) => r.status), ...p.map((r) => r.status)];
        },
        { timeout: 30_000, interval: 300 },
      )
      .toEqual(["triaged", "triaged", "ready", "ready"]);
    await runReconcile(); // nothing is stuck any more: a second pass re-enqueues nothing
    await new Promise((r) => setTimeout(r, 2_000)); // time for anything it might have enqueued to run

    // None twice: one triage transition per case, one processing per photo, one set of renditions.
    const transitions = await db
      .select({ caseId: caseEvents.caseId })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, submitted), eq(caseEvents.toStatus, "triaged")));
    expect(transitions.map((r) => r.caseId).sort()).toEqual([...submitted].sort());
    const processed = await db
      .select({ id: auditEvents.resourceId })
      .from(auditEvents)
      .where(and(eq(auditEvents.resourceType, "photo"), eq(auditEvents.action, "photo.process"), inArray(auditEvents.resourceId, photoIds)));
    expect(processed.map((r) => r.id).sort()).toEqual([...photoIds].sort());
    const store = objectStoreFromEnv();
    for (const id of photoIds) {
      expect((await store.list(`photos/${id}/`)).map((o) => o.key).sort()).toEqual(["display", "master", "thumb"].map((v) => `photos/${id}/${v}`));
    }
  }, 60_000);
});
