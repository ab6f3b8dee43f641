/**
 * Everything the admin dashboard shows, gathered in one call so the page stays a thin renderer:
 * the turnaround report by week (volume and trend), by clinic (compliance), by the chosen grouping
 * (breakdown table), this ISO week's figures, the backlog, quality per clinic, the equity view by
 * skin type and the SLA windows.
 */
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { getSlaSettings } from "../sla/settings";
import type { SlaSettings } from "../sla/rules";
import { requireAdmin } from "../auth/guard";
import { backlog, type Backlog } from "./backlog";
import { equityReport, type EquityReport } from "./equity";
import { qualityByClinic, type ClinicQuality } from "./quality";
import type { DateRange, GroupBy } from "./range";
import { turnaroundReport, type TurnaroundReport } from "./turnaround";

export type Dashboard = {
  weekly: TurnaroundReport;
  byClinic: TurnaroundReport;
  breakdown: TurnaroundReport;
  thisWeek: TurnaroundReport;
  backlog: Backlog;
  quality: ClinicQuality[];
  equity: EquityReport;
  sla: SlaSettings;
};

/** The current ISO week (Monday 00:00 UTC to the end of today). */
export function currentIsoWeek(now = new Date()): DateRange {
  const dow = (now.getUTCDay() + 6) % 7; // Monday = 0
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - dow));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { fromDay: start.toISOString().slice(0, 10), toDay: now.toISOString().slice(0, 10), start, end, days: dow + 1 };
}

/** Load the dashboard for `range` with the breakdown grouped by `groupBy`. Administrators only. */
export async function dashboardData(db: Db, actor: Actor, range: DateRange, groupBy: GroupBy, now = new Date()): Promise<Dashboard> {
  requireAdmin(actor);
  const report = (g: GroupBy, r: DateRange = range) => turnaroundReport(db, actor, { range: r, groupBy: g }, now);
  const [weekly, byClinic, thisWeek, bl, quality, equity, sla] = await Promise.all([
    report("week"),
    report("clinic"),
    report("none", currentIsoWeek(now)),
    backlog(db, actor, now),
    qualityByClinic(db, actor, range),
    equityReport(db, actor, range, now),
    getSlaSettings(db),
  ]);
  const breakdown = groupBy === "week" ? weekly : groupBy === "clinic" ? byClinic : await report(groupBy);
  return { weekly, byClinic, breakdown, thisWeek, backlog: bl, quality, equity, sla };
}
