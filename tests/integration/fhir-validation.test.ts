/**
 * Every resource and Bundle DermRelay emits for a case, in each lifecycle state, validates with
 * 0 errors against the R4 base definitions by both @medplum/core and the `fhir` package; and a
 * known-invalid resource fails the same helper (so a pass means something).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { FhirResource } from "fhir/r4";
import { db } from "@/lib/db/client";
import { submitCase, withdrawCase, acknowledgeCase } from "@/lib/cases/lifecycle";
import { requestSubmission } from "@/lib/cases/submit-when-ready";
import { hugePngHeader } from "../fixtures/images";
import { claimCase } from "@/lib/reviews/claims";
import { requestInfo } from "@/lib/reviews/info-requests";
import { answerInfoRequest } from "@/lib/reviews/info-responses";
import { replyToCase } from "@/lib/reviews/consultation";
import { loadCaseGraphs, loadUsers, referencedUserIds } from "@/lib/fhir/graph";
import { resourcesOfCase, searchBundle } from "@/lib/fhir/resources";
import { referralQuestionnaire } from "@/lib/fhir/map/questionnaire";
import { toBodyStructure } from "@/lib/fhir/map/body-structure";
import { createLesion, linkPhotoToLesion } from "@/lib/lesions/service";
import { lesions, photos } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { validateFhir, warmValidators } from "@/lib/fhir/validate";
import { createPatient, createTenant, ctxOf, sessionCookie } from "../support/factories";
import { createCompleteDraft, jpeg, processCasePhotos, runTriage, uploadPhotoRequest } from "../support/referrals";
import { capabilityStatement } from "@/lib/fhir/capability";
import { toDiagnosticReport } from "@/lib/fhir/map/report";
import { renderCaseLetter } from "@/lib/letters/reply-letter";
import { env } from "@/lib/env";
import { PUT as instancePut } from "@/app/fhir/R4/[type]/[id]/route";
import { POST as transactionRoute } from "@/app/fhir/R4/route";
import { fhirGet, fhirInstance, fhirPost, referralBundle } from "../support/fhir";
import { params } from "../support/factories";

async function emitted(caseId: string): Promise<FhirResource[]> {
  const [g] = await loadCaseGraphs(db, [caseId]);
  const people = await loadUsers(db, referencedUserIds(g!));
  const resources = resourcesOfCase(g!, people);
  return [...resources, searchBundle(resources.slice(0, 3), resources.slice(3), [{ relation: "self", url: "http://localhost:3000/fhir/R4/Task" }])];
}

function expectValid(resources: FhirResource[], state: string) {
  const problems = resources.flatMap((r) => validateFhir(r).map((i) => `${state} ${r.resourceType}: ${i.validator} ${i.expression} ${i.message}`));
  expect(problems).toEqual([]);
}

describe("FHIR output validates in every lifecycle state", () => {
  beforeAll(() => warmValidators(), 60_000);

  it("draft → submitted → triaged → in_review → awaiting_info → triaged → answered → closed; withdrawn", async () => {
    const t = await createTenant();
    const ref = ctxOf(t.referrer);
    const spec = ctxOf(t.specialist);
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const draft = await createCompleteDraft(ref, patient.id, { sizeMm: 6, sunExposure: "high", symptoms: { itch: true } });
    const seen = new Set<string>();
    const check = async (state: string) => {
      const rs = await emitted(draft.id);
      rs.forEach((r) => seen.add(r.resourceType));
      expectValid(rs, state);
    };
    await check("draft-without-photos");
    expect((await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, 1))).status).toBe(201);
    await check("draft-processing");
    await processCasePhotos(draft.id);
    await check("draft");
    await submitCase(db, ref, draft.id);
    await check("submitted");
    await runTriage(draft.id);
    await check("triaged");
    await claimCase(db, spec, draft.id);
    await check("in_review");
    await requestInfo(db, spec, draft.id, { question: "Any change in colour?" });
    await check("awaiting_info");
    await answerInfoRequest(db, ref, draft.id, { answer: "Darker at the edge" });
    await check("triaged-again");
    await claimCase(db, spec, draft.id);
    await replyToCase(db, spec, draft.id, { diagnosis: "Seborrhoeic keratosis", diagnosisCode: "L82.1", plan: "Reassure", disposition: "reassure", followUp: "None" });
    await check("answered");
    await acknowledgeCase(db, ref, draft.id);
    await check("closed");
    expect([...seen].sort()).toEqual(
      ["Bundle", "Communication", "Consent", "DiagnosticReport", "Media", "Organization", "Patient", "Practitioner", "PractitionerRole", "QuestionnaireResponse", "ServiceRequest", "Task"].sort(),
    );

    // Lesions as BodyStructure, with and without a body-map point.
    const withPoint = await createLesion(db, ref, patient.id, { label: "Mole on the back", bodySite: "14975008", bodyMapPoint: { x: 0.4, y: 0.35 } });
    const without = await createLesion(db, ref, patient.id, { label: "Scalp spot", bodySite: "43067004" });
    const rows = await Promise.all([withPoint.id, without.id].map(async (lid) => (await db.select().from(lesions).where(eq(lesions.id, lid)))[0]!));
    const structures = rows.map(toBodyStructure);
    expect(structures[0]!.extension?.[0]?.extension?.map((e) => e.valueDecimal)).toEqual([0.4, 0.35]);
    expectValid(structures, "lesion");

    // A draft whose submission was requested: pending while its photos process, then held.
    const requested = await createCompleteDraft(ref, patient.id);
    expect((await uploadPhotoRequest(cookie, requested.id, await jpeg(1600, 1200, 3))).status).toBe(201);
    expect((await uploadPhotoRequest(cookie, requested.id, hugePngHeader(), { type: "image/png" })).status).toBe(201);
    await requestSubmission(db, ref, requested.id);
    expectValid(await emitted(requested.id), "submission-pending");
    await processCasePhotos(requested.id);
    const held = await emitted(requested.id);
    expect(held.find((r) => r.resourceType === "Task")).toMatchObject({ status: "on-hold", statusReason: { text: expect.stringMatching(/megapixels/) } });
    expectValid(held, "submission-held");

    const other = await createCompleteDraft(ref, patient.id);
    expect((await uploadPhotoRequest(cookie, other.id, await jpeg(1600, 1200, 2))).status).toBe(201);
    await processCasePhotos(other.id);
    await submitCase(db, ref, other.id);
    await withdrawCase(db, ref, other.id);
    expectValid(await emitted(other.id), "withdrawn");
  });

  it("served resources outside a case validate: CapabilityStatement, OperationOutcomes, Subscription (read, search, update), transaction-response", async () => {
    const t = await createTenant();
    const { cookie } = await sessionCookie(t.referrer);
    const served: FhirResource[] = [capabilityStatement()];
    const outcomeOf = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      return (await res.json()) as FhirResource;
    };
    served.push(await outcomeOf(await fhirGet({ cookie }, `/Patient/${crypto.randomUUID()}`), 404));
    const badJson = new Request("http://localhost:3000/fhir/R4", { method: "POST", headers: { cookie, "content-type": "application/fhir+json" }, body: "{" });
    served.push(await outcomeOf(await transactionRoute(badJson, params({})), 400));
    served.push(await outcomeOf(await fhirPost({ cookie }, "", { resourceType: "Bundle", type: "transaction", entry: [{ resource: { resourceType: "ServiceRequest", status: "draft" } }] }), 400)); // issues naming elements

    const put = new Request(`http://localhost:3000/fhir/R4/Patient/${crypto.randomUUID()}`, { method: "PUT", headers: { cookie } });
    served.push(await outcomeOf(await instancePut(put, params({ type: "Patient", id: "x" })), 405));

    env.FHIR_SUBSCRIPTION_ORIGINS.push("http://127.0.0.1:9"); // as if configured so
    const created = await fhirPost({ cookie }, "/Subscription", {
      resourceType: "Subscription",
      status: "requested",
      reason: "Replies to the EHR",
      criteria: "DiagnosticReport?status=final",
      channel: { type: "rest-hook", endpoint: "http://127.0.0.1:9/fhir", payload: "application/fhir+json", header: ["Authorization: Bearer ehr-secret"] },
    });
    const subscription = await outcomeOf(created, 201);
    served.push(subscription, await outcomeOf(await fhirGet({ cookie }, `/Subscription/${subscription.id}`), 200));
    const listed = await outcomeOf(await fhirGet({ cookie }, "/Subscription?status=active"), 200); // the search Bundle
    expect(listed).toMatchObject({ resourceType: "Bundle", type: "searchset", entry: [{ resource: { id: subscription.id } }] });
    served.push(listed);
    const updated = await outcomeOf(await fhirInstance({ cookie }, "PUT", `/Subscription/${subscription.id}`, { ...subscription, status: "active" }), 200);
    const refused = await outcomeOf(await fhirInstance({ cookie }, "PUT", `/Subscription/${subscription.id}`, { ...subscription, reason: "x" }), 422);
    served.push(updated, refused);

    const bundle = referralBundle({ mrn: `VAL-${Date.now()}`, identifier: `VAL-${Date.now()}`, photos: [await jpeg(1200, 900, 5)] });
    const response = await outcomeOf(await fhirPost({ cookie }, "", bundle), 200);
    expect(response).toMatchObject({ resourceType: "Bundle", type: "transaction-response" });
    served.push(response);
    expectValid(served, "served");
  }, 60_000);

  it("a rejected photo (Media not-done) and the DiagnosticReport a Subscription delivers (inline PDF) validate", async () => {
    const t = await createTenant();
    const ref = ctxOf(t.referrer);
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const draft = await createCompleteDraft(ref, patient.id);
    expect((await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, 6))).status).toBe(201);
    const whole = await jpeg(1600, 1200, 7);
    expect((await uploadPhotoRequest(cookie, draft.id, whole.subarray(0, 600), { view: "closeup" })).status).toBe(201); // cut off: the pipeline rejects it
    expect((await processCasePhotos(draft.id)).sort()).toEqual(["ready", "rejected"]);
    const rejected = (await emitted(draft.id)).filter((r) => r.resourceType === "Media" && r.status === "not-done");
    expect(rejected).toHaveLength(1);
    expectValid(rejected, "rejected-photo");

    await submitCase(db, ref, draft.id);
    await runTriage(draft.id);
    await claimCase(db, ctxOf(t.specialist), draft.id);
    await replyToCase(db, ctxOf(t.specialist), draft.id, { diagnosis: "Benign naevus", diagnosisCode: "D22.5", plan: "Reassure", disposition: "reassure" });
    const [g] = await loadCaseGraphs(db, [draft.id]);
    const report = toDiagnosticReport(g!, await renderCaseLetter(db, draft.id))!; // what deliverToSubscription PUTs
    expect(report.presentedForm?.[0]?.contentType).toBe("application/pdf");
    expect(report.presentedForm?.[0]?.data?.length).toBeGreaterThan(100);
    expectValid([report], "delivered-report");
  }, 60_000);

  it("the published Questionnaire validates", () => {
    expectValid([referralQuestionnaire()], "questionnaire");
  });

  it("a known-invalid resource fails the same helper, from each validator", () => {
    const bad = { resourceType: "Media", status: "done", content: { contentType: "image/jpeg" }, createdDateTime: "yesterday" } as unknown as FhirResource;
    const issues = validateFhir(bad);
    expect(issues.some((i) => i.validator === "medplum" && i.expression === "Media.created[x]")).toBe(true);
    expect(issues.some((i) => i.validator === "fhir" && /done/.test(i.message))).toBe(true);
  });

  it("what a client follows and finds validates: Media linked to its lesion, the owned completed Task, versioned people and Questionnaire, BodyStructure search and $everything, the CapabilityStatement", async () => {
    const t = await createTenant();
    const ref = ctxOf(t.referrer);
    const spec = ctxOf(t.specialist);
    const { cookie } = await sessionCookie(t.referrer);
    const patient = await createPatient(t.clinic.id);
    const draft = await createCompleteDraft(ref, patient.id);
    expect((await uploadPhotoRequest(cookie, draft.id, await jpeg(1600, 1200, 8))).status).toBe(201);
    await processCasePhotos(draft.id);
    const lesion = await createLesion(db, ref, patient.id, { label: "Mole on the forearm", bodySite: "14975008", bodyMapPoint: { x: 0.2, y: 0.6 } });
    const [photo] = await db.select({ id: photos.id }).from(photos).where(eq(photos.caseId, draft.id));
    await linkPhotoToLesion(db, ref, photo!.id, { lesionId: lesion.id });
    await submitCase(db, ref, draft.id);
    await runTriage(draft.id);
    await claimCase(db, spec, draft.id);
    await replyToCase(db, spec, draft.id, { diagnosis: "Benign naevus", diagnosisCode: "D22.5", plan: "Reassure", disposition: "reassure" });
    const rs = await emitted(draft.id);
    expect(rs.find((r) => r.resourceType === "Media")).toMatchObject({ bodySite: { extension: [{ valueReference: { reference: `BodyStructure/${lesion.id}` } }] } });
    expect(rs.find((r) => r.resourceType === "Task")).toMatchObject({ status: "completed", owner: { reference: `Practitioner/${t.specialist.id}` } });
    expect(rs.find((r) => r.resourceType === "Practitioner")?.meta?.versionId).toBeTruthy();
    expect(rs.find((r) => r.resourceType === "PractitionerRole")?.meta?.versionId).toBeTruthy();
    expect(rs.some((r) => r.resourceType === "BodyStructure" && r.id === lesion.id)).toBe(true);
    const served = async (path: string) => (await (await fhirGet({ cookie }, path)).json()) as FhirResource;
    expectValid(
      [
        ...rs,
        referralQuestionnaire(),
        await served(`/BodyStructure?patient=Patient/${patient.id}`),
        await served(`/Patient/${patient.id}/$everything`),
        await served(`/Task?owner=Practitioner/${t.specialist.id}&_include=Task:owner`),
        capabilityStatement(),
      ],
      "followed",
    );
  }, 60_000);
});
