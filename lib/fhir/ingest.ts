/**
 * Writing a referral that arrived as a transaction Bundle, all or nothing: the patient matched by
 * MRN in the caller's clinic (or created), a draft case through the same service as
 * `POST /api/v1/cases`, each inline photo stored as received through the same service as the
 * multipart and tus uploads (magic bytes, caps, encryption, a processing job through the outbox),
 * the sender's identifiers (so the same ServiceRequest posted again returns the same case). An
 * `active`, complete ServiceRequest is not submitted here — its photos are not processed in the
 * request — but marked "submit when the photos are ready" (lib/cases/submit-when-ready.ts): the
 * worker submits it once the last photo is processed, or holds it when one is rejected. Any failure
 * rolls it back and removes the stored photo objects.
 */
import type { Bundle, BundleEntry, BundleEntryResponse } from "fhir/r4";

import { and, eq, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { fhirCaseIdentifiers, patients } from "../db/schema";
import { configuredMrnSystem } from "../clinics/service";
import { isUniqueViolation } from "../db/errors";
import { canCreatePatient } from "../auth/policies";
import { audit } from "../audit/record";
import { patientInputSchema } from "../cases/patient-schema";
import { createDraft } from "../cases/drafts";
import { missingForSubmit, type HistoryDraft } from "../cases/history";
import { requestSubmission } from "../cases/submit-when-ready";
import { Forbidden, isDomainError } from "../errors";
import { addReceivedPhoto, loadPhotoTargetCase } from "../photos/service";
import { deletePhotoObjects } from "../photos/store";
import { receivedPhotoFromBytes } from "../photos/upload";
import { requireScope } from "./auth";
import { fhirBase } from "./codes";
import { loadCaseGraphs, type CaseGraph } from "./graph";
import { toServiceRequest } from "./map/case";
import { toMedia } from "./map/media";
import type { FhirContext } from "./http";
import { planIngest, type IngestPlan } from "./ingest-parse";
import { invalidElements } from "./outcome";

const PATIENT_PATHS: Record<string, string> = {
  mrn: "identifier",
  givenName: "name.given",
  familyName: "name.family",
  birthDate: "birthDate",
  sex: "gender",
  fitzpatrick: "extension",
};

/** The expression of a history field path ("history.consent.by") given where it came from. */
function historyExpression(plan: IngestPlan, path: string): string {
  const field = path.replace(/^history\./, "");
  const top = field.split(".")[0]!;
  const source = plan.sources[top];
  if (!source) return `Bundle.entry.where(resource is QuestionnaireResponse).resource.item.where(linkId='${field}')`;
  return source.includes("item.where") && field.includes(".") ? `${source}.item.where(linkId='${field}')` : source;
}

function checkPlan(plan: IngestPlan) {
  const p = patientInputSchema.safeParse({ ...plan.patient, fitzpatrick: plan.patient.fitzpatrick ?? undefined });
  if (!p.success) {
    throw invalidElements(
      422,
      p.error.issues.map((i) => ({ expression: `${plan.patientExpression}.${PATIENT_PATHS[String(i.path[0])] ?? ""}`.replace(/\.$/, ""), message: i.message })),
    );
  }
  if (plan.submit) {
    const missing = missingForSubmit(plan.history as HistoryDraft);
    if (plan.photos.length === 0) missing.push("photos");
    if (missing.length) {
      throw invalidElements(
        422,
        missing.map((m) => ({ expression: m === "photos" ? "Bundle.entry" : historyExpression(plan, m), message: m === "photos" ? "An active referral needs at least one photo (Media)" : `Required for an active referral: ${m.replace(/^history\./, "")}` })),
      );
    }
  }
  return p.data;
}

async function existingCase(db: Db, clinicId: string, identifiers: IngestPlan["identifiers"]): Promise<string | null> {
  const match = or(...identifiers.map((i) => and(eq(fhirCaseIdentifiers.system, i.system), eq(fhirCaseIdentifiers.value, i.value))));
  const [row] = await db.select({ caseId: fhirCaseIdentifiers.caseId }).from(fhirCaseIdentifiers).where(and(eq(fhirCaseIdentifiers.clinicId, clinicId), match)).limit(1);
  return row?.caseId ?? null;
}

const info = (diagnostics: string): BundleEntryResponse["outcome"] => ({ resourceType: "OperationOutcome", issue: [{ severity: "information", code: "informational", diagnostics }] });

/** What the ServiceRequest entry says happened, when the answer alone does not tell. */
function submissionNote(g: CaseGraph): string | null {
  if (!g.case.submitRequestedAt || g.case.status !== "draft") return null;
  const n = g.photos.filter((p) => p.status === "processing").length;
  return `Received; the referral is submitted once its ${n === 1 ? "photo is" : `${n} photos are`} processed. Task/${g.case.id} shows where it stands (requested, received once triaged; on-hold with a statusReason if a photo cannot be used).`;
}

/**
 * The transaction-response: per entry its status and location; the ServiceRequest and the Media
 * created from this Bundle also carry the resource as it now stands (a requested submission shows
 * as an `active` ServiceRequest with a note, photos as `preparation` until processed).
 */
function response(g: CaseGraph, created: boolean, photoIds: string[], plan: IngestPlan): Bundle {
  const status = created ? "201 Created" : "200 OK";
  const caseId = g.case.id;
  let photo = 0;
  const entry: BundleEntry[] = plan.entries.map((e) => {
    if (e.type === "ServiceRequest") {
      const note = submissionNote(g);
      return { fullUrl: `${fhirBase()}/ServiceRequest/${caseId}`, resource: toServiceRequest(g), response: { status, location: `ServiceRequest/${caseId}`, ...(note ? { outcome: info(note) } : {}) } };
    }
    const photoId = e.type === "Media" ? photoIds[photo++] : undefined;
    const media = photoId ? g.photos.find((p) => p.id === photoId) : undefined;
    if (media) return { fullUrl: `${fhirBase()}/Media/${media.id}`, resource: toMedia(g, media), response: { status, location: `Media/${media.id}` } };
    const location = e.type === "Patient" ? `Patient/${g.patient.id}` : e.type === "QuestionnaireResponse" ? `QuestionnaireResponse/${caseId}` : e.type === "Consent" ? `Consent/${caseId}` : null;
    return { response: location ? { status, location } : { status: "200 OK", outcome: info(`${e.type} entry not stored`) } };
  });
  return { resourceType: "Bundle", type: "transaction-response", entry };
}

async function graphOf(db: Db, caseId: string): Promise<CaseGraph> {
  const [g] = await loadCaseGraphs(db, [caseId], { photos: true, messages: false, consultation: false, identifiers: true });
  return g!;
}

/** Process a referral transaction Bundle for a referrer; returns the transaction-response. */
export async function ingestTransaction(db: Db, ctx: FhirContext, body: unknown): Promise<{ bundle: Bundle; created: boolean; caseId: string }> {
  if (!canCreatePatient(ctx.actor)) throw Forbidden("Only a referring clinic can send referrals");
  const clinicId = ctx.actor.clinicId!;
  for (const type of ["Patient", "ServiceRequest"]) requireScope(ctx.scopes, type, "c");
  const plan = planIngest(body, clinicId, await configuredMrnSystem(db, clinicId));
  if (plan.photos.length) requireScope(ctx.scopes, "Media", "c");
  for (const type of ["QuestionnaireResponse", "Consent"]) if (plan.entries.some((e) => e.type === type)) requireScope(ctx.scopes, type, "c");
  const patientInput = checkPlan(plan);

  const replay = async () => {
    const caseId = await existingCase(db, clinicId, plan.identifiers);
    if (!caseId) return null;
    const g = await graphOf(db, caseId);
    await audit(db, ctx, { action: "fhir.transaction.replay", resourceType: "ServiceRequest", resourceId: caseId, patientId: g.patient.id });
    return { bundle: response(g, false, [], plan), created: false, caseId };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const photoIds: string[] = [];
  try {
    const result = await db.transaction(async (tx) => {
      const [found] = await tx.select({ id: patients.id }).from(patients).where(and(eq(patients.clinicId, clinicId), eq(patients.mrn, patientInput.mrn)));
      let patientId = found?.id;
      if (!patientId) {
        const [row] = await tx
          .insert(patients)
          .values({ ...patientInput, fitzpatrick: patientInput.fitzpatrick ?? null, clinicId, createdBy: ctx.actor.id })
          .returning({ id: patients.id });
        patientId = row!.id;
        await audit(tx, ctx, { action: "patient.create", resourceType: "patient", resourceId: patientId, patientId, details: { via: "fhir" } });
      }
      const draft = await createDraft(tx, ctx, { patientId, history: plan.history }).catch((err: unknown) => {
        if (isDomainError(err) && err.fields) {
          throw invalidElements(422, Object.entries(err.fields).map(([path, messages]) => ({ expression: historyExpression(plan, path), message: messages.join("; ") })));
        }
        throw err;
      });
      await tx.insert(fhirCaseIdentifiers).values(plan.identifiers.map((i) => ({ caseId: draft.id, clinicId, system: i.system, value: i.value })));
      for (const photo of plan.photos) {
        // Stored as received, exactly like a multipart or tus upload; the worker decodes it.
        const dto = await (async () => {
          const received = receivedPhotoFromBytes(photo.bytes, { view: photo.view, bodySite: photo.bodySite });
          return addReceivedPhoto(tx, ctx, await loadPhotoTargetCase(tx, ctx, draft.id), received);
        })().catch((err: unknown) => {
          if (isDomainError(err)) throw invalidElements(422, [{ expression: `${photo.expression}.content.data`, message: err.message }]);
          throw err;
        });
        photoIds.push(dto.id);
      }
      if (plan.submit) await requestSubmission(tx, ctx, draft.id, { via: "fhir", photos: photoIds.length });
      await audit(tx, ctx, { action: "fhir.transaction", resourceType: "ServiceRequest", resourceId: draft.id, patientId, details: { photos: photoIds.length, submitRequested: plan.submit } });
      return { bundle: response(await graphOf(tx, draft.id), true, photoIds, plan), created: true, caseId: draft.id };
    });
    return result;
  } catch (err) {
    if (photoIds.length) await deletePhotoObjects(photoIds);
    // Two identical Bundles racing: the loser finds the winner's case.
    if (isUniqueViolation(err)) {
      const again = await replay();
      if (again) return again;
    }
    throw err;
  }
}

