/**
 * The outbox at work: Redis is stopped while a referrer submits; the submit still succeeds, and the
 * case reaches `triaged` through a real BullMQ worker once Redis is back. Uses a private
 * redis-server on its own port so stopping it disturbs nothing else on the machine.
 */
import { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { db } from "@/lib/db/client";
import { cases, outbox } from "@/lib/db/schema";
import { relayOutbox } from "@/lib/queue/relay";
import triageCaseJob from "@/workers/processors/triage-case";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";
import { freePort, kill, privateProducer, startRedis } from "../support/worker-process";

const PREFIX = "outage-test";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe("submit while Redis is down", () => {
  it("succeeds, and the case is triaged by the worker after Redis returns", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    let redis = await startRedis(port);
    cleanups.push(() => kill(redis));

    const { publish, close } = privateProducer(url, PREFIX, { enableOfflineQueue: false });
    cleanups.push(close);

    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
    await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800));
    await processCasePhotos(draft.id);
    while ((await relayOutbox(db, publish)) > 0); // drain every earlier row while Redis is still up

    await kill(redis);
    const res = await submitRoute(apiRequest(`/api/v1/cases/${draft.id}/submit`, { cookie, method: "POST" }), params({ id: draft.id }));
    expect(res.status).toBe(200);
    expect(await relayOutbox(db, publish)).toBe(0);
    const pending = await db.select().from(outbox).where(eq(outbox.queue, "triage"));
    // Pending (the relay stops at its first failure, which may be an earlier row another file left
    // in the shared test database, so this row's own attempt count is not asserted).
    expect(pending.some((r) => r.payload.caseId === draft.id && r.publishedAt === null)).toBe(true);

    redis = await startRedis(port);
    const workerConn = new Redis(url, { maxRetriesPerRequest: null });
    const worker = new Worker("triage", triageCaseJob, { connection: workerConn, prefix: PREFIX });
    cleanups.push(() => worker.close());
    await expect
      .poll(
        async () => {
          await relayOutbox(db, publish);
          return (await db.select({ status: cases.status }).from(cases).where(eq(cases.id, draft.id)))[0]!.status;
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBe("triaged");
  });
});
