/**
 * "Submit when the photos are ready": a lifecycle step for a draft whose submission was asked for
 * while its photos were still being received (an `active` FHIR referral, lib/fhir/ingest.ts). The
 * request stores the photos as received and marks the draft (`submit_requested_at`, with who asked
 * and in which role — the actor of the submission event written later); the photo pipeline, in
 * the transaction that settles each photo, calls {@link submitIfReady}, which under the case's row
 * lock either waits (a photo is still processing), submits through the same step as the submit
 * endpoint (event, audit, triage job, Subscriptions — with the real submission time), or holds the
 * request (`submit_held_reason`) when a photo was rejected or the referral is no longer complete:
 * it is never submitted silently without a photo the sender meant to include.
 * A held draft stays a draft; the clinic fixes it and submits it by hand.
 *
 * Exactly once: the mark is read with `FOR UPDATE` and cleared by the submission in the same
 * transaction, so of two photo jobs finishing together the second waits for the first's lock and
 * then no longer finds a pending mark.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, photos } from "../db/schema";
import type { RequestContext, SystemContext } from "../auth/actor";
import { audit } from "../audit/record";
import { notifySubscribers } from "../fhir/subscription-match";
import { notifyClinic } from "../notifications/create";
import { submissionHeldNotice } from "../notifications/catalog";
import type { HistoryDraft } from "./history";
import { submitBlockers, submitLocked } from "./lifecycle";
import { submissionState, submissionStateSql, type SubmissionState } from "./submission-state";

/**
 * Where case `caseId`'s requested submission stands, with the reason when held; null when none.
 * For a caller that already read the case through its policy (the clinic's case page).
 */
export async function submissionRequestOf(db: Db, caseId: string): Promise<{ state: SubmissionState; reason: string | null } | null> {
  const [row] = await db
    .select({ status: cases.status, submitRequestedAt: cases.submitRequestedAt, submitHeldReason: cases.submitHeldReason })
    .from(cases)
    .where(eq(cases.id, caseId));
  const state = row ? submissionState(row) : null;
  return state ? { state, reason: row!.submitHeldReason } : null;
}

/** Mark the new draft `caseId` to be submitted once its photos are processed (inside the caller's transaction). */
export async function requestSubmission(tx: Db, ctx: RequestContext, caseId: string, details: Record<string, unknown> = {}): Promise<void> {
  const now = new Date();
  const [row] = await tx
    .update(cases)
    .set({ submitRequestedAt: now, submitRequestedBy: ctx.actor.id, submitRequestedRole: ctx.actor.role, submitHeldReason: null, updatedAt: now })
    .where(and(eq(cases.id, caseId), eq(cases.status, "draft")))
    .returning({ patientId: cases.patientId });
  if (row) await audit(tx, ctx, { action: "case.submit_request", resourceType: "case", resourceId: caseId, patientId: row.patientId, details });
}

export type SubmitIfReadyOutcome = "none" | "waiting" | "submitted" | "held";

function heldReason(rejected: { rejectReason: string | null }[], total: number, blockers: string[]): string {
  if (rejected.length > 0) {
    const reasons = [...new Set(rejected.map((p) => (p.rejectReason ?? "it could not be processed").replace(/\.\s*$/, "")))].join("; ");
    const which = rejected.length === 1 ? `1 of ${total} photos` : `${rejected.length} of ${total} photos`;
    return `Not submitted: ${which} could not be processed (${reasons}). Remove or replace it, then submit the referral.`;
  }
  return `Not submitted: the referral is not complete (${blockers.join("; ")}). Complete it, then submit the referral.`;
}

/**
 * Complete a requested submission of `caseId` if every photo is settled, inside the caller's
 * transaction (the photo pipeline's, right after it settled a photo). No-op without a pending
 * request. Locks the case row; callers that also update a photo row take this lock first.
 */
export async function submitIfReady(tx: Db, ctx: SystemContext, caseId: string): Promise<SubmitIfReadyOutcome> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), submissionStateSql("pending")))
    .for("update");
  if (!row) return "none";
  const rows = await tx
    .select({ status: photos.status, rejectReason: photos.rejectReason })
    .from(photos)
    .where(and(eq(photos.caseId, caseId), isNull(photos.deletedAt)));
  if (rows.some((p) => p.status === "processing")) return "waiting";
  const rejected = rows.filter((p) => p.status === "rejected");
  const blockers = Object.entries(await submitBlockers(tx, caseId, row.history as HistoryDraft)).map(([field, m]) => `${field}: ${m.join(", ")}`);
  const requested = { requestedBy: row.submitRequestedBy, requestedAt: row.submitRequestedAt!.toISOString() };
  if (rejected.length === 0 && blockers.length === 0) {
    // The event names who asked for the submission (the Bundle's poster); the audit row is the worker's.
    const actor = row.submitRequestedBy && row.submitRequestedRole ? { id: row.submitRequestedBy, role: row.submitRequestedRole } : undefined;
    await submitLocked(tx, ctx, row, { note: "Submitted once its photos were processed", ...(actor ? { actor } : {}), details: { deferred: true, ...requested } });
    return "submitted";
  }
  const reason = heldReason(rejected, rows.length, blockers);
  const now = new Date();
  await tx.update(cases).set({ submitHeldReason: reason, updatedAt: now }).where(eq(cases.id, caseId));
  // The sender learns it through its Task Subscriptions (Task on-hold), the clinic in the app.
  await notifySubscribers(tx, caseId, "draft", "on-hold");
  await notifyClinic(tx, row.clinicId, submissionHeldNotice(caseId), ctx);
  await audit(tx, ctx, { action: "case.submit_hold", resourceType: "case", resourceId: caseId, patientId: row.patientId, details: { reason, ...requested } });
  return "held";
}
