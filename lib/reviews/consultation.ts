/**
 * The consultation reply (SPEC §6, §8 `POST /api/v1/cases/{id}/consultation`): the claim holder's
 * diagnosis, coded diagnosis, differential, plan, disposition and follow-up. Writing it answers
 * the case, ends the claim and tells the referring clinic — all in one transaction.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { consultations } from "../db/schema";
import { DISPOSITIONS } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { caseDetail, type CaseDetail } from "../cases/detail";
import { transition } from "../cases/state";
import { isDiagnosisCode } from "../codes/diagnosis-codes";
import { notifyClinic } from "../notifications/create";
import { queueWriteBack } from "../smart/write-back";
import { repliedNotice } from "../notifications/catalog";
import { parseOrThrow } from "../validation";
import { assertHoldsClaim, requireReviewer } from "./claim-guard";

export const CONSULTATION_TEXT_MAX = 4000;

const text = (label: string, max = CONSULTATION_TEXT_MAX) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${label} is required` : `${label} must be text`) })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);
const optionalText = (label: string, max = CONSULTATION_TEXT_MAX) =>
  z
    .string(`${label} must be text`)
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** The reply body. Blank optional fields are stored as null; the code is matched case-insensitively. */
export const consultationSchema = z.strictObject({
  diagnosis: text("Diagnosis", 500),
  diagnosisCode: z
    .string("Diagnosis code must be text")
    .trim()
    .toUpperCase()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isDiagnosisCode(v), { message: "Unknown diagnosis code: choose one from GET /api/v1/diagnosis-codes" }),
  differential: optionalText("Differential"),
  plan: text("Plan"),
  disposition: z.enum(DISPOSITIONS, {
    error: (i) => (i.input === undefined ? "Disposition is required" : `Disposition must be one of: ${DISPOSITIONS.join(", ")}`),
  }),
  followUp: optionalText("Follow-up", 1000),
});
export type ConsultationInput = z.input<typeof consultationSchema>;

/**
 * Reply to a case the actor holds: 422 with fields for an invalid body (checked first, so a
 * specialist sees every mistake at once), 404 for an unknown case, 409 when another specialist
 * holds it or it is not under review. Moves the case to `answered`, stamps `answeredAt`, releases
 * the claim and notifies the clinic's referrers (PHI-free).
 */
export async function replyToCase(db: Db, ctx: RequestContext, caseId: string, input: unknown): Promise<CaseDetail> {
  requireReviewer(ctx);
  const data = parseOrThrow(consultationSchema, input);
  const row = await db.transaction(async (tx) => {
    const current = await loadCaseFor(tx, ctx, caseId, canViewCase, "case.reply", { forUpdate: true });
    assertHoldsClaim(ctx, current, "reply");
    const now = new Date();
    await tx.insert(consultations).values({ caseId: current.id, specialistId: ctx.actor.id, ...data, createdAt: now });
    const updated = await transition(tx, ctx, current.id, "reply", { answeredAt: now, claimedBy: null, claimedAt: null, lastActivityAt: null }, { at: now });
    await notifyClinic(tx, current.clinicId, repliedNotice(current.id), ctx);
    await queueWriteBack(tx, current.id);
    await audit(tx, ctx, {
      action: "case.reply",
      resourceType: "case",
      resourceId: current.id,
      patientId: current.patientId,
      details: { disposition: data.disposition, coded: data.diagnosisCode !== null },
    });
    return updated;
  });
  return caseDetail(db, row);
}
