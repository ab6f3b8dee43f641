/** Dashboard sections built from the turnaround report: weekly volume, the trend and the breakdown. */
import type { Dashboard } from "@/lib/metrics/dashboard";
import type { TurnaroundGroup } from "@/lib/metrics/turnaround";
import { ChartCard, DataTable, fmt, type Column } from "./chart-card";
import { PRIORITIES } from "@/lib/db/schema/enums";
import { PRIORITY_LABEL } from "@/lib/vocabulary";
import { GROUP_LABEL } from "./range-controls";
import { TurnaroundTrendChart } from "./turnaround-trend-chart";
import { WeeklyVolumeChart } from "./weekly-volume-chart";
import { ScrollRegion } from "@/components/ui/scroll-region";


export const statColumns: Column<TurnaroundGroup>[] = [
  { header: "Submitted", cell: (g) => g.count, numeric: true },
  { header: "Answered", cell: (g) => g.answered, numeric: true },
  { header: "Turnaround median (h)", cell: (g) => fmt(g.turnaroundHours.median), numeric: true },
  { header: "Turnaround p90 (h)", cell: (g) => fmt(g.turnaroundHours.p90), numeric: true },
  { header: "To triage median (min)", cell: (g) => fmt(g.timeToTriageMinutes.median), numeric: true },
  { header: "To first review median (h)", cell: (g) => fmt(g.timeToFirstReviewHours.median), numeric: true },
  { header: "Loop closed median (h)", cell: (g) => fmt(g.loopClosedHours.median), numeric: true },
  { header: "Within SLA", cell: (g) => fmt(g.slaMetPct, "%"), numeric: true },
];

export function VolumeSection({ d }: { d: Dashboard }) {
  const data = d.weekly.groups.map((g) => ({ week: g.key, submitted: g.count, answered: g.answered }));
  const total = d.weekly.overall.count;
  return (
    <ChartCard
      id="volume"
      title="Weekly volume"
      description="Cases submitted each ISO week, and how many of those have been answered."
      summary={data.length ? `Bar chart of ${total} cases over ${data.length} weeks; the table below lists each week.` : "No cases in this range."}
      chart={<WeeklyVolumeChart data={data} />}
      table={
        <DataTable caption="Weekly volume" rows={data} rowKey={(r) => r.week} columns={[
          { header: "Week", cell: (r) => r.week },
          { header: "Submitted", cell: (r) => r.submitted, numeric: true },
          { header: "Answered", cell: (r) => r.answered, numeric: true },
        ]} />
      }
    />
  );
}

export function TrendSection({ d }: { d: Dashboard }) {
  const data = d.weekly.groups.map((g) => ({ week: g.key, median: g.turnaroundHours.median, p90: g.turnaroundHours.p90 }));
  const sla = PRIORITIES.map((p) => ({ label: PRIORITY_LABEL[p], hours: d.sla.hours[p] }));
  return (
    <ChartCard
      id="trend"
      title="Turnaround against the SLA"
      description="Hours from submission to reply, not counting time spent waiting for the clinic's answers; weekly median and 90th percentile, with each priority's SLA window."
      summary={`Line chart of weekly median and 90th percentile turnaround over ${data.length} weeks, with SLA lines at ${sla.map((s) => `${s.hours} hours (${s.label})`).join(", ")}.`}
      chart={<TurnaroundTrendChart data={data} slaHours={sla} />}
      table={
        <DataTable caption="Weekly turnaround" rows={d.weekly.groups} rowKey={(g) => g.key} columns={[{ header: "Week", cell: (g) => g.key }, ...statColumns]} />
      }
    />
  );
}

export function BreakdownSection({ d, csvHref }: { d: Dashboard; csvHref: string }) {
  const g = d.breakdown.groupBy;
  return (
    <section aria-labelledby="breakdown-title" id="breakdown" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="breakdown-title" className="text-lg font-semibold">Breakdown by {GROUP_LABEL[g].toLowerCase()}</h2>
        <a href={csvHref} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" download>Download CSV</a>
      </div>
      <p className="mt-1 text-sm text-slate-600">Every turnaround measure for {d.breakdown.from} to {d.breakdown.to}; SLA compliance counts answered cases and open cases already past their deadline.</p>
      <ScrollRegion label={`Turnaround by ${GROUP_LABEL[g]}: table`} className="mt-3">
        {d.breakdown.groups.length === 0 ? (
          <p className="text-sm text-slate-600">No cases were submitted in this range.</p>
        ) : (
          <DataTable caption={`Turnaround by ${GROUP_LABEL[g]}`} rows={[{ key: "overall", label: "All cases", ...d.breakdown.overall }, ...d.breakdown.groups]} rowKey={(r) => r.key} columns={[{ header: GROUP_LABEL[g], cell: (r) => r.label }, ...statColumns]} />
        )}
      </ScrollRegion>
    </section>
  );
}
