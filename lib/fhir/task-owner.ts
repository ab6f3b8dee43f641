/**
 * Task.owner (SPEC §12 "owner = the claiming Practitioner"), defined once for the mapping and for
 * the `owner` search parameter. While a specialist holds the case it is the claimant; answering
 * releases the claim, so an answered or closed case (the only states with a consultation) names
 * the specialist who answered — from the consultation row, no extra column. A released or expired
 * claim before the reply leaves the Task without owner, as it is back in the queue.
 */
import { sql, type SQL } from "drizzle-orm";
import { cases, consultations } from "../db/schema";
import type { CaseGraph } from "./graph";

/** The owner's user id for a case graph (needs the graph's consultation part), or null. */
export function taskOwnerId(g: CaseGraph): string | null {
  return g.case.claimedBy ?? g.consultation?.specialistId ?? null;
}

/**
 * The same owner as SQL over the `cases` row of a query (a correlated lookup of its consultation).
 * Columns are written table-qualified by hand: drizzle leaves them bare in the select list of a
 * one-table query, where a bare `id` inside the subquery would mean the consultation's own id.
 */
export const taskOwnerSql: SQL<string | null> = sql`coalesce(${cases}.claimed_by, (select k.specialist_id from ${consultations} k where k.case_id = ${cases}.id limit 1))`;
