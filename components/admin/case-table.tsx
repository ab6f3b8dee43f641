/**
 * The admin case list as a table: where each case stands against its SLA, who holds it and how
 * long it has waited. Rows carry the patient's MRN only — a service manager tracks turnaround and
 * needs a reference to quote, not names; the full identity is on the (audited) case page.
 */
import Link from "next/link";
import type { CaseListItem } from "@/lib/cases/list";
import { PriorityBadge, StatusBadge } from "@/components/cases/status-badges";
import { Badge } from "@/components/ui/badge";
import { OPEN_STATUSES, SLA_STATE_TONE } from "./case-labels";
import { labelOf, SLA_STATE_LABEL } from "@/lib/vocabulary";
import { formatDate, formatDateTime, formatDuration } from "@/components/cases/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** What the admin list shows of a case: no patient name reaches the page. */
export type AdminCaseRow = {
  id: string;
  mrn: string;
  clinicName: string;
  status: string;
  priority: string | null;
  slaState: string;
  slaDueAt: string | null;
  submittedAt: string | null;
  claimedByName: string | null;
};

export function adminCaseRow(item: CaseListItem): AdminCaseRow {
  return {
    id: item.id,
    mrn: item.patient.mrn,
    clinicName: item.clinicName,
    status: item.status,
    priority: item.priority,
    slaState: item.slaState,
    slaDueAt: item.slaDueAt,
    submittedAt: item.submittedAt,
    claimedByName: item.claimedByName,
  };
}

function SlaCell({ row }: { row: AdminCaseRow }) {
  if (!row.slaDueAt) return <span className="text-slate-500">Not triaged yet</span>;
  const label = labelOf(SLA_STATE_LABEL, row.slaState);
  return (
    <div className="space-y-0.5">
      {OPEN_STATUSES.has(row.status) ? (
        <Badge tone={SLA_STATE_TONE[row.slaState] ?? "neutral"}>{label}</Badge>
      ) : (
        <span className="text-xs text-slate-600" title="SLA state when the case left the queue">
          {label} when it left the queue
        </span>
      )}
      <p className="whitespace-nowrap text-xs text-slate-600">
        Due <time dateTime={row.slaDueAt}>{formatDateTime(row.slaDueAt)}</time>
      </p>
    </div>
  );
}

const TH = "px-2 py-2 font-medium";
const TD = "px-2 py-2 align-top";

export function AdminCaseTable({ rows, now }: { rows: AdminCaseRow[]; now: number }) {
  return (
    <ScrollRegion label="Submitted cases" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Submitted cases, newest first</caption>
        <thead>
          <tr className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
            <th scope="col" className={TH}>Case</th>
            <th scope="col" className={TH}>Clinic</th>
            <th scope="col" className={TH}>Status</th>
            <th scope="col" className={TH}>Priority</th>
            <th scope="col" className={TH}>SLA</th>
            <th scope="col" className={TH}>Submitted</th>
            <th scope="col" className={TH}>Age</th>
            <th scope="col" className={TH}>Claimed by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50" data-testid="admin-case-row" data-case-id={r.id}>
              <th scope="row" className={`${TD} whitespace-nowrap text-left font-normal`}>
                <Link href={`/admin/cases/${r.id}`} className="font-medium text-brand-700 underline">
                  MRN {r.mrn}
                </Link>
              </th>
              <td className={TD}>{r.clinicName}</td>
              <td className={TD}>
                <StatusBadge status={r.status} />
              </td>
              <td className={TD}>{r.priority ? <PriorityBadge priority={r.priority} /> : <span className="text-slate-500">—</span>}</td>
              <td className={TD}>
                <SlaCell row={r} />
              </td>
              <td className={`${TD} whitespace-nowrap`}>{r.submittedAt ? <time dateTime={r.submittedAt}>{formatDate(r.submittedAt)}</time> : "—"}</td>
              <td className={`${TD} whitespace-nowrap tabular-nums`}>{r.submittedAt ? formatDuration(now - Date.parse(r.submittedAt)) : "—"}</td>
              <td className={TD}>{r.claimedByName ?? <span className="text-slate-500">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
