import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getCaseRoute } from "@/app/api/v1/cases/[id]/route";
import { GET as listCasesRoute } from "@/app/api/v1/cases/route";
import { GET as getPatientRoute } from "@/app/api/v1/patients/[id]/route";
import { GET as searchPatientsRoute, POST as createPatientRoute } from "@/app/api/v1/patients/route";
import { GET as photoRoute } from "@/app/api/v1/photos/[id]/route";
import { GET as imageRoute } from "@/app/api/v1/photos/[id]/image/route";
import { db } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { apiRequest, createPatient, createTenant, createUser, ctxOf, params, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, uploadPhotoRequest } from "../support/referrals";

let own: { cookie: string; caseId: string; patientId: string; photoId: string };
let other: { cookie: string; userId: string };
let specialistCookie: string;

beforeAll(async () => {
  const t = await createTenant();
  const { cookie } = await sessionCookie(t.referrer);
  const patient = await createPatient(t.clinic.id);
  const draft = await createCompleteDraft(ctxOf(t.referrer), patient.id);
  const photo = await (await uploadPhotoRequest(cookie, draft.id, await jpeg(1000, 800))).json();
  await processCasePhotos(draft.id);
  own = { cookie, caseId: draft.id, patientId: patient.id, photoId: photo.id };
  const stranger = await createTenant();
  other = { cookie: (await sessionCookie(stranger.referrer)).cookie, userId: stranger.referrer.id };
  specialistCookie = (await sessionCookie(await createUser("specialist"))).cookie;
});

async function deniedRows(actorId: string, resourceId: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.actorId, actorId), eq(auditEvents.resourceId, resourceId), eq(auditEvents.outcome, "denied")));
}

describe("tenancy", () => {
  it("another clinic's referrer gets 404 for the patient, case, photo and image — each denial audited", async () => {
    const checks = [
      [getPatientRoute, `/api/v1/patients/${own.patientId}`, own.patientId],
      [getCaseRoute, `/api/v1/cases/${own.caseId}`, own.caseId],
      [photoRoute, `/api/v1/photos/${own.photoId}`, own.photoId],
      [imageRoute, `/api/v1/photos/${own.photoId}/image?variant=thumb`, own.photoId],
    ] as const;
    for (const [route, path, id] of checks) {
      const res = await route(apiRequest(path, { cookie: other.cookie }), params({ id }));
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
      expect((await deniedRows(other.userId, id)).length, path).toBeGreaterThanOrEqual(1);
    }
  });

  it("the owning clinic reads them", async () => {
    expect((await getCaseRoute(apiRequest(`/api/v1/cases/${own.caseId}`, { cookie: own.cookie }), params({ id: own.caseId }))).status).toBe(200);
    expect((await getPatientRoute(apiRequest(`/api/v1/patients/${own.patientId}`, { cookie: own.cookie }), params({ id: own.patientId }))).status).toBe(200);
  });

  it("a specialist cannot see drafts, in detail or in lists", async () => {
    const res = await getCaseRoute(apiRequest(`/api/v1/cases/${own.caseId}`, { cookie: specialistCookie }), params({ id: own.caseId }));
    expect(res.status).toBe(404);
    const list = await (await listCasesRoute(apiRequest("/api/v1/cases?limit=100", { cookie: specialistCookie }), params({}))).json();
    expect(list.items.some((c: { status: string }) => c.status === "draft")).toBe(false);
  });

  it("patient search never crosses clinics, and a duplicate MRN is a 409", async () => {
    const search = await (await searchPatientsRoute(apiRequest("/api/v1/patients?q=Patient", { cookie: other.cookie }), params({}))).json();
    expect(search.items.some((p: { id: string }) => p.id === own.patientId)).toBe(false);
    const body = { mrn: "DUP-1", givenName: "Ann", familyName: "Lee", birthDate: "1980-02-29", sex: "female" };
    expect((await createPatientRoute(apiRequest("/api/v1/patients", { cookie: own.cookie, json: body }), params({}))).status).toBe(201);
    const dup = await createPatientRoute(apiRequest("/api/v1/patients", { cookie: own.cookie, json: body }), params({}));
    expect(dup.status).toBe(409);
    // The same MRN in another clinic is a different patient.
    expect((await createPatientRoute(apiRequest("/api/v1/patients", { cookie: other.cookie, json: body }), params({}))).status).toBe(201);
  });

  it("a specialist may not create patients (403), and bad patient input is a 422 naming fields", async () => {
    const body = { mrn: "X-1", givenName: "A", familyName: "B", birthDate: "2023-02-30", sex: "robot", extra: 1 };
    expect((await createPatientRoute(apiRequest("/api/v1/patients", { cookie: specialistCookie, json: body }), params({}))).status).toBe(403);
    const res = await createPatientRoute(apiRequest("/api/v1/patients", { cookie: own.cookie, json: body }), params({}));
    expect(res.status).toBe(422);
    expect(Object.keys((await res.json()).error.fields)).toEqual(expect.arrayContaining(["birthDate", "sex"]));
    const malformed = await createPatientRoute(apiRequest("/api/v1/patients", { cookie: own.cookie, json: "{not json" }), params({}));
    expect(malformed.status).toBe(400);
  });
});
