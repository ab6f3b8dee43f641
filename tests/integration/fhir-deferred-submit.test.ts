/**
 * Referral in, submitted when its photos are ready (SPEC §12, lib/cases/submit-when-ready.ts): an
 * `active` transaction Bundle stores its photos as received and answers without decoding them;
 * the worker's photo processor submits the case once the last photo is processed — exactly once,
 * also when two photo jobs finish together — with its event, audit rows, triage job and Task
 * Subscription notification at the real submission time; a photo that fails processing leaves a
 * draft on hold whose reason shows through /api/v1 and /fhir/R4. Jobs run through the real
 * processors, from the outbox rows the requests wrote.
 */
import type { Job } from "bullmq";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle, FhirResource, Media, ServiceRequest, Task } from "fhir/r4";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { POST as submitRoute } from "@/app/api/v1/cases/[id]/submit/route";
import { DELETE as deletePhotoRoute } from "@/app/api/v1/photos/[id]/route";
import { GET as notificationsRoute } from "@/app/api/v1/notifications/route";
import { db } from "@/lib/db/client";
import { auditEvents, caseEvents, cases, outbox, photos } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { photoObjectKey, photoStore } from "@/lib/photos/store";
import { getSlaSettings } from "@/lib/sla/settings";
import { slaDeadline } from "@/lib/sla/rules";
import processPhotoJob from "@/workers/processors/process-photo";
import triageCaseJob from "@/workers/processors/triage-case";
import { cameraJpeg, hugePngHeader } from "../fixtures/images";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";
import { fhirGet, fhirPost, referralBundle } from "../support/fhir";

const SUBSCRIBER = "http://127.0.0.1:1";

/** A job as BullMQ hands it to a processor, for an outbox row. */
const jobOf = (row: typeof outbox.$inferSelect) => ({ id: `outbox-${row.id}`, name: row.name, queueName: row.queue, data: row.payload }) as unknown as Job;

const rowsFor = (queue: string, key: string, ids: string[]) =>
  db.select().from(outbox).where(and(eq(outbox.queue, queue), inArray(sql<string>`${outbox.payload}->>${key}`, ids))).orderBy(asc(outbox.id));

const submitEvents = (caseId: string) => db.select().from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.toStatus, "submitted")));
const auditsOf = (caseId: string, action: string) => db.select().from(auditEvents).where(and(eq(auditEvents.resourceId, caseId), eq(auditEvents.action, action)));
const notifyRows = (subscriptionId: string, caseId: string) =>
  db.select().from(outbox).where(and(eq(outbox.queue, "fhir"), sql`${outbox.payload}->>'subscriptionId' = ${subscriptionId}`, sql`${outbox.payload}->>'resourceId' = ${caseId}`));

function expectValid(resources: FhirResource[]) {
  expect(resources.flatMap((r) => validateFhir(r).map((i) => `${r.resourceType}: ${i.validator} ${i.expression} ${i.message}`))).toEqual([]);
}

async function subscribe(cookie: string, criteria: string): Promise<string> {
  const res = await fhirPost({ cookie }, "/Subscription", {
    resourceType: "Subscription",
    status: "requested",
    reason: "Track referrals",
    criteria,
    channel: { type: "rest-hook", endpoint: `${SUBSCRIBER}/fhir`, payload: "application/fhir+json" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Post an active referral; returns the answer, the case id and its photos' ids in entry order. */
async function postActive(cookie: string, images: Buffer[]) {
  const tag = crypto.randomUUID().slice(0, 8);
  const res = await fhirPost({ cookie }, "", referralBundle({ mrn: `D-${tag}`, identifier: `DEF-${tag}`, status: "active", photos: images }));
  expect(res.status).toBe(200);
  const answer = (await res.json()) as Bundle;
  const at = (type: string) => answer.entry!.filter((e) => e.response?.location?.startsWith(`${type}/`));
  const caseId = at("ServiceRequest")[0]!.response!.location!.split("/")[1]!;
  return { answer, caseId, photoIds: at("Media").map((e) => e.response!.location!.split("/")[1]!), sr: at("ServiceRequest")[0]!, media: at("Media") };
}

const read = async <T>(cookie: string, path: string) => {
  const res = await fhirGet({ cookie }, path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const searchIds = async (cookie: string, path: string) => ((await read<Bundle>(cookie, path)).entry ?? []).map((e) => e.resource!.id);

describe("an active FHIR referral is submitted when its photos are ready", () => {
  beforeAll(() => {
    if (!env.FHIR_SUBSCRIPTION_ORIGINS.includes(SUBSCRIBER)) env.FHIR_SUBSCRIPTION_ORIGINS.push(SUBSCRIBER);
    return warmValidators();
  }, 60_000);

  it("answers with the photos received, not decoded; the photo jobs submit it once, audited, then triage runs from the real submission time", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const requested = await subscribe(cookie, "Task?status=requested");

    const { answer, caseId, photoIds, sr, media } = await postActive(cookie, [await cameraJpeg(1600, 1200), await cameraJpeg(1200, 1600)]);
    expectValid([answer]);
    expect(photoIds).toHaveLength(2);
    // The answer: the ServiceRequest as the sender placed it (active) with a note; photos in preparation.
    expect((sr.resource as ServiceRequest).status).toBe("active");
    expect(sr.response!.outcome?.resourceType).toBe("OperationOutcome");
    expect(JSON.stringify(sr.response!.outcome)).toMatch(new RegExp(`2 photos are processed.*Task/${caseId}`));
    expect(media.map((e) => (e.resource as Media).status)).toEqual(["preparation", "preparation"]);

    // Nothing was decoded in the request: received originals, no renditions, no dimensions.
    const stored = await db.select().from(photos).where(inArray(photos.id, photoIds));
    expect(stored.map((p) => [p.status, p.width, p.processedAt])).toEqual([
      ["processing", null, null],
      ["processing", null, null],
    ]);
    for (const id of photoIds) {
      await expect(photoStore().getObject(photoObjectKey(id, "original"))).resolves.toBeInstanceOf(Buffer);
      await expect(photoStore().getObject(photoObjectKey(id, "display"))).rejects.toThrow();
    }
    const [pending] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(pending).toMatchObject({ status: "draft", submittedAt: null, submitRequestedBy: t.referrer.id, submitRequestedRole: "referrer", submitHeldReason: null });
    expect(await submitEvents(caseId)).toEqual([]);
    expect(await rowsFor("triage", "caseId", [caseId])).toEqual([]);
    expect(await notifyRows(requested, caseId)).toEqual([]);
    expect(await auditsOf(caseId, "case.submit_request")).toMatchObject([{ actorId: t.referrer.id, outcome: "success" }]);

    // FHIR shows the request standing and the Task waiting for a performer, in reads and searches alike.
    const task = await read<Task>(cookie, `/Task/${caseId}`);
    const srRead = await read<ServiceRequest>(cookie, `/ServiceRequest/${caseId}`);
    expectValid([task, srRead]);
    expect(task.status).toBe("requested");
    expect(task.businessStatus?.coding?.[0]?.code).toBe("draft");
    expect(srRead.status).toBe("active");
    expect(await searchIds(cookie, `/ServiceRequest?status=active&patient=${pending!.patientId}`)).toEqual([caseId]);
    expect(await searchIds(cookie, `/ServiceRequest?status=draft&patient=${pending!.patientId}`)).toEqual([]);
    expect(await searchIds(cookie, `/Task?status=requested&focus=ServiceRequest/${caseId}`)).toEqual([caseId]);

    // The worker: the first photo leaves it waiting, the last one submits it.
    const jobs = await rowsFor("photos", "photoId", photoIds);
    expect(jobs).toHaveLength(2);
    expect(await processPhotoJob(jobOf(jobs[0]!))).toBe("ready");
    expect((await db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)))[0]!.status).toBe("draft");
    expect(await processPhotoJob(jobOf(jobs[1]!))).toBe("ready");
    // A retried job finds its photo done and changes nothing.
    expect(await processPhotoJob(jobOf(jobs[1]!))).toBe("skipped");

    const [submitted] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(submitted).toMatchObject({ status: "submitted", submitRequestedAt: null, submitRequestedBy: null, submitRequestedRole: null, submitHeldReason: null });
    const events = await submitEvents(caseId);
    expect(events).toHaveLength(1);
    // The history names who submitted it — the Bundle's poster — though the worker wrote the event.
    expect(events[0]).toMatchObject({ actorId: t.referrer.id, actorRole: "referrer", note: "Submitted once its photos were processed" });
    const shown = (await (await getCaseRoute(apiRequest(`/api/v1/cases/${caseId}`, { cookie }), params({ id: caseId }))).json()) as { events: { to: string; actorRole: string | null }[] };
    expect(shown.events.find((e) => e.to === "submitted")?.actorRole).toBe("referrer");
    const lastProcessed = Math.max(...(await db.select().from(photos).where(inArray(photos.id, photoIds))).map((p) => p.processedAt!.getTime()));
    expect(events[0]!.at.getTime()).toBeGreaterThanOrEqual(lastProcessed);
    expect(submitted!.submittedAt!.getTime()).toBe(events[0]!.at.getTime());
    expect(await auditsOf(caseId, "case.submit")).toMatchObject([{ actorId: null, outcome: "success", patientId: submitted!.patientId, details: { deferred: true, requestedBy: t.referrer.id } }]);
    expect(await notifyRows(requested, caseId)).toHaveLength(1);

    // Triage from the outbox, once; the SLA runs from the real submission.
    const triage = await rowsFor("triage", "caseId", [caseId]);
    expect(triage).toHaveLength(1);
    await triageCaseJob(jobOf(triage[0]!));
    const [triaged] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(triaged!.status).toBe("triaged");
    expect(triaged!.slaDueAt).toEqual(slaDeadline(submitted!.submittedAt!, triaged!.priority!, (await getSlaSettings(db)).hours));
    const all = await db.select({ to: caseEvents.toStatus }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id));
    expect(all.map((e) => e.to)).toEqual(["draft", "submitted", "triaged"]);
    expect((await read<Task>(cookie, `/Task/${caseId}`)).status).toBe("received");
  });

  it("two photo jobs finishing together submit it exactly once", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const { caseId, photoIds } = await postActive(cookie, [await cameraJpeg(1600, 1200), await cameraJpeg(1200, 1600)]);
    const jobs = await rowsFor("photos", "photoId", photoIds);
    expect(jobs).toHaveLength(2);

    // Hold the case row while both jobs run, so both settle their photo at the same moment.
    let running: Promise<unknown[]> = Promise.resolve([]);
    await db.transaction(async (tx) => {
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for("update");
      running = Promise.all(jobs.map((j) => processPhotoJob(jobOf(j))));
      for (;;) {
        const [{ n }] = (await db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "cases"%for update%'`,
        )).rows as [{ n: number }];
        if (n >= 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    expect(await running).toEqual(["ready", "ready"]);

    expect((await db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)))[0]!.status).toBe("submitted");
    expect(await submitEvents(caseId)).toHaveLength(1);
    expect(await auditsOf(caseId, "case.submit")).toHaveLength(1);
    expect(await rowsFor("triage", "caseId", [caseId])).toHaveLength(1);
  });

  it("a photo that fails processing holds it as a draft, with the reason in /api/v1 and /fhir/R4; the clinic then fixes and submits it", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const anyTask = await subscribe(cookie, "Task");
    const { caseId, photoIds } = await postActive(cookie, [await cameraJpeg(1600, 1200), hugePngHeader()]);
    for (const job of await rowsFor("photos", "photoId", photoIds)) await processPhotoJob(jobOf(job));

    const [held] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(held).toMatchObject({ status: "draft", submittedAt: null });
    expect(held!.submitHeldReason).toMatch(/1 of 2 photos could not be processed.*megapixels/);
    expect(await submitEvents(caseId)).toEqual([]);
    expect(await rowsFor("triage", "caseId", [caseId])).toEqual([]);
    expect(await auditsOf(caseId, "case.submit_hold")).toHaveLength(1);
    expect(await notifyRows(anyTask, caseId)).toHaveLength(1); // the Task went on hold

    // /api/v1 (unchanged contract): still a draft, the rejected photo with its reason, a notification.
    const detail = (await (await getCaseRoute(apiRequest(`/api/v1/cases/${caseId}`, { cookie }), params({ id: caseId }))).json()) as {
      status: string;
      photos: { id: string; status: string; rejectReason: string | null }[];
    };
    expect(detail.status).toBe("draft");
    expect(detail.photos.find((p) => p.id === photoIds[1])).toMatchObject({ status: "rejected", rejectReason: expect.stringMatching(/megapixels/) });
    const inbox = (await (await notificationsRoute(apiRequest("/api/v1/notifications", { cookie }), params({}))).json()) as { items: { kind: string; link: string }[] };
    expect(inbox.items).toContainEqual(expect.objectContaining({ kind: "case.submission_held", link: `/clinic/cases/${caseId}` }));

    // /fhir/R4: the request stands, the Task is on hold saying why; searches agree.
    const task = await read<Task>(cookie, `/Task/${caseId}`);
    const sr = await read<ServiceRequest>(cookie, `/ServiceRequest/${caseId}`);
    const rejected = await read<Media>(cookie, `/Media/${photoIds[1]}`);
    expectValid([task, sr, rejected]);
    expect(task.status).toBe("on-hold");
    expect(task.statusReason?.text).toMatch(/could not be processed.*megapixels/);
    expect(sr.status).toBe("active");
    expect(rejected.status).toBe("not-done");
    expect(await searchIds(cookie, `/Task?status=on-hold&focus=ServiceRequest/${caseId}`)).toEqual([caseId]);
    expect(await searchIds(cookie, `/Task?status=requested&focus=ServiceRequest/${caseId}`)).toEqual([]);

    // The clinic removes the rejected photo and submits by hand: an ordinary submission.
    expect((await deletePhotoRoute(apiRequest(`/api/v1/photos/${photoIds[1]}`, { cookie, method: "DELETE" }), params({ id: photoIds[1]! }))).status).toBe(204);
    expect((await submitRoute(apiRequest(`/api/v1/cases/${caseId}/submit`, { cookie, method: "POST" }), params({ id: caseId }))).status).toBe(200);
    const [submitted] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(submitted).toMatchObject({ status: "submitted", submitRequestedAt: null, submitHeldReason: null });
    const after = await read<Task>(cookie, `/Task/${caseId}`);
    expect(after.status).toBe("requested");
    expect(after.statusReason).toBeUndefined();
  });
});
