/**
 * The FHIR read interaction for every mapped type, through the same policies as /api/v1: the
 * resource only when the actor may see it, otherwise an audited 404 (never "exists elsewhere").
 * Every successful read is audited as `fhir.read` with the patient it concerns.
 */
import type { FhirResource } from "fhir/r4";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { clinics, lesions, messages, patients, photos } from "../db/schema";
import { canViewCase, canViewClinic, canViewClinician, canViewPatientRecord } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { NotFound } from "../errors";
import { hasSubmittedCase } from "../patients/submitted-case";
import { requireScope } from "./auth";
import { QUESTIONNAIRE_ID } from "./codes";
import { loadCaseGraphs, loadUsers, patientColumnsF, type CaseGraph } from "./graph";
import type { FhirContext } from "./http";
import { toBodyStructure } from "./map/body-structure";
import { toMedia } from "./map/media";
import { toCommunication } from "./map/communication";
import { toPatient } from "./map/patient";
import { toOrganization, toPractitioner, toPractitionerRole } from "./map/people";
import { referralQuestionnaire } from "./map/questionnaire";
import { CASE_RESOURCES } from "./resources";
import { readSubscription } from "./subscriptions";

export const READ_TYPES = [
  "Patient",
  "ServiceRequest",
  "Task",
  "QuestionnaireResponse",
  "Questionnaire",
  "Organization",
  "Practitioner",
  "PractitionerRole",
  "Media",
  "Communication",
  "DiagnosticReport",
  "Consent",
  "Subscription",
  "BodyStructure",
] as const;
export type ReadType = (typeof READ_TYPES)[number];

export const isReadType = (t: string): t is ReadType => (READ_TYPES as readonly string[]).includes(t);
const uuid = z.string().uuid();

async function denied(ctx: FhirContext, type: string, id: string, patientId: string | null = null): Promise<never> {
  await auditDenial(ctx, { action: "fhir.read", resourceType: type, resourceId: id.slice(0, 64), patientId });
  throw NotFound(`${type}/${id.slice(0, 64)} is not known`);
}

async function graphOf(db: Db, ctx: FhirContext, caseId: string, type: string): Promise<CaseGraph> {
  const row = await loadCaseFor(db, ctx, caseId, canViewCase, "fhir.read");
  const [g] = await loadCaseGraphs(db, [row.id]);
  if (!g) return denied(ctx, type, caseId);
  return g;
}

/** A patient row the actor may see as a FHIR Patient, else an audited 404. */
export async function visiblePatient(db: Db, ctx: FhirContext, id: string) {
  const [row] = uuid.safeParse(id).success
    ? await db
        .select({
          p: patientColumnsF,
          hasSubmittedCase: hasSubmittedCase(db, patients.id),
        })
        .from(patients)
        .where(eq(patients.id, id))
    : [];
  if (!row || !canViewPatientRecord(ctx.actor, { clinicId: row.p.clinicId, hasSubmittedCase: row.hasSubmittedCase })) return denied(ctx, "Patient", id);
  return row.p;
}

async function load(db: Db, ctx: FhirContext, type: ReadType, id: string): Promise<{ resource: FhirResource; patientId: string | null }> {
  switch (type) {
    case "Questionnaire":
      if (id !== QUESTIONNAIRE_ID) return denied(ctx, type, id);
      return { resource: referralQuestionnaire(), patientId: null };
    case "Patient": {
      const p = await visiblePatient(db, ctx, id);
      return { resource: toPatient(p), patientId: p.id };
    }
    case "ServiceRequest":
    case "Task":
    case "QuestionnaireResponse":
    case "Consent":
    case "DiagnosticReport": {
      const g = await graphOf(db, ctx, id, type);
      const [resource] = CASE_RESOURCES[type](g);
      if (!resource) return denied(ctx, type, id, g.patient.id);
      return { resource, patientId: g.patient.id };
    }
    case "Media": {
      const [row] = uuid.safeParse(id).success
        ? await db.select({ caseId: photos.caseId }).from(photos).where(and(eq(photos.id, id), isNull(photos.deletedAt)))
        : [];
      if (!row) return denied(ctx, type, id);
      const g = await graphOf(db, ctx, row.caseId, type);
      return { resource: toMedia(g, g.photos.find((p) => p.id === id)!), patientId: g.patient.id };
    }
    case "Communication": {
      const [row] = uuid.safeParse(id).success ? await db.select({ caseId: messages.caseId, kind: messages.kind }).from(messages).where(eq(messages.id, id)) : [];
      if (!row || row.kind === "note") return denied(ctx, type, id);
      const g = await graphOf(db, ctx, row.caseId, type);
      return { resource: toCommunication(g, g.messages.find((m) => m.id === id)!), patientId: g.patient.id };
    }
    case "Organization": {
      const [c] = uuid.safeParse(id).success ? await db.select({ id: clinics.id, name: clinics.name, active: clinics.active }).from(clinics).where(eq(clinics.id, id)) : [];
      if (!c || !canViewClinic(ctx.actor, c.id)) return denied(ctx, type, id);
      return { resource: toOrganization(c), patientId: null };
    }
    case "Practitioner":
    case "PractitionerRole": {
      const [u] = uuid.safeParse(id).success ? await loadUsers(db, [id]) : [];
      if (!u || !canViewClinician(ctx.actor, u)) return denied(ctx, type, id);
      return { resource: type === "Practitioner" ? toPractitioner(u) : toPractitionerRole(u), patientId: null };
    }
    case "BodyStructure": {
      // A lesion is visible exactly when its patient's record is (same rule as Patient).
      const [row] = uuid.safeParse(id).success
        ? await db
            .select({
              l: lesions,
              hasSubmittedCase: hasSubmittedCase(db, lesions.patientId),
            })
            .from(lesions)
            .where(eq(lesions.id, id))
        : [];
      if (!row || !canViewPatientRecord(ctx.actor, { clinicId: row.l.clinicId, hasSubmittedCase: row.hasSubmittedCase })) return denied(ctx, type, id, row?.l.patientId ?? null);
      const l = row.l;
      return { resource: toBodyStructure(l), patientId: l.patientId };
    }
    case "Subscription":
      return { resource: await readSubscription(db, ctx, id), patientId: null };
  }
}

/** Read `type/id` for the caller (scope-checked, policy-checked, audited). */
export async function readResource(db: Db, ctx: FhirContext, type: string, id: string): Promise<FhirResource> {
  if (!isReadType(type)) throw NotFound(`Resource type ${type.slice(0, 40)} is not supported`);
  requireScope(ctx.scopes, type, "r");
  const { resource, patientId } = await load(db, ctx, type, id);
  await audit(db, ctx, { action: "fhir.read", resourceType: type, resourceId: id, patientId });
  return resource;
}
