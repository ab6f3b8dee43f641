/**
 * The facts at the top of a case page — who the patient is, when the case was submitted, its
 * status and priority — shared by the clinic's and the administrator's views. `lead` goes before
 * the birth date (the MRN for the clinic, the clinic's name for an administrator); `children`
 * extend the status line.
 */
import type { ReactNode } from "react";
import type { CaseDetail } from "@/lib/cases/detail";
import { PriorityBadge, StatusBadge } from "./status-badges";
import { labelOf, SEX_LABEL } from "@/lib/vocabulary";
import { formatDate, formatDateTime } from "./format";

export function CaseFacts({ c, lead, children }: { c: CaseDetail; lead: ReactNode; children?: ReactNode }) {
  const p = c.patient;
  return (
    <>
      <p className="text-sm text-slate-600">
        {lead} · born <time dateTime={p.birthDate}>{formatDate(`${p.birthDate}T12:00:00Z`)}</time> · {labelOf(SEX_LABEL, p.sex)}
        {c.submittedAt && (
          <>
            {" "}
            · submitted <time dateTime={c.submittedAt}>{formatDateTime(c.submittedAt)}</time>
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-700">Status:</span>
        <span data-testid="case-status">
          <StatusBadge status={c.status} />
        </span>
        <PriorityBadge priority={c.priority} />
        {children}
      </div>
    </>
  );
}
