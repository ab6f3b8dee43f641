/** Dashboard section: the equity view by Fitzpatrick skin type (chart, then the full table). */
import type { Dashboard } from "@/lib/metrics/dashboard";
import type { EquityRow } from "@/lib/metrics/equity";
import { DISPOSITIONS } from "@/lib/db/schema/enums";
import { DISPOSITION_LABEL } from "@/lib/vocabulary";
import { ChartCard, DataTable, fmt, type Column } from "./chart-card";
import { EquityChart } from "./equity-chart";

const short = (label: string) => label.replace("Type ", "");

const columns: Column<EquityRow>[] = [
  { header: "Skin type", cell: (r) => r.label },
  { header: "Cases", cell: (r) => r.cases, numeric: true },
  { header: "Photos", cell: (r) => r.photos, numeric: true },
  { header: "Flagged", cell: (r) => `${fmt(r.flaggedPct, "%")} (${r.photosFlagged})`, numeric: true },
  { header: "Unreadable", cell: (r) => `${fmt(r.rejectedPct, "%")} (${r.photosRejected})`, numeric: true },
  { header: "Turnaround median (h)", cell: (r) => fmt(r.turnaroundHours.median), numeric: true },
  { header: "Turnaround p90 (h)", cell: (r) => fmt(r.turnaroundHours.p90), numeric: true },
  { header: "Within SLA", cell: (r) => fmt(r.slaMetPct, "%"), numeric: true },
  ...DISPOSITIONS.map((d) => ({
    header: DISPOSITION_LABEL[d],
    cell: (r: EquityRow) => (r.answered ? `${r.dispositions[d]} (${fmt(Number(((100 * r.dispositions[d]) / r.answered).toFixed(1)), "%")})` : "—"),
    numeric: true,
  })),
];

export function EquitySection({ d }: { d: Dashboard }) {
  const rows = d.equity.rows;
  const data = rows.map((r) => ({ type: short(r.label), flagged: r.flaggedPct, rejected: r.rejectedPct, sla: r.slaMetPct }));
  const summary = `Grouped bar chart by skin type: ${rows
    .filter((r) => r.cases > 0)
    .map((r) => `${r.label}: ${fmt(r.flaggedPct, "%")} of photos flagged, ${fmt(r.rejectedPct, "%")} unreadable, ${fmt(r.slaMetPct, "%")} within SLA`)
    .join("; ") || "no cases in this range"}.`;
  return (
    <ChartCard
      id="equity"
      title="Equity by skin type (Fitzpatrick)"
      description="For cases submitted in the range, by the patient's recorded Fitzpatrick type: photos the quality check flagged or could not read, turnaround, and the dispositions of answered cases (share of that type's answered cases)."
      summary={summary}
      chart={<EquityChart data={data} />}
      table={<DataTable caption="Equity by skin type" rows={rows} rowKey={(r) => r.skinType} columns={columns} />}
    />
  );
}
