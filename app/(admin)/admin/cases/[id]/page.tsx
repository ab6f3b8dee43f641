import type { Metadata } from "next";
import Link from "next/link";
import { getClinic } from "@/lib/clinics/service";
import { requirePageContext } from "@/lib/auth/page";
import { getCase } from "@/lib/cases/read";
import { db } from "@/lib/db/client";
import { OPEN_STATUSES, SLA_STATE_TONE } from "@/components/admin/case-labels";
import { CaseRecord } from "@/components/cases/case-record";
import { Panel } from "@/components/cases/panel";
import { TriageReasons } from "@/components/cases/triage-reasons";
import { Badge } from "@/components/ui/badge";
import { CaseFacts } from "@/components/cases/case-facts";
import { DicomDownload } from "@/components/cases/dicom-download";
import { PacsSendsPanel } from "@/components/dicom/pacs-sends-panel";
import { listPacsSends } from "@/lib/dicom/pacs-sends";
import { pacsTrigger } from "@/lib/dicom/pacs-settings";
import { sendToPacsAction } from "./actions";
import { orNotFound } from "@/lib/http/page-not-found";
import { labelOf, SLA_STATE_LABEL } from "@/lib/vocabulary";
import { formatDateTime, patientName } from "@/components/cases/format";

export const metadata: Metadata = { title: "Case" };
export const dynamic = "force-dynamic";

/**
 * The case as an administrator sees it: read-only (no claim, reply, answer or withdraw — those
 * belong to specialists and clinics). `getCase` enforces the policy and writes the audit row.
 */
export default async function AdminCasePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("admin");
  const { id } = await params;
  // An unknown id, a malformed id and a draft all answer the same: not found (audited by getCase).
  const c = await orNotFound(getCase(db, ctx, id));
  const [clinic, sends, pacs] = await Promise.all([getClinic(db, ctx, c.clinicId), listPacsSends(db, ctx, c.id), pacsTrigger(db)]);
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
        <CaseFacts c={c} lead={clinic.name}>
        {c.slaDueAt && (
          <span className="flex items-center gap-1.5 text-sm text-slate-700">
            {OPEN_STATUSES.has(c.status) && <Badge tone={SLA_STATE_TONE[c.slaState] ?? "neutral"}>{`SLA ${labelOf(SLA_STATE_LABEL, c.slaState).toLowerCase()}`}</Badge>}
            · due <time dateTime={c.slaDueAt}>{formatDateTime(c.slaDueAt)}</time>
          </span>
        )}
        </CaseFacts>
        <p className="text-sm text-slate-700">{c.claimedByName ? `Claimed by ${c.claimedByName}.` : "Not claimed by a dermatologist."}</p>
        <DicomDownload caseId={c.id} photos={c.photos} />
        <p className="text-xs text-slate-600">Read-only, apart from sending its study to the PACS. Your viewing of this case and its photos is recorded in the audit log.</p>
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
      <PacsSendsPanel sends={sends} configured={pacs !== null} canSend={c.photos.some((p) => p.status === "ready")} caseId={c.id} send={sendToPacsAction} />
    </div>
  );
}
