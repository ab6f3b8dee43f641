/**
 * One row per case submitted in a range, derived from `case_events` alone (SPEC §7): when it was
 * submitted, first triaged, first claimed, answered and closed, who answered it and how long it
 * spent awaiting information. Every metric is an aggregate over these rows, so the turnaround
 * report, the CSV and the quality view cannot disagree about what a case's times were.
 */
import { sql, type SQL } from "drizzle-orm";
import type { DateRange } from "./range";

/**
 * The CTE `facts` (milestones of the cases submitted in the range), ready to be followed by a
 * `select … from facts`. Milestones come from `case_milestones`, which a trigger derives from
 * each `case_events` insert in the same transaction (migration 0004): one indexed row per case
 * instead of every event, and never stale. Paused time is Σ(instants leaving awaiting_info) −
 * Σ(instants entering it), plus `now` while the case is still waiting (its open stretch).
 */
export function caseFactsCte(range: DateRange, now: Date): SQL {
  return sql`
    facts as (
      select m.case_id, m.submitted_at, m.triaged_at, m.first_claim_at, m.answered_at, m.closed_at,
             (m.paused_out_s - m.paused_in_s
               + case when m.pause_entries > m.pause_exits then extract(epoch from ${now.toISOString()}::timestamptz) else 0 end)::float8 as paused_s,
             m.pause_entries > 0 as had_info_request,
             m.answered_by
      from case_milestones m
      where m.submitted_at >= ${range.start.toISOString()}::timestamptz and m.submitted_at < ${range.end.toISOString()}::timestamptz
    )`;
}
