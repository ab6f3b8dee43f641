/**
 * Claims (SPEC §2, §5): a specialist takes a triaged case into review, gives it back, or loses it
 * after 30 idle minutes; every status change goes through lib/cases/state.ts. Taking the head of
 * the queue (claim-next) lives in ./claim-next.ts.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import type { RequestContext, SystemContext } from "../auth/actor";
import { canReview, canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { caseDetail, type CaseDetail } from "../cases/detail";
import { transition } from "../cases/state";
import { Forbidden } from "../errors";
import { notifyUsers } from "../notifications/create";
import { claimExpiredNotice } from "../notifications/catalog";
import { assertHoldsClaim, requireReviewer } from "./claim-guard";

/** A claim without activity for this long returns to the queue. */
export const CLAIM_IDLE_MS = 30 * 60 * 1000;

/**
 * What the `claim` transition writes besides the status: who holds the case, since when, and the
 * activity clock the idle expiry reads. Generic so claim-next's single statement builds its SET
 * list from this same object (with SQL expressions for the values) instead of a copy of it.
 */
export function claimPatch<Actor, Time>(actorId: Actor, now: Time): { claimedBy: Actor; claimedAt: Time; lastActivityAt: Time } {
  return { claimedBy: actorId, claimedAt: now, lastActivityAt: now };
}

/**
 * Claim one specific case. Claiming a case you already hold is a no-op (200); a case another
 * specialist holds, or one not in the queue, is a 409.
 */
export async function claimCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  requireReviewer(ctx);
  const row = await db.transaction(async (tx) => {
    const current = await loadCaseFor(tx, ctx, caseId, canViewCase, "case.claim", { forUpdate: true });
    if (current.status === "in_review" && current.claimedBy === ctx.actor.id) return current;
    if (current.status === "in_review") assertHoldsClaim(ctx, current, "claim it");
    const now = new Date();
    const updated = await transition(tx, ctx, current.id, "claim", claimPatch(ctx.actor.id, now), { at: now });
    await audit(tx, ctx, { action: "case.claim", resourceType: "case", resourceId: updated.id, patientId: updated.patientId });
    return updated;
  });
  return caseDetail(db, row);
}

/** Give a held case back to the queue (same priority and deadline). Only the holder may. */
export async function releaseCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  requireReviewer(ctx);
  const row = await db.transaction(async (tx) => {
    const current = await loadCaseFor(tx, ctx, caseId, canViewCase, "case.release", { forUpdate: true });
    assertHoldsClaim(ctx, current, "release it");
    const updated = await transition(tx, ctx, current.id, "release", { claimedBy: null, claimedAt: null, lastActivityAt: null });
    await audit(tx, ctx, { action: "case.release", resourceType: "case", resourceId: updated.id, patientId: updated.patientId });
    return updated;
  });
  return caseDetail(db, row);
}

/**
 * Keep a held claim alive: the review screen calls this while the specialist reads or types.
 * Returns false (and changes nothing) when the actor does not hold the claim any more.
 */
export async function touchClaim(db: Db, ctx: RequestContext, caseId: string, now = new Date()): Promise<boolean> {
  if (!canReview(ctx.actor)) throw Forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return false;
  const rows = await db
    .update(cases)
    .set({ lastActivityAt: now })
    .where(and(eq(cases.id, caseId), eq(cases.status, "in_review"), eq(cases.claimedBy, ctx.actor.id)))
    .returning({ id: cases.id });
  return rows.length > 0;
}

/** Cases the actor currently holds, oldest claim first (to resume a batch). */
export async function heldClaims(db: Db, ctx: RequestContext): Promise<{ id: string; claimedAt: string | null }[]> {
  requireReviewer(ctx);
  const rows = await db
    .select({ id: cases.id, claimedAt: cases.claimedAt })
    .from(cases)
    .where(and(eq(cases.status, "in_review"), eq(cases.claimedBy, ctx.actor.id)))
    .orderBy(asc(cases.claimedAt), asc(cases.id));
  return rows.map((r) => ({ id: r.id, claimedAt: r.claimedAt?.toISOString() ?? null }));
}

/**
 * Return every claim idle for more than 30 minutes (no `lastActivityAt` refresh since
 * `now - 30 min`) to the queue, as the system, with a case event, an audit row and an in-app
 * notice to the specialist who held it. Meant for the SLA sweeper; safe to run concurrently
 * (rows being changed elsewhere are skipped) and repeatedly (a returned case is no longer
 * `in_review`). Returns the ids of the released cases.
 */
export async function expireIdleClaims(db: Db, now: Date = new Date(), ctx?: SystemContext): Promise<string[]> {
  const system: SystemContext = ctx ?? { actor: null, requestId: `claim-expiry-${randomUUID()}`, ip: null };
  const cutoff = new Date(now.getTime() - CLAIM_IDLE_MS);
  return db.transaction(async (tx) => {
    const idle = await tx
      .select({ id: cases.id, claimedBy: cases.claimedBy, claimedAt: cases.claimedAt, patientId: cases.patientId })
      .from(cases)
      .where(and(eq(cases.status, "in_review"), lt(sql`coalesce(${cases.lastActivityAt}, ${cases.claimedAt}, ${cases.updatedAt})`, cutoff)))
      .orderBy(asc(cases.id))
      .limit(500)
      .for("update", { skipLocked: true });
    for (const c of idle) {
      await transition(tx, system, c.id, "expire_claim", { claimedBy: null, claimedAt: null, lastActivityAt: null }, {
        at: now,
        note: "claim expired after 30 idle minutes",
      });
      if (c.claimedBy) await notifyUsers(tx, [c.claimedBy], claimExpiredNotice(c.id, c.claimedAt));
      await audit(tx, system, { action: "case.claim_expired", resourceType: "case", resourceId: c.id, patientId: c.patientId });
    }
    return idle.map((c) => c.id);
  });
}
