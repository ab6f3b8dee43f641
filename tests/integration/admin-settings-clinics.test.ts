import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getSla, PUT as putSla } from "@/app/api/v1/settings/sla/route";
import { GET as listClinics, POST as createClinicRoute } from "@/app/api/v1/clinics/route";
import { PATCH as patchClinic } from "@/app/api/v1/clinics/[id]/route";
import { GET as me } from "@/app/api/v1/me/route";
import { db } from "@/lib/db/client";
import { cases, settings } from "@/lib/db/schema";
import { triageCase } from "@/lib/triage/run";
import { apiRequest, createClinic, createPatient, createUser, params, sessionCookie } from "../support/factories";

afterAll(async () => {
  await db.delete(settings).where(eq(settings.key, "sla"));
});

describe("SLA settings", () => {
  it("reads defaults, refuses non-positive or inconsistent values with 422, and saves valid ones", async () => {
    const { cookie } = await sessionCookie(await createUser("admin"));
    const get = async () => (await getSla(apiRequest("/api/v1/settings/sla", { cookie }), params({}))).json();
    expect(await get()).toEqual({ hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 0.75 });
    const put = (json: unknown) => putSla(apiRequest("/api/v1/settings/sla", { cookie, method: "PUT", json }), params({}));
    const bad = [
      { hours: { urgent: 0, soon: 72, routine: 168 }, atRiskFraction: 0.75 },
      { hours: { urgent: -1, soon: 72, routine: 168 }, atRiskFraction: 0.75 },
      { hours: { urgent: 24, soon: "72", routine: 168 }, atRiskFraction: 0.75 },
      { hours: { urgent: 24, soon: 72 }, atRiskFraction: 0.75 },
      { hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 0 },
      { hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 1.5 },
      { hours: { urgent: 100, soon: 72, routine: 168 }, atRiskFraction: 0.75 },
    ];
    for (const json of bad) {
      const res = await put(json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect((await res.json()).error.fields).toBeDefined();
    }
    const saved = await put({ hours: { urgent: 12, soon: 48, routine: 120 }, atRiskFraction: 0.8 });
    expect(saved.status).toBe(200);
    expect(await get()).toEqual({ hours: { urgent: 12, soon: 48, routine: 120 }, atRiskFraction: 0.8 });
  });

  it("new deadlines use the new hours; existing deadlines keep theirs", async () => {
    const { cookie } = await sessionCookie(await createUser("admin"));
    const clinic = await createClinic();
    const referrer = await createUser("referrer", clinic.id);
    const patient = await createPatient(clinic.id);
    const submittedAt = new Date("2024-05-01T10:00:00Z");
    const history = {
      referralQuestion: "Rash?", suspected: "inflammatory", requestedUrgency: "routine", onset: "2 weeks", evolution: "stable",
      bodySites: ["39937001"], priorTreatments: "none", medications: "none", allergies: "none",
      consent: { given: true, by: "patient", at: "2024-05-01T09:00:00.000Z" },
    };
    const mk = async () => {
      const [c] = await db.insert(cases).values({ clinicId: clinic.id, patientId: patient.id, createdBy: referrer.id, status: "submitted", submittedAt, history }).returning({ id: cases.id });
      return c!.id;
    };
    const sys = { actor: null, requestId: "req-sla-test", ip: null };
    const existing = await mk();
    await putSla(apiRequest("/api/v1/settings/sla", { cookie, method: "PUT", json: { hours: { urgent: 24, soon: 72, routine: 100 }, atRiskFraction: 0.75 } }), params({}));
    const r1 = await triageCase(db, sys, existing);
    expect(r1).toMatchObject({ status: "triaged", priority: "routine" });
    const [before] = await db.select({ due: cases.slaDueAt }).from(cases).where(eq(cases.id, existing));
    expect(before!.due!.toISOString()).toBe(new Date(submittedAt.getTime() + 100 * 3600_000).toISOString());

    await putSla(apiRequest("/api/v1/settings/sla", { cookie, method: "PUT", json: { hours: { urgent: 24, soon: 72, routine: 200 }, atRiskFraction: 0.75 } }), params({}));
    const fresh = await mk();
    await triageCase(db, sys, fresh);
    const [after] = await db.select({ due: cases.slaDueAt }).from(cases).where(eq(cases.id, fresh));
    expect(after!.due!.toISOString()).toBe(new Date(submittedAt.getTime() + 200 * 3600_000).toISOString());
    const [unchanged] = await db.select({ due: cases.slaDueAt }).from(cases).where(eq(cases.id, existing));
    expect(unchanged!.due).toEqual(before!.due);
  });
});

describe("clinics", () => {
  it("creates, renames, refuses duplicates, and deactivation ends its referrers' access", async () => {
    const { cookie } = await sessionCookie(await createUser("admin"));
    const name = `Hillside ${Date.now()}`;
    const res = await createClinicRoute(apiRequest("/api/v1/clinics", { cookie, json: { name } }), params({}));
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ name, active: true, activeUsers: 0, openCases: 0 });
    expect((await createClinicRoute(apiRequest("/api/v1/clinics", { cookie, json: { name: name.toUpperCase() } }), params({}))).status).toBe(422);
    expect((await createClinicRoute(apiRequest("/api/v1/clinics", { cookie, json: { name: "" } }), params({}))).status).toBe(422);

    const patch = (json: unknown) => patchClinic(apiRequest(`/api/v1/clinics/${created.id}`, { cookie, method: "PATCH", json }), params({ id: created.id }));
    expect(await (await patch({ name: `${name} Health` })).json()).toMatchObject({ name: `${name} Health` });

    const referrer = await createUser("referrer", created.id);
    const s = await sessionCookie(referrer);
    expect((await me(apiRequest("/api/v1/me", { cookie: s.cookie }), params({}))).status).toBe(200);
    expect(await (await patch({ active: false })).json()).toMatchObject({ active: false, activeUsers: 0 });
    expect((await me(apiRequest("/api/v1/me", { cookie: s.cookie }), params({}))).status).toBe(401);

    const list = await (await listClinics(apiRequest("/api/v1/clinics", { cookie }), params({}))).json();
    expect(list.items.find((c: { id: string }) => c.id === created.id)).toMatchObject({ active: false });
    expect((await patchClinic(apiRequest(`/api/v1/clinics/${created.id}`, { cookie, method: "PATCH", json: {} }), params({ id: created.id }))).status).toBe(422);
  });

  it("sets the clinic's MRN identifier system (an absolute URI), refuses anything else with 422 beside the field, clears it with \"\"", async () => {
    const { cookie } = await sessionCookie(await createUser("admin"));
    const clinic = await createClinic();
    const patch = (json: unknown) => patchClinic(apiRequest(`/api/v1/clinics/${clinic.id}`, { cookie, method: "PATCH", json }), params({ id: clinic.id }));
    for (const bad of ["hospital mrn", "/relative/mrn", "mrn", "http://exa mple.org/mrn", 42, `urn:x:${"a".repeat(300)}`]) {
      const res = await patch({ mrnSystem: bad });
      expect(res.status, String(bad)).toBe(422);
      expect((await res.json()).error.fields.mrnSystem, String(bad)).toBeDefined();
    }
    expect(await (await patch({ mrnSystem: " urn:oid:2.16.840.1.113883.19.5 " })).json()).toMatchObject({ mrnSystem: "urn:oid:2.16.840.1.113883.19.5", name: clinic.name });
    expect(await (await patch({ mrnSystem: "https://ehr.example.org/fhir/mrn" })).json()).toMatchObject({ mrnSystem: "https://ehr.example.org/fhir/mrn" });
    expect(await (await patch({ name: `${clinic.name} B` })).json()).toMatchObject({ mrnSystem: "https://ehr.example.org/fhir/mrn" });
    expect(await (await patch({ mrnSystem: "" })).json()).toMatchObject({ mrnSystem: null });
    expect(await (await patch({ mrnSystem: "urn:oid:1.2.3" })).json()).toMatchObject({ mrnSystem: "urn:oid:1.2.3" });
    expect(await (await patch({ mrnSystem: null })).json()).toMatchObject({ mrnSystem: null });
    const referrer = await sessionCookie(await createUser("referrer", clinic.id));
    expect((await patchClinic(apiRequest(`/api/v1/clinics/${clinic.id}`, { cookie: referrer.cookie, method: "PATCH", json: { mrnSystem: "urn:oid:9" } }), params({ id: clinic.id }))).status).toBe(403);
  });
});
