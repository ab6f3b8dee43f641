import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getClinic } from "@/lib/admin/clinics";
import { requirePageContext } from "@/lib/auth/page";
import { getCase } from "@/lib/cases/read";
import { db } from "@/lib/db/client";
import { isDomainError } from "@/lib/errors";
import { OPEN_STATUSES, SLA_STATE_LABEL, SLA_STATE_TONE } from "@/components/admin/case-labels";
import { CaseRecord } from "@/components/cases/case-record";
import { formatDate, formatDateTime, patientName, SEX_LABEL } from "@/components/cases/labels";
import { Panel } from "@/components/cases/panel";
import { PriorityBadge, StatusBadge } from "@/components/cases/status-badges";
import { TriageReasons } from "@/components/cases/triage-reasons";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Case" };
export const dynamic = "force-dynamic";

/**
 * The case as an administrator sees it: read-only (no claim, reply, answer or withdraw — those
 * belong to specialists and clinics). `getCase` enforces the policy and writes the audit row.
 */
export default async function AdminCasePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("admin");
  const { id } = await params;
  const c = await getCase(db, ctx, id).catch((e: unknown) => {
    // An unknown id, a malformed id and a draft all answer the same: not found (audited by getCase).
    if (isDomainError(e) && e.code === "not_found") notFound();
    throw e;
  });
  const clinic = await getClinic(db, ctx, c.clinicId);
  const p = c.patient;
  return (
    <div className="space-y-6">
      <Link href="/admin/cases" className="text-sm text-brand-700 underline">
        ← All cases
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">
          {patientName(p)} <span className="text-base font-normal text-slate-600">· MRN {p.mrn}</span>
        </h1>
        <p className="text-sm text-slate-600">
          {clinic.name} · born <time dateTime={p.birthDate}>{formatDate(`${p.birthDate}T12:00:00Z`)}</time> · {SEX_LABEL[p.sex] ?? p.sex}
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
          {c.slaDueAt && (
            <span className="flex items-center gap-1.5 text-sm text-slate-700">
              {OPEN_STATUSES.has(c.status) && <Badge tone={SLA_STATE_TONE[c.slaState] ?? "neutral"}>{`SLA ${(SLA_STATE_LABEL[c.slaState] ?? c.slaState).toLowerCase()}`}</Badge>}
              · due <time dateTime={c.slaDueAt}>{formatDateTime(c.slaDueAt)}</time>
            </span>
          )}
        </div>
        <p className="text-sm text-slate-700">{c.claimedByName ? `Claimed by ${c.claimedByName}.` : "Not claimed by a dermatologist."}</p>
        <p className="text-xs text-slate-600">Read-only. Your viewing of this case and its photos is recorded in the audit log.</p>
      </header>

      <CaseRecord
        c={c}
        lead={
          c.triageReasons.length > 0 && (
            <Panel title="Triage" id="triage">
              <p className="mb-2 text-sm text-slate-700">Score {c.triageScore ?? "—"}. The rules that set this case&apos;s priority:</p>
              <TriageReasons reasons={c.triageReasons} />
            </Panel>
          )
        }
      />
    </div>
  );
}
