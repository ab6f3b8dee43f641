/**
 * PACS push against a real Orthanc with its DICOMweb plugin (SPEC §14): the answered case's study
 * arrives by STOW-RS through the outbox, QIDO by PatientID finds it with the right numbers of
 * series and instances; a PACS down at the first attempt gets the study once it is back; sending
 * again leaves one copy of each instance. Orthanc runs with a test user, so the (encrypted)
 * Authorization header is what lets the study in.
 */
import { eq } from "drizzle-orm";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPacs, PUT as putPacs } from "@/app/api/v1/settings/pacs/route";
import { GET as listSends, POST as sendAgain } from "@/app/api/v1/cases/[id]/pacs-sends/route";
import { db } from "@/lib/db/client";
import { outbox, pacsSends, settings } from "@/lib/db/schema";
import { submitCase } from "@/lib/cases/lifecycle";
import { claimCase } from "@/lib/reviews/claims";
import { replyToCase } from "@/lib/reviews/consultation";
import { PacsRetryError, runPacsSend } from "@/lib/dicom/pacs-send";
import { PACS_SETTINGS_KEY } from "@/lib/dicom/pacs-settings";
import { studyInstanceUid } from "@/lib/dicom/uids";
import { jobIdFor } from "@/lib/queue/outbox";
import { getQueue } from "@/lib/queue/queues";
import { relayOutbox } from "@/lib/queue/relay";
import { reconcile } from "@/lib/queue/reconcile";
import pacsSendJob from "@/workers/processors/pacs-send";
import { REQUEST_ID_PATTERN } from "@/lib/http/request-info";
import { apiRequest, createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { reserveOrthanc, type OrthancHandle } from "../support/orthanc";

const USER = { name: "dermrelay", password: "pacs-test-password-9f3a" };
let orthanc: OrthancHandle;
let t: Awaited<ReturnType<typeof createTenant>>;
let adminCookie: string;
let caseId: string;
let mrn: string;

const system = () => ({ actor: null, requestId: "test", ip: null });
const put = (body: unknown) => putPacs(apiRequest("/api/v1/settings/pacs", { cookie: adminCookie, method: "PUT", json: body }), params({}));

async function orthancJson(path: string): Promise<unknown> {
  const res = await fetch(`${orthanc.url}${path}`, { headers: { authorization: orthanc.authorization! } });
  expect(res.status, path).toBe(200);
  return res.json();
}

/** The BullMQ job the relay published for the send's outbox row (a real Job read back from Redis). */
async function jobForSend(sendId: string) {
  while ((await relayOutbox(db)) > 0); // rows other test files left pending go out too (a batch is 100)
  const [row] = (await db.select().from(outbox)).filter((r) => r.queue === "dicom" && r.payload.sendId === sendId);
  expect(row, "an outbox row for the send").toBeDefined();
  const job = await getQueue("dicom").getJob(jobIdFor(row!.id, row!.createdAt));
  // Ids only: the send, and the request that caused it (lib/queue/queues.ts).
  expect(job?.data).toEqual({ sendId, requestId: expect.stringMatching(REQUEST_ID_PATTERN) });
  return job!;
}

beforeAll(async () => {
  orthanc = await reserveOrthanc(USER); // ports chosen, not started: the PACS is down
  t = await createTenant();
  adminCookie = (await sessionCookie(t.admin)).cookie;
  const referrerCookie = (await sessionCookie(t.referrer)).cookie;
  const patient = await createPatient(t.clinic.id, { mrn: `PACS-${Date.now().toString(36)}` });
  mrn = patient.mrn;
  caseId = (await createCompleteDraft(ctxOf(t.referrer), patient.id)).id;
  for (const [view, seed] of [["overview", 1], ["overview", 2], ["closeup", 3], ["dermoscopy", 4]] as const) {
    expect((await uploadPhotoRequest(referrerCookie, caseId, await jpeg(1200, 900, seed), { view })).status).toBe(201);
  }
  await processCasePhotos(caseId);
  await submitCase(db, ctxOf(t.referrer), caseId);
  await runTriage(caseId);
  await claimCase(db, ctxOf(t.specialist), caseId);
});

afterAll(async () => {
  await db.delete(settings).where(eq(settings.key, PACS_SETTINGS_KEY)); // other files answer cases too
  await orthanc?.dispose();
});

describe("PACS settings", () => {
  it("refuses endpoints that would make the worker a probe, and stores header values sealed, shown masked", async () => {
    for (const stowUrl of ["ftp://pacs.example/dicom-web/studies", "http://user:pw@pacs.example/studies", "http://169.254.169.254/latest", "http://[fe80::1]/x", "not a url"]) {
      const res = await put({ stowUrl, sendOn: "answered" });
      expect(res.status, stowUrl).toBe(422);
      expect(Object.keys((await res.json()).error.fields)).toEqual(["stowUrl"]);
    }
    expect((await put({ stowUrl: orthanc.stowUrl, sendOn: "answered", headers: { "Content-Type": "x" } })).status).toBe(422);

    const saved = await put({ stowUrl: orthanc.stowUrl, sendOn: "answered", headers: { Authorization: orthanc.authorization } });
    expect(saved.status).toBe(200);
    const read = await getPacs(apiRequest("/api/v1/settings/pacs", { cookie: adminCookie }), params({}));
    const text = await read.text();
    expect(JSON.parse(text)).toEqual({ stowUrl: orthanc.stowUrl, sendOn: "answered", headers: { Authorization: `••••${orthanc.authorization!.slice(-4)}` } });
    const b64 = orthanc.authorization!.slice(6);
    expect(text.includes(b64)).toBe(false);
    const [row] = await db.select().from(settings).where(eq(settings.key, PACS_SETTINGS_KEY));
    expect(JSON.stringify(row!.value).includes(b64)).toBe(false);
    expect(JSON.stringify(row!.value).includes(USER.password)).toBe(false);
    // Headers omitted: kept as they were.
    expect((await put({ stowUrl: orthanc.stowUrl, sendOn: "answered" })).status).toBe(200);
    expect((await (await getPacs(apiRequest("/api/v1/settings/pacs", { cookie: adminCookie }), params({}))).json()).headers).toHaveProperty("Authorization");
  });
});

describe("PACS push to Orthanc", () => {
  it("sends the answered case's study through the outbox; PACS down at first → delivered when it is back; QIDO finds it", async () => {
    await replyToCase(db, ctxOf(t.specialist), caseId, { diagnosis: "Seborrhoeic keratosis", plan: "Reassure", disposition: "reassure" });
    const [send] = await db.select().from(pacsSends).where(eq(pacsSends.caseId, caseId));
    expect(send).toMatchObject({ trigger: "answered", status: "pending", attempts: 0 });
    const job = await jobForSend(send!.id);

    await expect(pacsSendJob(job)).rejects.toBeInstanceOf(PacsRetryError);
    const [afterFirst] = await db.select().from(pacsSends).where(eq(pacsSends.id, send!.id));
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/could not be reached/) });

    await orthanc.start();
    expect(await pacsSendJob(job)).toBe("sent");
    const [sent] = await db.select().from(pacsSends).where(eq(pacsSends.id, send!.id));
    expect(sent).toMatchObject({ status: "sent", attempts: 2, instanceCount: 4, lastError: null, response: { httpStatus: 200, stored: 4, failed: 0 } });
    expect(sent!.response!.retrieveUrl).toContain(studyInstanceUid(caseId));
    expect(await pacsSendJob(job)).toBe("skipped"); // a redelivered job does nothing

    const studies = (await orthancJson(`/dicom-web/studies?PatientID=${encodeURIComponent(mrn)}&includefield=00201206&includefield=00201208`)) as Record<string, { Value: unknown[] }>[];
    expect(studies).toHaveLength(1);
    expect(studies[0]!["0020000D"]!.Value[0]).toBe(studyInstanceUid(caseId));
    expect(studies[0]!["00201206"]!.Value[0]).toBe(3); // overview, close-up, dermoscopy
    expect(studies[0]!["00201208"]!.Value[0]).toBe(4);
    const series = (await orthancJson(`/dicom-web/studies/${studyInstanceUid(caseId)}/series`)) as Record<string, { Value: unknown[] }>[];
    expect(series.map((s) => s["00080060"]!.Value[0]).sort()).toEqual(["DMS", "XC", "XC"]);
  });

  it("sends again on an admin's request and Orthanc still holds one copy of each instance", async () => {
    const res = await sendAgain(apiRequest(`/api/v1/cases/${caseId}/pacs-sends`, { cookie: adminCookie, method: "POST" }), params({ id: caseId }));
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect(await runPacsSend(db, system(), id, false)).toBe("sent");
    expect(((await orthancJson("/instances")) as string[]).length).toBe(4);
    const studies = (await orthancJson(`/dicom-web/studies?PatientID=${encodeURIComponent(mrn)}&includefield=00201208`)) as Record<string, { Value: unknown[] }>[];
    expect(studies[0]!["00201208"]!.Value[0]).toBe(4);

    const list = await (await listSends(apiRequest(`/api/v1/cases/${caseId}/pacs-sends`, { cookie: adminCookie }), params({ id: caseId }))).json();
    expect(list.items.map((s: { trigger: string; status: string }) => [s.trigger, s.status])).toEqual([
      ["manual", "sent"],
      ["answered", "sent"],
    ]);
  });

  it("fails a send at once, with the reason, when the PACS refuses the credentials or redirects", async () => {
    await put({ stowUrl: orthanc.stowUrl, sendOn: "manual", headers: { Authorization: "Basic d3Jvbmc6d3Jvbmc=" } });
    const { id: refused } = await (await sendAgain(apiRequest(`/api/v1/cases/${caseId}/pacs-sends`, { cookie: adminCookie, method: "POST" }), params({ id: caseId }))).json();
    expect(await runPacsSend(db, system(), refused, false)).toBe("failed");
    expect((await db.select().from(pacsSends).where(eq(pacsSends.id, refused)))[0]).toMatchObject({ status: "failed", lastError: expect.stringMatching(/401/) });

    const redirector: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${orthanc.stowUrl}` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
    const port = (redirector.address() as { port: number }).port;
    await put({ stowUrl: `http://127.0.0.1:${port}/dicom-web/studies`, sendOn: "manual", headers: { Authorization: orthanc.authorization } });
    const { id: bounced } = await (await sendAgain(apiRequest(`/api/v1/cases/${caseId}/pacs-sends`, { cookie: adminCookie, method: "POST" }), params({ id: caseId }))).json();
    expect(await runPacsSend(db, system(), bounced, false)).toBe("failed");
    expect((await db.select().from(pacsSends).where(eq(pacsSends.id, bounced)))[0]!.lastError).toMatch(/redirect/);
    await new Promise((r) => redirector.close(r));
  });

  it("re-enqueues a send whose job was lost (still pending hours after its last attempt), once", async () => {
    const [lost] = await db
      .insert(pacsSends)
      .values({ caseId, trigger: "manual", target: orthanc.url, updatedAt: new Date(Date.now() - 4 * 3600_000) })
      .returning();
    while ((await relayOutbox(db)) > 0); // rows other test files left pending go out too (a batch is 100)
    expect((await reconcile(db)).pacsSends).toBeGreaterThanOrEqual(1);
    expect((await reconcile(db)).pacsSends).toBe(0); // its outbox row is pending now
    expect((await db.select().from(outbox)).filter((r) => r.payload.sendId === lost!.id)).toHaveLength(1);
  });
});

describe("PACS sendOn (SPEC §14)", () => {
  /** A fresh draft of the tenant with one processed photo, ready to submit. */
  async function readyDraft(seed: number): Promise<{ id: string; mrn: string }> {
    const patient = await createPatient(t.clinic.id, { mrn: `PACS-ON-${seed}-${Date.now().toString(36)}` });
    const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
    const { cookie } = await sessionCookie(t.referrer);
    expect((await uploadPhotoRequest(cookie, draft.id, await jpeg(1200, 900, seed))).status).toBe(201);
    expect(await processCasePhotos(draft.id)).toEqual(["ready"]);
    return { id: draft.id, mrn: patient.mrn };
  }
  const dicomOutboxFor = async (sendIds: string[]) => (await db.select().from(outbox)).filter((r) => r.queue === "dicom" && sendIds.includes(String(r.payload.sendId)));

  it("`submitted` sends the study to Orthanc at submission (STOW-RS through the outbox), and not again when answered", async () => {
    await put({ stowUrl: orthanc.stowUrl, sendOn: "submitted", headers: { Authorization: orthanc.authorization } });
    const c = await readyDraft(11);
    await submitCase(db, ctxOf(t.referrer), c.id);
    const [send] = await db.select().from(pacsSends).where(eq(pacsSends.caseId, c.id));
    expect(send).toMatchObject({ trigger: "submitted", status: "pending" });
    expect(await pacsSendJob(await jobForSend(send!.id))).toBe("sent");
    expect((await db.select().from(pacsSends).where(eq(pacsSends.id, send!.id)))[0]).toMatchObject({ status: "sent", instanceCount: 1, response: { stored: 1, failed: 0 } });
    const studies = (await orthancJson(`/dicom-web/studies?PatientID=${encodeURIComponent(c.mrn)}`)) as Record<string, { Value: unknown[] }>[];
    expect(studies.map((s) => s["0020000D"]!.Value[0])).toEqual([studyInstanceUid(c.id)]);

    await runTriage(c.id);
    await claimCase(db, ctxOf(t.specialist), c.id);
    await replyToCase(db, ctxOf(t.specialist), c.id, { diagnosis: "Seborrhoeic keratosis", plan: "Reassure", disposition: "reassure" });
    expect(await db.select().from(pacsSends).where(eq(pacsSends.caseId, c.id))).toHaveLength(1);
  });

  it("`manual` schedules nothing on submission or answer; an admin's request still sends", async () => {
    await put({ stowUrl: orthanc.stowUrl, sendOn: "manual", headers: { Authorization: orthanc.authorization } });
    const c = await readyDraft(12);
    await submitCase(db, ctxOf(t.referrer), c.id);
    await runTriage(c.id);
    await claimCase(db, ctxOf(t.specialist), c.id);
    await replyToCase(db, ctxOf(t.specialist), c.id, { diagnosis: "Seborrhoeic keratosis", plan: "Reassure", disposition: "reassure" });
    expect(await db.select().from(pacsSends).where(eq(pacsSends.caseId, c.id))).toEqual([]);
    expect(await orthancJson(`/dicom-web/studies?PatientID=${encodeURIComponent(c.mrn)}`)).toEqual([]);

    const res = await sendAgain(apiRequest(`/api/v1/cases/${c.id}/pacs-sends`, { cookie: adminCookie, method: "POST" }), params({ id: c.id }));
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect(await dicomOutboxFor([id])).toHaveLength(1);
    expect(await runPacsSend(db, system(), id, false)).toBe("sent");
    const sends = await db.select().from(pacsSends).where(eq(pacsSends.caseId, c.id));
    expect(sends.map((s) => [s.trigger, s.status])).toEqual([["manual", "sent"]]);
  });
});
