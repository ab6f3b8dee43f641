/**
 * One row per case submitted in a range, derived from `case_events` alone (SPEC §7): when it was
 * submitted, first triaged, first claimed, answered and closed, who answered it and how long it
 * spent awaiting information. Every metric is an aggregate over these rows, so the turnaround
 * report, the CSV and the quality view cannot disagree about what a case's times were.
 */
import { sql, type SQL } from "drizzle-orm";
import type { DateRange } from "./range";

/**
 * CTEs `sub` (cases submitted in the range) and `facts` (their milestones), ready to be followed by
 * a `select … from facts`. Paused time counts every stretch from entering `awaiting_info` to the
 * next event of the case (or `now` while still waiting).
 */
export function caseFactsCte(range: DateRange, now: Date): SQL {
  // Paused time without a window function: every entry into awaiting_info is followed by exactly
  // one event leaving it, so the paused seconds are Σ(leaving times) − Σ(entering times), plus
  // (now − last entry) while the case is still waiting. One hash aggregate, no per-case sort.
  return sql`
    sub as (
      select e.case_id, min(e.at) as submitted_at
      from case_events e
      where e.to_status = 'submitted' and e.at >= ${range.start.toISOString()}::timestamptz and e.at < ${range.end.toISOString()}::timestamptz
      group by e.case_id
    ),
    agg as (
      select e.case_id,
             min(e.at) filter (where e.to_status = 'triaged') as triaged_at,
             min(e.at) filter (where e.to_status = 'in_review') as first_claim_at,
             min(e.at) filter (where e.to_status = 'answered') as answered_at,
             min(e.at) filter (where e.to_status = 'closed') as closed_at,
             coalesce(sum(extract(epoch from e.at)) filter (where e.from_status = 'awaiting_info'), 0)
               - coalesce(sum(extract(epoch from e.at)) filter (where e.to_status = 'awaiting_info'), 0) as paused_closed_s,
             count(*) filter (where e.to_status = 'awaiting_info') - count(*) filter (where e.from_status = 'awaiting_info') as still_paused,
             max(e.at) filter (where e.to_status = 'awaiting_info') as last_paused_at,
             min(e.actor_id::text) filter (where e.to_status = 'answered') as answered_by
      from case_events e
      where e.case_id in (select case_id from sub)
      group by e.case_id
    ),
    facts as (
      select s.case_id, s.submitted_at, a.triaged_at, a.first_claim_at, a.answered_at, a.closed_at,
             a.paused_closed_s
               + case when a.still_paused > 0 then extract(epoch from ${now.toISOString()}::timestamptz - a.last_paused_at) else 0 end as paused_s,
             a.last_paused_at is not null as had_info_request,
             a.answered_by::uuid as answered_by
      from sub s
      join agg a on a.case_id = s.case_id
    )`;
}
