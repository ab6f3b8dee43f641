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
  return sql`
    sub as (
      select e.case_id, min(e.at) as submitted_at
      from case_events e
      where e.to_status = 'submitted' and e.at >= ${range.start.toISOString()}::timestamptz and e.at < ${range.end.toISOString()}::timestamptz
      group by e.case_id
    ),
    ev as (
      select e.case_id, e.to_status, e.at, e.actor_id,
             lead(e.at) over (partition by e.case_id order by e.at, e.id) as next_at
      from case_events e
      join sub s on s.case_id = e.case_id
    ),
    facts as (
      select s.case_id, s.submitted_at,
             min(ev.at) filter (where ev.to_status = 'triaged') as triaged_at,
             min(ev.at) filter (where ev.to_status = 'in_review') as first_claim_at,
             min(ev.at) filter (where ev.to_status = 'answered') as answered_at,
             min(ev.at) filter (where ev.to_status = 'closed') as closed_at,
             coalesce(sum(extract(epoch from coalesce(ev.next_at, ${now.toISOString()}::timestamptz) - ev.at))
                        filter (where ev.to_status = 'awaiting_info'), 0) as paused_s,
             bool_or(ev.to_status = 'awaiting_info') as had_info_request,
             (array_agg(ev.actor_id order by ev.at desc) filter (where ev.to_status = 'answered'))[1] as answered_by
      from sub s
      join ev on ev.case_id = s.case_id
      group by s.case_id, s.submitted_at
    )`;
}
