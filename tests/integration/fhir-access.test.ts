/**
 * What a FHIR client can follow and find (SPEC §12, §15): the image and letter a Media /
 * DiagnosticReport links to answer a SMART Backend Services token holding the matching read scope
 * (and only its clinic's, audited like a view); an answered Task keeps the specialist who
 * answered as its owner, and `Task?owner=` finds it; every type read carries a version and ETag;
 * lesions are searchable BodyStructures, referenced from their Media and part of $everything.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle, CapabilityStatement, DiagnosticReport, FhirResource, Media, Task } from "fhir/r4";
import { GET as imageRoute } from "@/app/api/v1/photos/[id]/image/route";
import { GET as letterRoute } from "@/app/api/v1/cases/[id]/letter.pdf/route";
import { db } from "@/lib/db/client";
import { auditEvents, cases, fhirClients, messages, photos } from "@/lib/db/schema";
import { acknowledgeCase, submitCase } from "@/lib/cases/lifecycle";
import { loadCaseGraphs } from "@/lib/fhir/graph";
import { taskOwnerId, taskOwnerSql } from "@/lib/fhir/task-owner";
import { claimCase, releaseCase } from "@/lib/reviews/claims";
import { replyToCase } from "@/lib/reviews/consultation";
import { createLesion, linkPhotoToLesion } from "@/lib/lesions/service";
import { GET as smartRoute } from "@/app/fhir/R4/.well-known/smart-configuration/route";
import { GET as metadataRoute } from "@/app/fhir/R4/metadata/route";
import { createPatient, createTenant, ctxOf, params, sessionCookie } from "../support/factories";
import { answerAfterInfoRound, createDraftWithPhoto, runTriage } from "../support/referrals";
import { fhirGet, readIdsOf } from "../support/fhir";
import { backendAccessToken } from "../support/smart-backend";

async function build() {
  const a = await createTenant();
  const b = await createTenant();
  const ref = ctxOf(a.referrer);
  const spec = ctxOf(a.specialist);
  const cookieA = (await sessionCookie(a.referrer)).cookie;
  const patient = await createPatient(a.clinic.id, { mrn: `ACCESS-${Date.now()}` });
  const draft = await createDraftWithPhoto(ref, cookieA, patient.id, 7);
  const [photo] = await db.select({ id: photos.id }).from(photos).where(eq(photos.caseId, draft.id));
  const lesion = await createLesion(db, ref, patient.id, { label: "Mole on the forearm", bodySite: "14975008" });
  const unlinked = await createLesion(db, ref, patient.id, { label: "Scalp spot", bodySite: "43067004" });
  await linkPhotoToLesion(db, ref, photo!.id, { lesionId: lesion.id });
  await answerAfterInfoRound(ref, spec, draft.id, { diagnosis: "Seborrhoeic keratosis", diagnosisCode: "L82.1", plan: "Reassure", disposition: "reassure" });
  const [message] = await db.select({ id: messages.id }).from(messages).where(eq(messages.caseId, draft.id));
  return { a, b, cookieA, patient, caseId: draft.id, photoId: photo!.id, messageId: message!.id, lesionId: lesion.id, unlinkedLesionId: unlinked.id };
}

const json = async <T>(r: Response) => (await r.json()) as T;
const bearer = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** Follow a URL a FHIR resource links to, through the real /api/v1 route it names. */
function follow(url: string, token?: string): Promise<Response> {
  const u = new URL(url);
  const req = new Request(u, { headers: bearer(token) });
  const image = /^\/api\/v1\/photos\/([^/]+)\/image$/.exec(u.pathname);
  if (image) return imageRoute(req, params({ id: image[1]! }));
  const letter = /^\/api\/v1\/cases\/([^/]+)\/letter\.pdf$/.exec(u.pathname);
  if (letter) return letterRoute(req, params({ id: letter[1]! }));
  throw new Error(`no route for ${u.pathname}`);
}

/** The service users of a clinic's backend clients (the actors of their audit rows). */
async function serviceUsersOf(clinicId: string) {
  const rows = await db.select({ serviceUserId: fhirClients.serviceUserId }).from(fhirClients).where(eq(fhirClients.clinicId, clinicId));
  return rows.map((r) => r.serviceUserId);
}

describe("FHIR links and finds", () => {
  let w: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    w = await build();
  }, 60_000);

  it("a backend-services token with Media/DiagnosticReport read gets the linked image and letter bytes, audited", async () => {
    const token = await backendAccessToken(w.a, "system/Media.rs system/DiagnosticReport.rs");
    const media = await json<Media>(await fhirGet({ token }, `/Media/${w.photoId}`));
    expect(media.content.url).not.toContain(w.patient.mrn);
    const image = await follow(media.content.url!, token);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const report = await json<DiagnosticReport>(await fhirGet({ token }, `/DiagnosticReport/${w.caseId}`));
    const letter = await follow(report.presentedForm![0]!.url!, token);
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await letter.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    const serviceUsers = await serviceUsersOf(w.a.clinic.id);
    const views = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "photo.view"), eq(auditEvents.resourceId, w.photoId)));
    expect(views.some((v) => serviceUsers.includes(v.actorId!) && v.patientId === w.patient.id)).toBe(true);
    const letters = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "case.letter"), eq(auditEvents.resourceId, w.caseId)));
    expect(letters.some((v) => serviceUsers.includes(v.actorId!))).toBe(true);
  });

  it("without the matching read scope it is 403; another clinic's client gets 404; no token 401", async () => {
    const media = await json<Media>(await fhirGet({ cookie: w.cookieA }, `/Media/${w.photoId}`));
    const report = await json<DiagnosticReport>(await fhirGet({ cookie: w.cookieA }, `/DiagnosticReport/${w.caseId}`));
    const taskOnly = await backendAccessToken(w.a, "system/Task.rs");
    expect((await follow(media.content.url!, taskOnly)).status).toBe(403);
    expect((await follow(report.presentedForm![0]!.url!, taskOnly)).status).toBe(403);
    const mediaOnly = await backendAccessToken(w.a, "system/Media.rs");
    expect((await follow(report.presentedForm![0]!.url!, mediaOnly)).status).toBe(403);
    const other = await backendAccessToken(w.b, "system/Media.rs system/DiagnosticReport.rs");
    expect((await follow(media.content.url!, other)).status).toBe(404);
    expect((await follow(report.presentedForm![0]!.url!, other)).status).toBe(404);
    expect((await follow(media.content.url!)).status).toBe(401);
    expect((await follow(media.content.url!, "not-a-token")).status).toBe(401);
  });

  it("an answered Task keeps the answering specialist as owner; Task?owner= and _include=Task:owner find it", async () => {
    const task = await json<Task>(await fhirGet({ cookie: w.cookieA }, `/Task/${w.caseId}`));
    expect(task.status).toBe("completed");
    expect(task.owner?.reference).toBe(`Practitioner/${w.a.specialist.id}`);
    const found = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/Task?owner=Practitioner/${w.a.specialist.id}&status=completed&_include=Task:owner`));
    const ids = (found.entry ?? []).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
    expect(ids).toContain(`Task/${w.caseId}`);
    expect(ids).toContain(`Practitioner/${w.a.specialist.id}`);
    const other = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/Task?owner=Practitioner/${w.a.referrer.id}`));
    expect((other.entry ?? []).map((e) => e.resource!.id)).not.toContain(w.caseId);
  });

  it("the owner rule lives once: taskOwnerSql agrees with taskOwnerId for claimed, released, answered and closed cases", async () => {
    const ref = ctxOf(w.a.referrer);
    const spec = ctxOf(w.a.specialist);
    const made: string[] = [w.caseId];
    for (const step of ["claimed", "released", "closed"] as const) {
      const d = await createDraftWithPhoto(ref, w.cookieA, w.patient.id, 11);
      await submitCase(db, ref, d.id);
      await runTriage(d.id);
      await claimCase(db, spec, d.id);
      if (step === "released") await releaseCase(db, spec, d.id);
      if (step === "closed") {
        await replyToCase(db, spec, d.id, { diagnosis: "Naevus", diagnosisCode: "D22.5", plan: "Reassure", disposition: "reassure" });
        await acknowledgeCase(db, ref, d.id);
      }
      made.push(d.id);
    }
    const sqlOwners = await db.select({ id: cases.id, owner: taskOwnerSql }).from(cases).where(inArray(cases.id, made));
    const graphs = await loadCaseGraphs(db, made);
    const fromGraph = Object.fromEntries(graphs.map((g) => [g.case.id, taskOwnerId(g)]));
    expect(Object.fromEntries(sqlOwners.map((r) => [r.id, r.owner]))).toEqual(fromGraph);
    expect(Object.values(fromGraph)).toEqual(expect.arrayContaining([null, w.a.specialist.id]));
    expect(fromGraph[made[3]!]).toBe(w.a.specialist.id); // closed
    expect(fromGraph[made[2]!]).toBeNull(); // released before a reply
  });

  it("every type the CapabilityStatement calls versioned has meta.versionId and a matching ETag (If-None-Match → 304); no-version types have neither", async () => {
    const cs = await json<CapabilityStatement>(await metadataRoute(new Request("http://localhost:3000/fhir/R4/metadata")));
    const readIds = readIdsOf(w);
    const checked: string[] = [];
    for (const r of cs.rest![0]!.resource!) {
      if (r.type === "Subscription") continue; // versioned from its row; read after create in fhir-api.test.ts
      const res = await fhirGet({ cookie: w.cookieA }, `/${r.type}/${readIds[r.type]}`);
      expect(res.status, r.type).toBe(200);
      const body = await json<FhirResource>(res);
      if (r.versioning === "no-version") {
        expect(body.meta?.versionId, r.type).toBeUndefined();
        expect(res.headers.get("etag"), r.type).toBeNull();
      } else {
        expect(body.meta?.versionId, r.type).toBeTruthy();
        expect(res.headers.get("etag"), r.type).toBe(`W/"${body.meta!.versionId}"`);
        const again = await fhirGet({ cookie: w.cookieA }, `/${r.type}/${readIds[r.type]}`, { "if-none-match": res.headers.get("etag")! });
        expect(again.status, r.type).toBe(304);
      }
      checked.push(r.type);
    }
    expect(checked).toEqual(expect.arrayContaining(["Organization", "Practitioner", "PractitionerRole", "Questionnaire"]));
    expect(cs.rest![0]!.resource!.find((r) => r.type === "Organization")!.versioning).toBe("no-version");
  });

  it("lesions: BodyStructure?patient= finds the patient's lesions (own clinic only, audited), Media references its lesion, $everything carries the patient's lesions", async () => {
    const found = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/BodyStructure?patient=Patient/${w.patient.id}`));
    expect((found.entry ?? []).map((e) => e.resource!.id).sort()).toEqual([w.lesionId, w.unlinkedLesionId].sort());
    expect(found.entry!.every((e) => e.resource!.resourceType === "BodyStructure" && e.search?.mode === "match")).toBe(true);
    const audited = await db.select().from(auditEvents).where(and(eq(auditEvents.actorId, w.a.referrer.id), eq(auditEvents.action, "fhir.search"), eq(auditEvents.resourceType, "BodyStructure")));
    expect(audited.some((r) => r.patientId === w.patient.id)).toBe(true);
    const byId = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/BodyStructure?_id=${w.lesionId}`));
    expect(byId.entry!.map((e) => e.resource!.id)).toEqual([w.lesionId]);
    const cookieB = (await sessionCookie(w.b.referrer)).cookie;
    expect((await json<Bundle>(await fhirGet({ cookie: cookieB }, `/BodyStructure?patient=Patient/${w.patient.id}`))).entry).toEqual([]);
    expect((await fhirGet({ cookie: w.cookieA }, `/BodyStructure?location=14975008`)).status).toBe(400);

    const media = await json<Media>(await fhirGet({ cookie: w.cookieA }, `/Media/${w.photoId}`));
    expect(media.bodySite?.extension).toEqual([{ url: "http://hl7.org/fhir/StructureDefinition/bodySite", valueReference: { reference: `BodyStructure/${w.lesionId}` } }]);
    expect(media.bodySite?.coding?.[0]?.code).toBe("14975008");

    const everything = await json<Bundle>(await fhirGet({ cookie: w.cookieA }, `/Patient/${w.patient.id}/$everything`));
    const types = (everything.entry ?? []).map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
    expect(types).toContain(`BodyStructure/${w.lesionId}`);
    expect(types).toContain(`BodyStructure/${w.unlinkedLesionId}`); // the patient's lesions, not only those a photo shows
    expect(types.filter((x) => x === `BodyStructure/${w.lesionId}`)).toHaveLength(1);

    const cs = await json<CapabilityStatement>(await metadataRoute(new Request("http://localhost:3000/fhir/R4/metadata")));
    const bs = cs.rest![0]!.resource!.find((r) => r.type === "BodyStructure")!;
    expect(bs.interaction!.map((i) => i.code)).toEqual(["read", "search-type"]);
    expect(bs.searchParam!.map((p) => p.name)).toEqual(["patient", "_id"]);
    const smart = await (await smartRoute(new Request("http://localhost:3000/fhir/R4/.well-known/smart-configuration"))).json();
    expect(smart.scopes_supported).toContain("system/BodyStructure.rs");

    const token = await backendAccessToken(w.a, "system/BodyStructure.rs");
    const viaToken = await json<Bundle>(await fhirGet({ token }, `/BodyStructure?patient=${w.patient.id}`));
    expect((viaToken.entry ?? []).length).toBe(2);
    expect((await fhirGet({ token: await backendAccessToken(w.a, "system/Media.rs") }, `/BodyStructure?patient=${w.patient.id}`)).status).toBe(403);
  });
});
