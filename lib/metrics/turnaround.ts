/**
 * Turnaround metrics (SPEC §7) computed in one SQL statement from `case_events`: overall and per
 * group in a single pass (GROUPING SETS), medians and 90th percentiles by `percentile_cont`
 * (continuous, i.e. interpolated: p90 = percentile_cont(0.9)). Definitions:
 * - time to triage = first `triaged` − `submitted` (minutes)
 * - time to first review = first `in_review` − `submitted` (hours)
 * - turnaround = `answered` − `submitted` − time spent in `awaiting_info` (hours)
 * - loop closed = `closed` (acknowledged) − `answered` (hours)
 * - SLA met = answered at or before the case's deadline, which the review flow extends by paused
 *   time; an unanswered case already past its deadline (and not paused) counts as missed, because
 *   leaving it out would flatter the service. slaMetPct = met ÷ (met + missed).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/guard";
import { REPORT_PRIORITIES, REPORT_PRIORITY_LABEL } from "../vocabulary";
import { caseFactsCte } from "./case-facts";
import type { DateRange, GroupBy } from "./range";
import { SKIN_TYPE_LABEL, SKIN_TYPES, skinTypeSql, type SkinType } from "./skin-type";

export type Spread = { median: number | null; p90: number | null };

export type TurnaroundStats = {
  /** Cases submitted in the range. */
  count: number;
  answered: number;
  turnaroundHours: Spread;
  timeToTriageMinutes: Spread;
  timeToFirstReviewHours: Spread;
  loopClosedHours: Spread;
  slaMet: number;
  slaMissed: number;
  /** Percentage (0–100, one decimal) of decided cases that met their SLA; null when none is decided. */
  slaMetPct: number | null;
};

export type TurnaroundGroup = TurnaroundStats & { key: string; label: string };

export type TurnaroundReport = {
  from: string;
  to: string;
  groupBy: GroupBy;
  timezone: "UTC";
  overall: TurnaroundStats;
  groups: TurnaroundGroup[];
};

const PRIORITY_ORDER: readonly string[] = REPORT_PRIORITIES;

/** The grouping key and its label for each `groupBy` (a constant for "none"), and any join it needs. */
function groupExpr(groupBy: GroupBy): { key: SQL; label: SQL; join?: SQL } {
  switch (groupBy) {
    case "clinic":
      return { key: sql`c.clinic_id::text`, label: sql`cl.name` };
    case "specialist":
      return { key: sql`coalesce(f.answered_by::text, 'unanswered')`, label: sql`coalesce(u.name, 'Not answered yet')` };
    case "priority":
      return { key: sql`coalesce(c.priority::text, 'untriaged')`, label: sql`coalesce(c.priority::text, 'untriaged')` };
    case "week": {
      const week = sql`to_char(f.submitted_at at time zone 'UTC', 'IYYY-"W"IW')`;
      return { key: week, label: week };
    }
    case "skin_type": {
      const type = skinTypeSql("pt");
      return { key: type, label: type, join: sql`left join patients pt on pt.id = c.patient_id` };
    }
    case "none":
      return { key: sql`'all'`, label: sql`'All cases'` };
  }
}

type Row = {
  overall: boolean;
  key: string | null;
  label: string | null;
  count: string;
  answered: string;
  ta_med: number | null;
  ta_p90: number | null;
  tt_med: number | null;
  tt_p90: number | null;
  fr_med: number | null;
  fr_p90: number | null;
  lc_med: number | null;
  lc_p90: number | null;
  sla_met: string;
  sla_missed: string;
};

/**
 * The SQL of the report: exported so the benchmark can time the bare aggregate against the service.
 * `now` fixes the instant for open cases (paused time so far, deadlines already passed).
 */
export function turnaroundSql(range: DateRange, groupBy: GroupBy, now: Date): SQL {
  const g = groupExpr(groupBy);
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  return sql`
    with ${caseFactsCte(range, now)},
    m as (
      select ${g.key} as gkey, ${g.label} as glabel, f.answered_at,
             (extract(epoch from f.answered_at - f.submitted_at) - f.paused_s) / 3600.0 as turnaround_h,
             extract(epoch from f.triaged_at - f.submitted_at) / 60.0 as triage_min,
             extract(epoch from f.first_claim_at - f.submitted_at) / 3600.0 as first_review_h,
             extract(epoch from f.closed_at - f.answered_at) / 3600.0 as loop_closed_h,
             case
               when f.answered_at is not null then f.answered_at <= c.sla_due_at
               when c.status in ('triaged', 'in_review') and c.sla_due_at < ${nowTs} then false
             end as sla_ok
      from facts f
      join cases c on c.id = f.case_id
      left join clinics cl on cl.id = c.clinic_id
      left join users u on u.id = f.answered_by
      ${g.join ?? sql``}
    )
    select grouping(gkey) = 1 as overall, gkey as key, glabel as label,
           count(*)::text as count,
           count(answered_at)::text as answered,
           percentile_cont(0.5) within group (order by turnaround_h) as ta_med,
           percentile_cont(0.9) within group (order by turnaround_h) as ta_p90,
           percentile_cont(0.5) within group (order by triage_min) as tt_med,
           percentile_cont(0.9) within group (order by triage_min) as tt_p90,
           percentile_cont(0.5) within group (order by first_review_h) as fr_med,
           percentile_cont(0.9) within group (order by first_review_h) as fr_p90,
           percentile_cont(0.5) within group (order by loop_closed_h) as lc_med,
           percentile_cont(0.9) within group (order by loop_closed_h) as lc_p90,
           count(*) filter (where sla_ok)::text as sla_met,
           count(*) filter (where not sla_ok)::text as sla_missed
    from m
    group by grouping sets ((), (gkey, glabel))`;
}

/**
 * Run a report statement with enough sort/hash memory that a quarter of a million cases aggregate
 * in memory instead of spilling to disk (SET LOCAL: this transaction only).
 */
export async function runReportSql<T extends Record<string, unknown>>(db: Db, statement: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '${sql.raw(REPORT_WORK_MEM)}'`);
    return (await tx.execute<T>(statement)).rows as T[];
  });
}

/** Per-statement sort/hash memory for reports. */
export const REPORT_WORK_MEM = "256MB";

const round = (v: number | null, digits = 2): number | null => (v === null || v === undefined ? null : Number(Number(v).toFixed(digits)));

function statsOf(r: Row | undefined): TurnaroundStats {
  const met = Number(r?.sla_met ?? 0);
  const missed = Number(r?.sla_missed ?? 0);
  return {
    count: Number(r?.count ?? 0),
    answered: Number(r?.answered ?? 0),
    turnaroundHours: { median: round(r?.ta_med ?? null), p90: round(r?.ta_p90 ?? null) },
    timeToTriageMinutes: { median: round(r?.tt_med ?? null), p90: round(r?.tt_p90 ?? null) },
    timeToFirstReviewHours: { median: round(r?.fr_med ?? null), p90: round(r?.fr_p90 ?? null) },
    loopClosedHours: { median: round(r?.lc_med ?? null), p90: round(r?.lc_p90 ?? null) },
    slaMet: met,
    slaMissed: missed,
    slaMetPct: met + missed === 0 ? null : round((100 * met) / (met + missed), 1),
  };
}

function sortGroups(groupBy: GroupBy, groups: TurnaroundGroup[]): TurnaroundGroup[] {
  if (groupBy === "priority") return groups.sort((a, b) => PRIORITY_ORDER.indexOf(a.key) - PRIORITY_ORDER.indexOf(b.key));
  if (groupBy === "skin_type") return groups.sort((a, b) => SKIN_TYPES.indexOf(a.key as SkinType) - SKIN_TYPES.indexOf(b.key as SkinType));
  if (groupBy === "week") return groups.sort((a, b) => a.key.localeCompare(b.key));
  // Clinics and specialists alphabetically; "not answered yet" last.
  return groups.sort((a, b) => Number(a.key === "unanswered") - Number(b.key === "unanswered") || a.label.localeCompare(b.label));
}

function groupLabel(groupBy: GroupBy, r: Row): string {
  const vocabulary = groupBy === "priority" ? REPORT_PRIORITY_LABEL : groupBy === "skin_type" ? SKIN_TYPE_LABEL : null;
  return (vocabulary as Record<string, string> | null)?.[r.key ?? ""] ?? String(r.label ?? r.key ?? "");
}

/**
 * The turnaround report for cases submitted in `range`, grouped by `groupBy` (SPEC §8 shape).
 * Administrators only.
 */
export async function turnaroundReport(
  db: Db,
  actor: Actor,
  query: { range: DateRange; groupBy: GroupBy },
  now = new Date(),
): Promise<TurnaroundReport> {
  requireAdmin(actor);
  const rows = await runReportSql<Row>(db, turnaroundSql(query.range, query.groupBy, now));
  const overall = rows.find((r) => r.overall);
  const groups =
    query.groupBy === "none"
      ? []
      : rows
          .filter((r) => !r.overall)
          .map((r) => ({
            key: r.key ?? "",
            label: groupLabel(query.groupBy, r),
            ...statsOf(r),
          }));
  return {
    from: query.range.fromDay,
    to: query.range.toDay,
    groupBy: query.groupBy,
    timezone: "UTC",
    overall: statsOf(overall),
    groups: sortGroups(query.groupBy, groups),
  };
}
