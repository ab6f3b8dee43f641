import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/page";
import { getCase } from "@/lib/cases/read";
import { submissionRequestOf } from "@/lib/cases/submit-when-ready";
import { SUBMISSION_STATE_NOTE } from "@/lib/vocabulary";
import { db } from "@/lib/db/client";
import { AnswerForm } from "@/components/cases/answer-form";
import { AutoRefresh } from "@/components/cases/auto-refresh";
import { CaseActions } from "@/components/cases/case-actions";
import { CaseRecord } from "@/components/cases/case-record";
import { CaseFacts } from "@/components/cases/case-facts";
import { orNotFound } from "@/lib/http/page-not-found";
import { writeBackStatus } from "@/lib/smart/write-back";
import { WriteBackStatus } from "@/components/smart/write-back-status";
import { patientName } from "@/components/cases/format";

export const metadata: Metadata = { title: "Referral" };

const STATUS_NOTE: Record<string, string> = {
  draft: "This referral has not been sent yet.",
  submitted: "Sent. DermRelay is checking the photos and placing the case in the queue…",
  triaged: "In the dermatology queue, waiting for a dermatologist.",
  in_review: "A dermatologist is reviewing this case.",
  awaiting_info: "The dermatologist needs more information from you — answer below.",
  answered: "The dermatologist has replied. Please read and acknowledge the reply.",
  closed: "Closed: the reply was acknowledged.",
  withdrawn: "Withdrawn by the clinic.",
};

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePageContext("referrer");
  const { id } = await params;
  const c = await orNotFound(getCase(db, ctx, id));
  const p = c.patient;
  const filing = await writeBackStatus(db, c.id);
  const request = c.status === "draft" ? await submissionRequestOf(db, c.id) : null;
  return (
    <div className="space-y-6">
      {(c.status === "submitted" || request?.state === "pending") && <AutoRefresh />}
      <Link href="/clinic" className="text-sm text-brand-700 underline">
        ← All referrals
      </Link>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{patientName(p)}</h1>
        <CaseFacts c={c} lead={<>MRN {p.mrn}</>} />
        {request ? (
          <div role={request.state === "held" ? "alert" : "status"} className={`rounded-md border p-3 text-sm ${request.state === "held" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50 text-slate-700"}`}>
            <p className="font-medium">{SUBMISSION_STATE_NOTE[request.state]}</p>
            {request.reason && <p className="mt-1">{request.reason}</p>}
          </div>
        ) : (
          <p className="text-sm text-slate-700">{STATUS_NOTE[c.status]}</p>
        )}
        <CaseActions caseId={c.id} status={c.status} />
        <WriteBackStatus status={filing} />
        {c.consultation && (
          <a
            href={`/api/v1/cases/${c.id}/letter.pdf`}
            download
            className="inline-block rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            Download letter (PDF)
          </a>
        )}
      </header>

      <CaseRecord
        c={c}
        showEmptyMessages={c.status === "awaiting_info"}
        afterMessages={
          c.status === "awaiting_info" && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <AnswerForm caseId={c.id} />
            </div>
          )
        }
      />
    </div>
  );
}
