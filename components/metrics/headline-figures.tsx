/** The four figures a service manager reads first, each with its definition under it. */
import type { Dashboard } from "@/lib/metrics/dashboard";
import { fmt } from "./chart-card";

export function HeadlineFigures({ d }: { d: Dashboard }) {
  const o = d.weekly.overall;
  const items = [
    { label: "Submitted this week", value: String(d.thisWeek.overall.count), note: `ISO week from ${d.thisWeek.from} (UTC); ${d.thisWeek.overall.answered} answered` },
    { label: "Turnaround, median / p90", value: `${fmt(o.turnaroundHours.median)} / ${fmt(o.turnaroundHours.p90)} h`, note: `${o.answered} answered cases, ${d.weekly.from} to ${d.weekly.to}` },
    { label: "Within SLA", value: fmt(o.slaMetPct, "%"), note: `${o.slaMet} met, ${o.slaMissed} missed in the range` },
    { label: "Open backlog", value: String(d.backlog.total), note: `${d.backlog.atRisk} at risk, ${d.backlog.breached} past deadline` },
  ];
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="headline-figures">
      {items.map((i) => (
        <div key={i.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">{i.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{i.value}</dd>
          <dd className="mt-1 text-xs text-slate-500">{i.note}</dd>
        </div>
      ))}
    </dl>
  );
}
