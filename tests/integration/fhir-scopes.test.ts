/**
 * SMART scopes on everything a FHIR request returns (SPEC §12/§13), with real backend-services
 * tokens: `_include`/`_revinclude` leave out the types the token may not read (and say so in an
 * OperationOutcome entry), `$everything` returns only readable types, a transaction needs the
 * create scope of every resource type it stores, and a search audits the cases it included.
 * Session access is not scope-limited and still gets everything.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Bundle, OperationOutcome } from "fhir/r4";
import { db } from "@/lib/db/client";
import { auditEvents, fhirCaseIdentifiers } from "@/lib/db/schema";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { submitCase } from "@/lib/cases/lifecycle";
import { claimCase } from "@/lib/reviews/claims";
import { replyToCase } from "@/lib/reviews/consultation";
import { createPatient, createTenant, ctxOf, sessionCookie } from "../support/factories";
import { createDraftWithPhoto, runTriage } from "../support/referrals";
import { fhirGet, fhirPost, referralBundle } from "../support/fhir";
import { backendAccessToken } from "../support/smart-backend";

type World = Awaited<ReturnType<typeof build>>;

async function build() {
  const a = await createTenant();
  const ref = ctxOf(a.referrer);
  const spec = ctxOf(a.specialist);
  const cookie = (await sessionCookie(a.referrer)).cookie;
  const patient = await createPatient(a.clinic.id, { mrn: `SCOPE-${Date.now()}` });
  const draft = await createDraftWithPhoto(ref, cookie, patient.id, 5);
  await submitCase(db, ref, draft.id);
  await runTriage(draft.id);
  await claimCase(db, spec, draft.id);
  await replyToCase(db, spec, draft.id, { diagnosis: "Benign naevus", diagnosisCode: "D22.5", plan: "Reassure", disposition: "reassure" });
  return { a, cookie, patient, caseId: draft.id };
}

const json = async <T>(r: Response) => (await r.json()) as T;
const types = (b: Bundle, mode?: string) => [...new Set((b.entry ?? []).filter((e) => !mode || e.search?.mode === mode).map((e) => e.resource!.resourceType))].sort();
const outcomeOf = (b: Bundle) => (b.entry ?? []).find((e) => e.search?.mode === "outcome")?.resource as OperationOutcome | undefined;

describe("FHIR scopes on included resources, $everything and transactions", () => {
  let w: World;
  beforeAll(async () => {
    w = await build();
    warmValidators();
  }, 60_000);

  it("a system/Task.rs token gets no Patient through _include=Task:patient; the Bundle says what was left out", async () => {
    const token = await backendAccessToken(w.a, "system/Task.rs");
    const path = `/Task?_id=${w.caseId}&_include=Task:patient&_include=Task:focus`;
    const res = await fhirGet({ token }, path);
    expect(res.status).toBe(200);
    const bundle = await json<Bundle>(res);
    expect(types(bundle, "match")).toEqual(["Task"]);
    expect(types(bundle, "include")).toEqual([]);
    const outcome = outcomeOf(bundle);
    expect(outcome?.issue[0]).toMatchObject({ severity: "warning", code: "suppressed" });
    expect(outcome?.issue[0]?.diagnostics).toContain("Patient");
    expect(outcome?.issue[0]?.diagnostics).toContain("ServiceRequest");
    expect(validateFhir(bundle)).toEqual([]); // an outcome entry is valid R4 (search.mode = outcome)
    // The session is not scope-limited: the same search includes both, with no outcome entry.
    const full = await json<Bundle>(await fhirGet({ cookie: w.cookie }, path));
    expect(types(full, "include")).toEqual(["Patient", "ServiceRequest"]);
    expect(outcomeOf(full)).toBeUndefined();
  });

  it("a system/ServiceRequest.rs token gets no DiagnosticReport through _revinclude; with DiagnosticReport.rs it does", async () => {
    const path = `/ServiceRequest?_id=${w.caseId}&_revinclude=DiagnosticReport:based-on&_revinclude=Task:focus`;
    const narrow = await json<Bundle>(await fhirGet({ token: await backendAccessToken(w.a, "system/ServiceRequest.rs") }, path));
    expect(types(narrow, "match")).toEqual(["ServiceRequest"]);
    expect(types(narrow, "include")).toEqual([]);
    expect(outcomeOf(narrow)?.issue[0]?.diagnostics).toContain("DiagnosticReport");
    const wider = await json<Bundle>(await fhirGet({ token: await backendAccessToken(w.a, "system/ServiceRequest.rs system/DiagnosticReport.rs") }, path));
    expect(types(wider, "include")).toEqual(["DiagnosticReport"]);
    expect(outcomeOf(wider)?.issue[0]?.diagnostics).toContain("Task");
  });

  it("$everything with only system/Patient.rs returns the Patient and nothing else; a session gets every type", async () => {
    const path = `/Patient/${w.patient.id}/$everything`;
    const only = await json<Bundle>(await fhirGet({ token: await backendAccessToken(w.a, "system/Patient.rs") }, path));
    expect(types(only)).toEqual(["OperationOutcome", "Patient"]);
    expect(outcomeOf(only)?.issue[0]?.diagnostics).toContain("DiagnosticReport");
    expect(validateFhir(only)).toEqual([]);
    const some = await json<Bundle>(await fhirGet({ token: await backendAccessToken(w.a, "system/Patient.rs system/Task.rs system/Media.rs") }, path));
    expect(types(some).filter((t) => t !== "OperationOutcome")).toEqual(["Media", "Patient", "Task"]);
    const full = await json<Bundle>(await fhirGet({ cookie: w.cookie }, path));
    expect(types(full)).toEqual(expect.arrayContaining(["DiagnosticReport", "Media", "Organization", "Patient", "QuestionnaireResponse", "ServiceRequest", "Task"]));
    expect(outcomeOf(full)).toBeUndefined();
  });

  it("a transaction with a QuestionnaireResponse and a Consent needs their create scopes; refused → 403 and nothing stored", async () => {
    const identifier = `SCOPE-REF-${Date.now()}`;
    const bundle = referralBundle({ mrn: `SCOPE-TX-${Date.now()}`, identifier, photos: [] });
    const stored = () => db.select().from(fhirCaseIdentifiers).where(eq(fhirCaseIdentifiers.value, identifier));
    const partial = await fhirPost({ token: await backendAccessToken(w.a, "system/Patient.crs system/ServiceRequest.crs") }, "", bundle);
    expect(partial.status).toBe(403);
    expect((await json<OperationOutcome>(partial)).issue[0]!.code).toBe("forbidden");
    expect(await stored()).toEqual([]);
    const noConsent = await fhirPost({ token: await backendAccessToken(w.a, "system/Patient.crs system/ServiceRequest.crs system/QuestionnaireResponse.c") }, "", bundle);
    expect(noConsent.status).toBe(403);
    expect(await stored()).toEqual([]);
    const all = await fhirPost({ token: await backendAccessToken(w.a, "system/Patient.crs system/ServiceRequest.crs system/QuestionnaireResponse.c system/Consent.c") }, "", bundle);
    expect(all.status).toBe(200);
    expect(await stored()).toHaveLength(1);
  });

  it("a Patient search with _revinclude=ServiceRequest:patient audits the included cases", async () => {
    const res = await fhirGet({ cookie: w.cookie }, `/Patient?_id=${w.patient.id}&_revinclude=ServiceRequest:patient`);
    expect(types(await json<Bundle>(res), "include")).toEqual(["ServiceRequest"]);
    const [row] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, w.a.referrer.id), eq(auditEvents.action, "fhir.search"), eq(auditEvents.resourceType, "Patient")))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row!.patientId).toBe(w.patient.id);
    expect(row!.details).toMatchObject({ caseIds: [w.caseId], patientIds: [w.patient.id] });
  });

  it("a token without ServiceRequest.rs gets no cases through _revinclude, and none is audited as read", async () => {
    const token = await backendAccessToken(w.a, "system/Patient.rs");
    const bundle = await json<Bundle>(await fhirGet({ token }, `/Patient?_id=${w.patient.id}&_revinclude=ServiceRequest:patient`));
    expect(types(bundle, "include")).toEqual([]);
    expect(outcomeOf(bundle)?.issue[0]?.diagnostics).toContain("ServiceRequest");
    const [row] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "fhir.search"), eq(auditEvents.patientId, w.patient.id), ne(auditEvents.actorId, w.a.referrer.id)))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(row!.details).toMatchObject({ caseIds: [], omitted: ["ServiceRequest"] });
  });
});
