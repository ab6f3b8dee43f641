/**
 * Loading a case for an actor: the row only when the policy allows, otherwise an audited 404 —
 * the same answer for "does not exist" and "belongs to another clinic", so nothing leaks.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import type { Actor, RequestContext } from "../auth/actor";
import type { CaseRef } from "../auth/policies";
import { auditDenial } from "../audit/record";
import { NotFound } from "../errors";

export type CaseRow = typeof cases.$inferSelect;

const uuid = z.string().uuid();

/** The case row if it exists and `allowed(actor, row)`; else audit the denial and throw 404. */
export async function loadCaseFor(
  db: Db,
  ctx: RequestContext,
  caseId: string,
  allowed: (actor: Actor, c: CaseRef) => boolean,
  action: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  let row: CaseRow | undefined;
  if (uuid.safeParse(caseId).success) {
    const q = db.select().from(cases).where(eq(cases.id, caseId));
    row = (opts.forUpdate ? await q.for("update") : await q)[0];
  }
  if (!row || !allowed(ctx.actor, row)) {
    await auditDenial(ctx, { action, resourceType: "case", resourceId: caseId, patientId: row?.patientId ?? null });
    throw NotFound("Case not found");
  }
  return row;
}
