/** Case counts by status for each role's home, scoped exactly like the case list. */
import { and, count, eq, ne, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import type { CaseStatus } from "../db/schema/enums";
import type { Actor } from "../auth/actor";
import { caseListScope } from "../auth/policies";

/** How many cases the actor can see in each status. */
export async function caseCountsByStatus(db: Db, actor: Actor): Promise<Partial<Record<CaseStatus, number>>> {
  const scope = caseListScope(actor);
  if (!scope) return {};
  const where: SQL | undefined = "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft");
  const rows = await db.select({ status: cases.status, n: count() }).from(cases).where(and(where)).groupBy(cases.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
