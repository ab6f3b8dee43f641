/**
 * Write-back to the EHR (SPEC §13): answering a launched case marks it pending and queues a job
 * through the outbox; the job files a DocumentReference (LOINC 11488-4, the PDF letter, subject =
 * the EHR's Patient, context.related = the EHR's ServiceRequest) that validates with 0 errors;
 * it retries while the EHR is down, refreshes an expired token, and waits for the next launch
 * when no token is usable or the retries ran out — that launch completes it. The status the
 * referrer reads tells these apart: sending, retrying (why, when), waiting for a launch (why).
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { POST as consultationRoute } from "@/app/api/v1/cases/[id]/consultation/route";
import { db } from "@/lib/db/client";
import { outbox, smartCaseLinks, smartLaunches } from "@/lib/db/schema";
import { SESSION_COOKIE_NAME } from "@/lib/auth/current";
import { validateFhir } from "@/lib/fhir/validate";
import { sealTokens } from "@/lib/smart/tokens";
import { writeBack, writeBackStatus } from "@/lib/smart/write-back";
import { apiRequest, createTenant, params, sessionCookie } from "../support/factories";
import { claim, queuedCase, reviewCookies } from "../support/review-fixtures";
import { authorize, callback, continueLaunch, ehrWithConnection, startLaunch } from "../support/smart-flow";
import type { TestEhr } from "../support/test-ehr";

const ehrs: TestEhr[] = [];
afterEach(async () => {
  await Promise.all(ehrs.splice(0).map((e) => e.stop()));
});

const VALID = { diagnosis: "Seborrhoeic keratosis", diagnosisCode: "l82.1", plan: "Reassure; no treatment needed", disposition: "reassure" };

/** A tenant whose referrer launched once from the test EHR (linked), and an answered case tied to that launch. */
async function answeredLaunchedCase() {
  const t = await createTenant();
  const { ehr, connection } = await ehrWithConnection(t.admin, t.clinic.id);
  ehrs.push(ehr);
  const ehrPatient = ehr.addPatient({ mrn: `WB-${connection.id.slice(0, 6)}`, given: "Grace", family: "Hopper", birthDate: "1956-12-09", gender: "female" });
  const order = ehr.addServiceRequest(ehrPatient, "Scaly patch on the scalp");
  const l = await startLaunch(ehr, ehrPatient, order);
  const pending = (await callback(await authorize(l.authorize!), l.cookies)).headers.getSetCookie();
  const cookies = Object.fromEntries(pending.map((c) => c.split(";")[0]!.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const { cookie } = await sessionCookie(t.referrer);
  const done = await continueLaunch({ ...cookies, [SESSION_COOKIE_NAME]: cookie.split("=").slice(1).join("=") });
  const draftId = /cases\/([0-9a-f-]{36})/.exec(done.headers.get("location")!)![1]!;
  const [draftLink] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, draftId));

  // A case of the same launch context that went through the queue (photos and triage are other suites' business).
  const c = await queuedCase(t, { history: { referralQuestion: "Scaly patch on the scalp", bodySites: ["39937001"] } });
  await db.insert(smartCaseLinks).values({ caseId: c.id, connectionId: connection.id, launchId: draftLink!.launchId, ehrPatientId: ehrPatient, ehrServiceRequestId: order });
  const { specialist } = await reviewCookies(t);
  expect((await claim(c.id, specialist)).status).toBe(200);
  const res = await consultationRoute(apiRequest(`/api/v1/cases/${c.id}/consultation`, { cookie: specialist, json: VALID }), params({ id: c.id }));
  expect(res.status).toBe(201);
  return { t, ehr, connection, ehrPatient, order, caseId: c.id, launchId: draftLink!.launchId };
}

describe("SMART write-back", () => {
  it("answering queues the write-back through the outbox; the job files a valid DocumentReference with the PDF", async () => {
    const s = await answeredLaunchedCase();
    const jobs = await db.select().from(outbox).where(and(eq(outbox.queue, "smart"), eq(outbox.name, "write-back")));
    expect(jobs.some((j) => (j.payload as { caseId: string }).caseId === s.caseId)).toBe(true);
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "sending" }); // queued: "Filing in the EHR…"

    expect(await writeBack(db, s.caseId, "test")).toBe("filed");
    expect(await writeBack(db, s.caseId, "test")).toBe("already_filed");
    const docs = s.ehr.documentReferences();
    expect(docs).toHaveLength(1);
    const doc = docs[0]! as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.type.coding[0]).toMatchObject({ system: "http://loinc.org", code: "11488-4" });
    expect(doc.subject.reference).toBe(`Patient/${s.ehrPatient}`);
    expect(doc.context.related[0].reference).toBe(`ServiceRequest/${s.order}`);
    const pdf = Buffer.from(doc.content[0].attachment.data, "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(doc.content[0].attachment.contentType).toBe("application/pdf");
    const { id: _id, meta: _meta, ...sent } = doc;
    expect(validateFhir(sent as never)).toEqual([]);
    expect(validateFhir({ ...sent, status: "done" } as never).length).toBeGreaterThan(0); // the validator can fail
    expect(await writeBackStatus(db, s.caseId)).toMatchObject({ status: "filed" });
  });

  it("retries while the EHR is down (the status says so and when), then files once it is back", async () => {
    const s = await answeredLaunchedCase();
    s.ehr.faults.down = true;
    const retryAt = new Date(Date.now() + 10 * 60_000);
    await expect(writeBack(db, s.caseId, "test", { retryAt: new Date(Date.now() + 2000) })).rejects.toThrow(/write-back failed/);
    await expect(writeBack(db, s.caseId, "test", { retryAt })).rejects.toThrow(/write-back failed/);
    const [link] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, s.caseId));
    expect(link).toMatchObject({ writebackStatus: "pending", attempts: 2, writebackHold: null });
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "retrying", reason: "EHR answered 503", retryAt: retryAt.toISOString() }) // the test EHR "down" answers 503;
    expect(s.ehr.documentReferences()).toHaveLength(0);
    s.ehr.faults.down = false;
    expect(await writeBack(db, s.caseId, "test")).toBe("filed");
    expect(s.ehr.documentReferences()).toHaveLength(1);
    expect(await writeBackStatus(db, s.caseId)).toMatchObject({ status: "filed" });
  });

  it("when the last retry fails, it waits for a launch from the EHR, which queues it afresh", async () => {
    const s = await answeredLaunchedCase();
    s.ehr.faults.down = true;
    await expect(writeBack(db, s.caseId, "test", { retryAt: null })).rejects.toThrow(/write-back failed/);
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "waiting_for_launch", hold: "retries_exhausted" });
    s.ehr.faults.down = false;
    const l = await startLaunch(s.ehr, s.ehrPatient);
    expect((await callback(await authorize(l.authorize!), l.cookies)).status).toBe(303);
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "sending" });
    expect(await writeBack(db, s.caseId, "test")).toBe("filed");
  });

  it("uses the refresh token when the access token has expired (known expiry, and a 401 from the EHR)", async () => {
    const s = await answeredLaunchedCase();
    s.ehr.expireAccessTokens(); // the EHR says 401 although our clock still trusts the token
    expect(await writeBack(db, s.caseId, "test")).toBe("filed");
    expect(s.ehr.grants.refresh_token).toBe(1);

    const again = await answeredLaunchedCase();
    await db.update(smartLaunches).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(smartLaunches.id, again.launchId));
    expect(await writeBack(db, again.caseId, "test")).toBe("filed");
    expect(again.ehr.grants.refresh_token).toBe(1);
  });

  it("with no usable token it stays pending, and the next launch from the EHR completes it", async () => {
    const s = await answeredLaunchedCase();
    await db.update(smartLaunches).set({ tokens: sealTokens(s.launchId, { accessToken: "revoked", refreshToken: null, scope: "" }), accessExpiresAt: new Date(0) }).where(eq(smartLaunches.id, s.launchId));
    expect(await writeBack(db, s.caseId, "test", { retryAt: new Date(Date.now() + 2000) })).toBe("waiting_for_launch"); // no retry: nothing a retry could fix
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "waiting_for_launch", hold: "no_token" });

    const l = await startLaunch(s.ehr, s.ehrPatient);
    const cb = await callback(await authorize(l.authorize!), l.cookies);
    expect(cb.status).toBe(303); // linked user without MFA: straight to the wizard
    const [link] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, s.caseId));
    expect(link!.launchId).not.toBe(s.launchId);
    const jobs = await db.select().from(outbox).where(and(eq(outbox.queue, "smart"), eq(outbox.name, "write-back")));
    expect(jobs.filter((j) => (j.payload as { caseId: string }).caseId === s.caseId).length).toBe(2);
    expect(await writeBackStatus(db, s.caseId)).toEqual({ status: "sending" });
    expect(await writeBack(db, s.caseId, "test")).toBe("filed");
    expect(s.ehr.documentReferences()).toHaveLength(1);
  });
});
