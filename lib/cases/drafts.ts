/**
 * Drafting a referral: create, edit and delete while the case is still the clinic's own. A draft may
 * be incomplete (historyDraftSchema); completeness is checked at submit.
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { caseEvents, cases, messages, patients, photos } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canCreatePatient, canEditDraft } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { Conflict, Forbidden, NotFound } from "../errors";
import { parseOrThrow } from "../validation";
import { historyDraftSchema } from "./history";
import { loadCaseFor } from "./access";
import { caseDetail, type CaseDetail } from "./detail";
import { recordCreated } from "./state";

export const createCaseSchema = z.strictObject({
  patientId: z.string().uuid(),
  history: z.record(z.string(), z.unknown()).default({}),
});

/** Apply `changes` to `base` (null clears a field) and validate the result as a draft history. */
function mergeDraftHistory(base: Record<string, unknown>, changes: Record<string, unknown> = {}) {
  const merged: Record<string, unknown> = { ...base, ...changes };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return parseOrThrow(historyDraftSchema, merged, "history");
}

/** `history` fields replace the stored ones; a field set to null is cleared. */
export const updateCaseSchema = z.strictObject({
  patientId: z.string().uuid().optional(),
  history: z.record(z.string(), z.unknown()).optional(),
});

async function requireOwnPatient(db: Db, ctx: RequestContext, patientId: string) {
  const [p] = await db.select({ id: patients.id }).from(patients).where(and(eq(patients.id, patientId), eq(patients.clinicId, ctx.actor.clinicId!)));
  if (!p) {
    await auditDenial(ctx, { action: "patient.read", resourceType: "patient", resourceId: patientId });
    throw NotFound("Patient not found");
  }
}

/** Start a draft referral for a patient of the actor's clinic. */
export async function createDraft(db: Db, ctx: RequestContext, input: unknown): Promise<CaseDetail> {
  if (!canCreatePatient(ctx.actor)) throw Forbidden();
  const data = parseOrThrow(createCaseSchema, input);
  const history = mergeDraftHistory({}, data.history);
  await requireOwnPatient(db, ctx, data.patientId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cases)
      .values({ clinicId: ctx.actor.clinicId!, patientId: data.patientId, createdBy: ctx.actor.id, history })
      .returning();
    await recordCreated(tx, ctx, row!.id, row!.createdAt);
    await audit(tx, ctx, { action: "case.create", resourceType: "case", resourceId: row!.id, patientId: row!.patientId });
    return caseDetail(tx, row!);
  });
}

/** Edit a draft: given history fields replace the stored ones, null clears one; others are kept. */
export async function updateDraft(db: Db, ctx: RequestContext, caseId: string, input: unknown): Promise<CaseDetail> {
  const data = parseOrThrow(updateCaseSchema, input);
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canEditDraft, "case.update", { forUpdate: true });
    if (row.status !== "draft") throw Conflict(`Only drafts can be edited; this case is ${row.status.replace("_", " ")}`);
    if (data.patientId) await requireOwnPatient(tx, ctx, data.patientId);
    const history = mergeDraftHistory(row.history, data.history);
    const [updated] = await tx
      .update(cases)
      .set({ history, patientId: data.patientId ?? row.patientId, updatedAt: new Date() })
      .where(eq(cases.id, row.id))
      .returning();
    await audit(tx, ctx, { action: "case.update", resourceType: "case", resourceId: row.id, patientId: updated!.patientId });
    return caseDetail(tx, updated!);
  });
}

/** Delete a draft and its photos. Returns the photo ids whose stored objects the caller removes. */
export async function deleteDraft(db: Db, ctx: RequestContext, caseId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canEditDraft, "case.delete", { forUpdate: true });
    if (row.status !== "draft") throw Conflict("Only drafts can be deleted; withdraw a submitted case instead");
    const removed = await tx.delete(photos).where(eq(photos.caseId, row.id)).returning({ id: photos.id });
    await tx.delete(messages).where(eq(messages.caseId, row.id));
    await tx.delete(caseEvents).where(eq(caseEvents.caseId, row.id));
    await tx.delete(cases).where(eq(cases.id, row.id));
    await audit(tx, ctx, { action: "case.delete", resourceType: "case", resourceId: row.id, patientId: row.patientId });
    return removed.map((p) => p.id);
  });
}

/** Photos of a case that count toward the per-case limit. */
export async function activePhotoCount(db: Db, caseId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(photos).where(and(eq(photos.caseId, caseId), isNull(photos.deletedAt)));
  return row?.n ?? 0;
}
