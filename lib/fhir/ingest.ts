/**
 * Writing a referral that arrived as a transaction Bundle, all or nothing: the patient matched by
 * MRN in the caller's clinic (or created), a draft case through the same service as
 * `POST /api/v1/cases`, each inline photo through the same upload service as the multipart route
 * (magic bytes, caps, encryption, the §4 pipeline), the sender's identifiers (so the same
 * ServiceRequest posted again returns the same case), and — for an `active`, complete ServiceRequest
 * — the photos processed and the case submitted, all in one transaction. Any failure rolls it back
 * and removes the stored photo objects.
 */
import type { Bundle, BundleEntry } from "fhir/r4";

import { and, eq, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, fhirCaseIdentifiers, patients } from "../db/schema";
import { isUniqueViolation } from "../db/errors";
import { canCreatePatient } from "../auth/policies";
import { audit } from "../audit/record";
import { patientInputSchema } from "../cases/patient-schema";
import { createDraft } from "../cases/drafts";
import { missingForSubmit, type HistoryDraft } from "../cases/history";
import { submitCase } from "../cases/lifecycle";
import { Forbidden, isDomainError } from "../errors";
import { runPhotoPipeline } from "../photos/pipeline";
import { uploadPhoto } from "../photos/service";
import { deletePhotoObjects } from "../photos/store";
import { requireScope } from "./auth";
import type { FhirContext } from "./http";
import { planIngest, type IngestPlan, type PhotoPlan } from "./ingest-parse";
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

/** A multipart request carrying one photo, so inline photos take exactly the upload route's path. */
function photoRequest(photo: PhotoPlan): Request {
  const form = new FormData();
  form.set("view", photo.view);
  form.set("bodySite", photo.bodySite);
  form.set("file", new Blob([new Uint8Array(photo.bytes)]), "photo");
  return new Request("http://dermrelay.internal/fhir-ingest", { method: "POST", body: form });
}

async function existingCase(db: Db, clinicId: string, identifiers: IngestPlan["identifiers"]): Promise<string | null> {
  const match = or(...identifiers.map((i) => and(eq(fhirCaseIdentifiers.system, i.system), eq(fhirCaseIdentifiers.value, i.value))));
  const [row] = await db.select({ caseId: fhirCaseIdentifiers.caseId }).from(fhirCaseIdentifiers).where(and(eq(fhirCaseIdentifiers.clinicId, clinicId), match)).limit(1);
  return row?.caseId ?? null;
}

function response(caseId: string, patientId: string, created: boolean, photoIds: string[], plan: IngestPlan): Bundle {
  const status = created ? "201 Created" : "200 OK";
  let photo = 0;
  const entry: BundleEntry[] = plan.entries.map((e) => {
    const location =
      e.type === "Patient" ? `Patient/${patientId}` : e.type === "ServiceRequest" ? `ServiceRequest/${caseId}` : e.type === "QuestionnaireResponse" ? `QuestionnaireResponse/${caseId}` : e.type === "Consent" ? `Consent/${caseId}` : e.type === "Media" && photoIds[photo] ? `Media/${photoIds[photo++]}` : null;
    return { response: location ? { status, location } : { status: "200 OK", outcome: { resourceType: "OperationOutcome", issue: [{ severity: "information", code: "informational", diagnostics: `${e.type} entry not stored` }] } } };
  });
  return { resourceType: "Bundle", type: "transaction-response", entry };
}

/** Process a referral transaction Bundle for a referrer; returns the transaction-response. */
export async function ingestTransaction(db: Db, ctx: FhirContext, body: unknown): Promise<{ bundle: Bundle; created: boolean; caseId: string }> {
  if (!canCreatePatient(ctx.actor)) throw Forbidden("Only a referring clinic can send referrals");
  const clinicId = ctx.actor.clinicId!;
  for (const type of ["Patient", "ServiceRequest"]) requireScope(ctx.scopes, type, "c");
  const plan = planIngest(body, clinicId);
  if (plan.photos.length) requireScope(ctx.scopes, "Media", "c");
  const patientInput = checkPlan(plan);

  const replay = async () => {
    const caseId = await existingCase(db, clinicId, plan.identifiers);
    if (!caseId) return null;
    const [c] = await db.select({ patientId: cases.patientId }).from(cases).where(eq(cases.id, caseId));
    await audit(db, ctx, { action: "fhir.transaction.replay", resourceType: "ServiceRequest", resourceId: caseId });
    return { bundle: response(caseId, c?.patientId ?? "", false, [], plan), created: false, caseId };
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
        const dto = await uploadPhoto(tx, ctx, draft.id, photoRequest(photo)).catch((err: unknown) => {
          if (isDomainError(err)) throw invalidElements(422, [{ expression: `${photo.expression}.content.data`, message: err.message }]);
          throw err;
        });
        photoIds.push(dto.id);
      }
      if (plan.submit) {
        const system = { actor: null, requestId: ctx.requestId, ip: ctx.ip };
        for (const id of photoIds) await runPhotoPipeline(tx, system, id);
        await submitCase(tx, ctx, draft.id);
      }
      await audit(tx, ctx, { action: "fhir.transaction", resourceType: "ServiceRequest", resourceId: draft.id, patientId, details: { photos: photoIds.length, submitted: plan.submit } });
      return { bundle: response(draft.id, patientId, true, photoIds, plan), created: true, caseId: draft.id };
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

