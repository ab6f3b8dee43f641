/**
 * The one rule for "who may act on a case under review", shared by claims, replies and info
 * requests, so they answer the same status for the same situation:
 * - not a specialist → 403 (the route gate refuses first; this is the data-layer check);
 * - a case held by another specialist → 409 "another specialist is reviewing it";
 * - a case not under review (still queued, answered, awaiting information…) → 409 naming its status.
 * A conflict, not a 403: the specialist is allowed to do this in general, the case's state is
 * what stands in the way, and claiming (or waiting) resolves it.
 */
import type { RequestContext } from "../auth/actor";
import { canReview, holdsClaim } from "../auth/policies";
import type { CaseRow } from "../cases/access";
import { Conflict, Forbidden } from "../errors";

/** Throw 403 unless the actor is a specialist. */
export function requireReviewer(ctx: RequestContext): void {
  if (!canReview(ctx.actor)) throw Forbidden();
}

/** Throw unless the actor holds the claim on `row` and it is under review; `doing` completes "Claim the case before you …". */
export function assertHoldsClaim(ctx: RequestContext, row: Pick<CaseRow, "status" | "claimedBy" | "clinicId">, doing: string): void {
  requireReviewer(ctx);
  if (row.status === "in_review" && holdsClaim(ctx.actor, row)) return;
  if (row.status === "in_review") throw Conflict("Another specialist is reviewing this case");
  throw Conflict(`Claim the case before you ${doing}; it is ${row.status.replace("_", " ")}`);
}
