import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requirePageContext } from "@/lib/auth/page";
import { getCase } from "@/lib/cases/read";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { heldClaims } from "@/lib/reviews/claims";
import { earlierCases } from "@/lib/reviews/earlier-cases";
import { listTemplates } from "@/lib/reviews/templates";
import { getSlaSettings } from "@/lib/sla/settings";
import { CaseSummary } from "@/components/review/case-summary";
import { ClaimButton } from "@/components/review/claim-button";
import { EarlierCases } from "@/components/review/earlier-cases";
import { PhotoViewer } from "@/components/review/photo-viewer";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { StartBatch } from "@/components/review/start-batch";
import { DicomDownload } from "@/components/cases/dicom-download";
import { orNotFound } from "@/lib/http/page-not-found";

export const metadata: Metadata = { title: "Batch review" };

type Search = Record<string, string | string[] | undefined>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads only: the workspace keeps the claim alive with its heartbeat (from the moment it opens). */
export default async function BatchReview({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requirePageContext("specialist");
  const sp = await searchParams;
  const caseId = typeof sp.case === "string" ? sp.case : null;

  if (!caseId) {
    // Resume a case already held before claiming another one.
    const held = await heldClaims(db, ctx);
    if (held[0]) redirect(`/specialist/review?case=${held[0].id}`);
    const counts = await caseCountsByStatus(db, ctx.actor);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Batch review</h1>
        {sp.done === "1" && (
          <p role="status" className="rounded-md bg-brand-50 p-3 text-brand-800">
            The queue is empty — every waiting referral has been claimed. <Link href="/specialist" className="underline">Back to the queue</Link>
          </p>
        )}
        <StartBatch autoStart={sp.start === "1"} queued={counts.triaged ?? 0} />
      </div>
    );
  }
  if (!UUID.test(caseId)) notFound();

  const detail = await orNotFound(getCase(db, ctx, caseId));
  const mine = detail.status === "in_review" && detail.claimedBy === ctx.actor.id;
  const [earlier, templates, sla] = await Promise.all([
    earlierCases(db, ctx, { id: detail.id, patientId: detail.patient.id }),
    mine ? listTemplates(db, ctx) : Promise.resolve([]),
    getSlaSettings(db),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server render's clock; countdowns tick on from it
  const now = Date.now();
  const summary = <CaseSummary detail={detail} now={now} atRiskFraction={sla.atRiskFraction} />;
  const earlierPanel = <EarlierCases items={earlier} />;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold">Batch review</h1>
        <DicomDownload caseId={detail.id} photos={detail.photos} />
        <Link href="/specialist" className="text-sm text-brand-700 underline">
          Queue
        </Link>
      </div>
      {mine ? (
        <ReviewWorkspace key={detail.id} detail={detail} templates={templates} summary={summary} earlier={earlierPanel} />
      ) : (
        <div className="space-y-4">
          <div role="status" className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm">
            <span className="mr-auto">
              {detail.status === "triaged"
                ? "This referral is waiting in the queue."
                : detail.status === "in_review"
                  ? `${detail.claimedByName ?? "Another specialist"} is reviewing this referral.`
                  : `This referral is ${detail.status.replace("_", " ")}.`}
            </span>
            {detail.status === "triaged" && <ClaimButton caseId={detail.id} label="Claim and review" />}
          </div>
          <div className="grid gap-4 lg:grid-cols-12">
            <div className="space-y-4 lg:col-span-7">
              <PhotoViewer photos={detail.photos} shortcuts />
              {earlierPanel}
            </div>
            <div className="lg:col-span-5">{summary}</div>
          </div>
        </div>
      )}
    </div>
  );
}
