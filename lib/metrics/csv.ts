/**
 * The turnaround report as CSV: the overall row first (key "overall"), then one row per group, with
 * exactly the numbers of the JSON report (same rounding; an empty cell where JSON has null).
 */
import { toCsv } from "../csv";
import type { TurnaroundReport, TurnaroundStats } from "./turnaround";

export const TURNAROUND_CSV_HEADER = [
  "from",
  "to",
  "group_by",
  "key",
  "label",
  "count",
  "answered",
  "turnaround_hours_median",
  "turnaround_hours_p90",
  "time_to_triage_minutes_median",
  "time_to_triage_minutes_p90",
  "time_to_first_review_hours_median",
  "time_to_first_review_hours_p90",
  "loop_closed_hours_median",
  "loop_closed_hours_p90",
  "sla_met",
  "sla_missed",
  "sla_met_pct",
];

function statCells(s: TurnaroundStats) {
  return [
    s.count,
    s.answered,
    s.turnaroundHours.median,
    s.turnaroundHours.p90,
    s.timeToTriageMinutes.median,
    s.timeToTriageMinutes.p90,
    s.timeToFirstReviewHours.median,
    s.timeToFirstReviewHours.p90,
    s.loopClosedHours.median,
    s.loopClosedHours.p90,
    s.slaMet,
    s.slaMissed,
    s.slaMetPct,
  ];
}

/** Serialise `report` as CSV. */
export function turnaroundCsv(report: TurnaroundReport): string {
  const lead = [report.from, report.to, report.groupBy];
  return toCsv(TURNAROUND_CSV_HEADER, [
    [...lead, "overall", "All cases", ...statCells(report.overall)],
    ...report.groups.map((g) => [...lead, g.key, g.label, ...statCells(g)]),
  ]);
}
