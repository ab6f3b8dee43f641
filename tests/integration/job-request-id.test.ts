/**
 * The queue registry is complete and every job carries the request that caused it: the request id
 * of the HTTP request travels in the payload (an id, never PHI) through the outbox into the job's
 * audit rows and log lines, and on to the jobs that job enqueues. Payloads are re-parsed by every
 * processor, the maintenance one included.
 */
import { UnrecoverableError, type Job } from "bullmq";
import { and, eq, inArray, sql } from "drizzle-orm";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { db } from "@/lib/db/client";
import { auditEvents, cases, notifications, outbox } from "@/lib/db/schema";
import { addLogStream, logger } from "@/lib/log";
import { JOBS, QUEUE_NAMES } from "@/lib/queue/queues";
import { reconcile } from "@/lib/queue/reconcile";
import deliverNotificationJob from "@/workers/processors/deliver-notification";
import maintenanceJob, { MAINTENANCE_JOBS } from "@/workers/processors/maintenance";
import processPhotoJob from "@/workers/processors/process-photo";
import triageCaseJob from "@/workers/processors/triage-case";
import { REGISTRY } from "@/workers/registry";
import { SCHEDULES } from "@/workers/schedules";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, uploadPhotoRequest } from "../support/referrals";

/** Every log line written while the test runs. */
const lines: string[] = [];
beforeAll(() => {
  logger.level = "info";
  addLogStream(new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
});
afterAll(() => {
  logger.level = "silent";
});

/** A job as BullMQ hands it to a processor, for an outbox row. */
const jobOf = (row: typeof outbox.$inferSelect) => ({ id: `outbox-${row.id}`, name: row.name, queueName: row.queue, data: row.payload }) as unknown as Job;

async function outboxRows(queue: string, key: string, value: string) {
  return db.select().from(outbox).where(and(eq(outbox.queue, queue), sql`${outbox.payload}->>${key} = ${value}`));
}

describe("queue registry", () => {
  it("declares every job the worker runs: one processor per queue, one handler and one schedule per maintenance job", () => {
    expect(REGISTRY.map((r) => r.queue).sort()).toEqual([...QUEUE_NAMES].sort());
    const declared = Object.keys(JOBS.maintenance).sort();
    expect(declared).toContain("outbox-retention");
    expect([...MAINTENANCE_JOBS].sort()).toEqual(declared);
    expect(SCHEDULES.map((s) => s.id).sort()).toEqual(declared);
  });

  it("re-parses payloads in every processor: an undeclared field or a malformed id fails for good", async () => {
    const bad = (name: string, data: unknown, queueName: string) => ({ id: "bad-1", name, queueName, data }) as unknown as Job;
    const cases: [string, (job: Job) => Promise<unknown>, Job][] = [
      ["triage", triageCaseJob, bad("triage", { caseId: "not-a-uuid" }, "triage")],
      ["photos", processPhotoJob, bad("process", { photoId: crypto.randomUUID(), name: "Jane" }, "photos")],
      ["notifications", deliverNotificationJob, bad("deliver", {}, "notifications")],
      ["maintenance", maintenanceJob, bad("sla-sweep", { mrn: "NS-1001" }, "maintenance")],
      ["maintenance (request id with PHI-sized text)", maintenanceJob, bad("outbox-retention", { requestId: "Jane Smith, born 1970" }, "maintenance")],
      ["maintenance (undeclared job)", maintenanceJob, bad("drop-everything", {}, "maintenance")],
    ];
    for (const [what, processor, job] of cases) await expect(processor(job), what).rejects.toBeInstanceOf(UnrecoverableError);
    // A well-formed maintenance job runs.
    await expect(maintenanceJob(bad("outbox-retention", { requestId: "req-maint-0001" }, "maintenance"))).resolves.toBeDefined();
  });
});

describe("request id from HTTP request to job", () => {
  it("carries the upload's and the submit's request ids into the photo and triage jobs, their audit rows and logs, and on to the e-mail jobs", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id, { suspected: "melanoma" });

    // Upload: the photo job's payload carries the upload request's id, and so does its audit row.
    const uploadId = `req-upload-${crypto.randomUUID().slice(0, 8)}`;
    const up = await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800), {}, { "x-request-id": uploadId });
    expect(up.status).toBe(201);
    const photoId = ((await up.json()) as { id: string }).id;
    const [photoRow] = await outboxRows("photos", "photoId", photoId);
    expect(photoRow!.payload).toEqual({ photoId, requestId: uploadId });
    await processPhotoJob(jobOf(photoRow!));
    const photoAudit = await db.select().from(auditEvents).where(eq(auditEvents.resourceId, photoId));
    // The referrer's upload row and the pipeline's own row: both under the upload's request id.
    expect(photoAudit.map((a) => [a.actorId, a.requestId])).toEqual(expect.arrayContaining([[t.referrer.id, uploadId], [null, uploadId]]));
    expect(lines.some((l) => l.includes(uploadId) && l.includes("photo processed"))).toBe(true);

    // Submit: the triage job carries the submit request's id into the triage audit row and log line.
    const submitId = `req-submit-${crypto.randomUUID().slice(0, 8)}`;
    const res = await submitRoute(apiRequest(`/api/v1/cases/${draft.id}/submit`, { cookie, method: "POST", headers: { "x-request-id": submitId } }), params({ id: draft.id }));
    expect(res.status).toBe(200);
    const [triageRow] = await outboxRows("triage", "caseId", draft.id);
    expect(triageRow!.payload).toEqual({ caseId: draft.id, requestId: submitId });
    await expect(triageCaseJob(jobOf(triageRow!))).resolves.toMatchObject({ status: "triaged", priority: "urgent" });
    const [triageAudit] = await db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, draft.id), eq(auditEvents.action, "case.triage")));
    expect(triageAudit!.requestId).toBe(submitId);
    const triageLog = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "case triage job done" && l.caseId === draft.id);
    expect(triageLog).toMatchObject({ requestId: submitId, queue: "triage", jobId: `outbox-${triageRow!.id}` });

    // The urgent case's notifications to specialists: their e-mail jobs carry the same id on.
    const notes = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.caseId, draft.id));
    expect(notes.length).toBeGreaterThan(0);
    const mails = await db.select().from(outbox).where(and(eq(outbox.queue, "notifications"), inArray(sql`${outbox.payload}->>'notificationId'`, notes.map((n) => n.id))));
    expect(mails.map((m) => m.payload.requestId)).toEqual(notes.map(() => submitId));

    // Ids only: the patient never appears in what the jobs logged.
    for (const l of lines) expect(l).not.toContain(patient.mrn);
  });
});

describe("reconcile", () => {
  it("re-enqueues a case stuck in submitted once: not again while that job is still pending", async () => {
    const t = await createTenant();
    const patient = await createPatient(t.clinic.id);
    const [stuck] = await db
      .insert(cases)
      .values({ clinicId: t.clinic.id, patientId: patient.id, createdBy: t.referrer.id, status: "submitted", submittedAt: new Date(Date.now() - 3600_000) })
      .returning({ id: cases.id });
    await reconcile(db);
    await reconcile(db);
    const rows = await outboxRows("triage", "caseId", stuck!.id);
    expect(rows.map((r) => r.payload)).toEqual([{ caseId: stuck!.id }]);
  });
});
