/**
 * Referrer-side transitions: submit (the completeness gate, then triage through the outbox),
 * withdraw and acknowledge. Each runs in one transaction with its event, audit and outbox rows.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { photos } from "../db/schema";
import type { AnyContext, RequestContext } from "../auth/actor";
import { canActAsReferrer } from "../auth/policies";
import { audit } from "../audit/record";
import { Conflict, Invalid, type FieldErrors } from "../errors";
import { enqueue } from "../queue/outbox";
import { missingForSubmit, type HistoryDraft } from "./history";
import { loadCaseFor, type CaseRow } from "./access";
import { caseDetail, type CaseDetail } from "./detail";
import { canTransition, transition, type EventActor } from "./state";

/** Everything that stops a draft from being submitted, as field errors (empty when complete). */
export async function submitBlockers(db: Db, caseId: string, history: HistoryDraft): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  for (const path of missingForSubmit(history)) (fields[path] ??= []).push("Required for submission");
  const rows = await db
    .select({ status: photos.status })
    .from(photos)
    .where(and(eq(photos.caseId, caseId), isNull(photos.deletedAt)));
  if (!rows.some((p) => p.status === "ready")) fields.photos = ["Add at least one photo that has finished processing"];
  if (rows.some((p) => p.status === "processing")) (fields.photos ??= []).push("Wait until every photo has finished processing");
  return fields;
}

/** Options of {@link submitLocked}: the event's note and actor (when not `ctx`'s: who asked for a deferred submission), extra audit details. */
export type SubmitOptions = { note?: string; actor?: EventActor; details?: Record<string, unknown> };

/**
 * The submission itself, for a draft row the caller holds locked and has checked: submitted now
 * (the SLA clock starts here), any submit-when-ready mark cleared, a triage job in the outbox and
 * the `case.submit` audit row — the same for the submit endpoint and a deferred submission.
 */
export async function submitLocked(tx: Db, ctx: AnyContext, row: CaseRow, opts: SubmitOptions = {}) {
  const now = new Date();
  const updated = await transition(
    tx,
    ctx,
    row.id,
    "submit",
    { submittedAt: now, submitRequestedAt: null, submitRequestedBy: null, submitRequestedRole: null, submitHeldReason: null },
    { at: now, ...(opts.note ? { note: opts.note } : {}), ...(opts.actor ? { actor: opts.actor } : {}) },
  );
  await enqueue(tx, "triage", "triage", { caseId: row.id }, ctx);
  await audit(tx, ctx, { action: "case.submit", resourceType: "case", resourceId: row.id, patientId: row.patientId, ...(opts.details ? { details: opts.details } : {}) });
  return updated;
}

/** Submit a draft: 422 naming everything missing, else submitted + a triage job in the outbox. */
export async function submitCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canActAsReferrer, "case.submit", { forUpdate: true });
    if (!canTransition("submit", row.status)) throw Conflict(`Cannot submit a case that is ${row.status.replace("_", " ")}`);
    const blockers = await submitBlockers(tx, row.id, row.history as HistoryDraft);
    if (Object.keys(blockers).length > 0) throw Invalid("The referral is not complete", blockers);
    return caseDetail(tx, await submitLocked(tx, ctx, row));
  });
}

/** Withdraw a submitted case before a specialist has claimed it. */
export async function withdrawCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canActAsReferrer, "case.withdraw");
    const updated = await transition(tx, ctx, row.id, "withdraw", { claimedBy: null });
    await audit(tx, ctx, { action: "case.withdraw", resourceType: "case", resourceId: row.id, patientId: row.patientId });
    return caseDetail(tx, updated);
  });
}

/** The clinic has read the reply: close the loop. */
export async function acknowledgeCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canActAsReferrer, "case.acknowledge");
    const now = new Date();
    const updated = await transition(tx, ctx, row.id, "acknowledge", { closedAt: now }, { at: now });
    await audit(tx, ctx, { action: "case.acknowledge", resourceType: "case", resourceId: row.id, patientId: row.patientId });
    return caseDetail(tx, updated);
  });
}
