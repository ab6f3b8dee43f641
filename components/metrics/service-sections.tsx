/** Dashboard sections about the service as it stands: SLA by clinic, the backlog and photo quality. */
import Link from "next/link";
import type { Dashboard } from "@/lib/metrics/dashboard";
import { AGE_BUCKETS } from "@/lib/metrics/backlog";
import { labelOf, PHOTO_FLAG_LABEL } from "@/lib/vocabulary";
import { BacklogChart } from "./backlog-chart";
import { ChartCard, DataTable, fmt } from "./chart-card";
import { SlaByClinicChart } from "./sla-by-clinic-chart";
import { statColumns } from "./turnaround-sections";
import { ScrollRegion } from "@/components/ui/scroll-region";

export function ClinicSlaSection({ d }: { d: Dashboard }) {
  const data = d.byClinic.groups.map((g) => ({ clinic: g.label, pct: g.slaMetPct, decided: g.slaMet + g.slaMissed }));
  return (
    <ChartCard
      id="clinic-sla"
      title="SLA compliance by clinic"
      description="Share of each clinic's cases answered within their SLA (cases still open past their deadline count as missed)."
      summary={data.length ? `Bar chart: ${data.map((c) => `${c.clinic} ${fmt(c.pct, "%")}`).join("; ")}.` : "No cases in this range."}
      chart={<SlaByClinicChart data={data} />}
      table={<DataTable caption="Turnaround by clinic" rows={d.byClinic.groups} rowKey={(g) => g.key} columns={[{ header: "Clinic", cell: (g) => g.label }, ...statColumns]} />}
    />
  );
}

/** The admin case list for a backlog row: its priority, or the cases triage has not reached yet. */
function casesHref(priority: string): string {
  return priority === "untriaged" ? "/admin/cases?status=submitted" : `/admin/cases?priority=${priority}`;
}

export function BacklogSection({ d }: { d: Dashboard }) {
  const buckets = AGE_BUCKETS.map((b) => ({ key: b.key, label: b.label }));
  const data = d.backlog.rows.map((r) => ({ priority: r.label, ...r.byAge }));
  return (
    <ChartCard
      id="backlog"
      title="Backlog by priority and age"
      description={`Cases open now (submitted, in the queue, in review or awaiting the clinic), by time since submission. As of ${d.backlog.asOf.slice(0, 16).replace("T", " ")} UTC. Each priority links to its cases.`}
      summary={`Stacked bar chart of ${d.backlog.total} open cases: ${d.backlog.rows.map((r) => `${r.label} ${r.total}`).join(", ")}.`}
      chart={<BacklogChart data={data} buckets={buckets} />}
      table={
        <DataTable caption="Backlog" rows={d.backlog.rows} rowKey={(r) => r.priority} columns={[
          { header: "Priority", cell: (r) => <Link href={casesHref(r.priority)} className="text-brand-700 underline">{r.label}</Link> },
          ...AGE_BUCKETS.map((b) => ({ header: b.label, cell: (r: (typeof d.backlog.rows)[number]) => r.byAge[b.key], numeric: true })),
          { header: "Total", cell: (r) => r.total, numeric: true },
          { header: "At risk", cell: (r) => r.atRisk, numeric: true },
          { header: "Past deadline", cell: (r) => r.breached, numeric: true },
          { header: "Awaiting clinic", cell: (r) => r.awaitingInfo, numeric: true },
        ]} />
      }
    />
  );
}

export function QualitySection({ d }: { d: Dashboard }) {
  return (
    <section aria-labelledby="quality-title" id="quality" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="quality-title" className="text-lg font-semibold">Referral quality by clinic</h2>
      <p className="mt-1 text-sm text-slate-600">
        Photos the quality check flagged or that could not be read, and cases that needed more information. High shares suggest a clinic would benefit from photography or referral training.
      </p>
      <ScrollRegion label="Referral quality by clinic: table" className="mt-3">
        {d.quality.length === 0 ? (
          <p className="text-sm text-slate-600">No cases were submitted in this range.</p>
        ) : (
          <DataTable caption="Referral quality by clinic" rows={d.quality} rowKey={(q) => q.clinicId} columns={[
            { header: "Clinic", cell: (q) => q.clinicName },
            { header: "Photos", cell: (q) => q.photos, numeric: true },
            { header: "Flagged", cell: (q) => `${fmt(q.flaggedPct, "%")} (${q.photosFlagged})`, numeric: true },
            { header: "Unreadable", cell: (q) => `${fmt(q.rejectedPct, "%")} (${q.photosRejected})`, numeric: true },
            { header: "Most common flag", cell: (q) => topFlag(q.flags) },
            { header: "Cases", cell: (q) => q.cases, numeric: true },
            { header: "Needed more information", cell: (q) => `${fmt(q.infoRequestPct, "%")} (${q.casesWithInfoRequest})`, numeric: true },
          ]} />
        )}
      </ScrollRegion>
    </section>
  );
}


function topFlag(flags: Record<string, number>): string {
  const [name, n] = Object.entries(flags).sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  return n > 0 ? `${labelOf(PHOTO_FLAG_LABEL, name)} (${n})` : "—";
}
