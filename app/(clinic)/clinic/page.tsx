import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/page";
import { listCases } from "@/lib/cases/list";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { CASE_STATUSES, type CaseStatus } from "@/lib/db/schema/enums";
import { CaseFilterTabs } from "@/components/cases/case-filter-tabs";
import { CaseList } from "@/components/cases/case-list";
import { labelOf, STATUS_LABEL } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "Clinic cases" };

const PAGE_SIZE = 20;

export default async function ClinicHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("referrer");
  const raw = (await searchParams).status;
  const status = typeof raw === "string" && (CASE_STATUSES as readonly string[]).includes(raw) ? (raw as CaseStatus) : undefined;
  const [counts, page] = await Promise.all([caseCountsByStatus(db, ctx.actor), listCases(db, ctx, { status, limit: PAGE_SIZE })]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Your clinic&apos;s referrals</h1>
        <Link href="/clinic/cases/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New referral
        </Link>
      </div>
      <CaseFilterTabs current={status} counts={counts} />
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-medium">{status ? `No cases under “${labelOf(STATUS_LABEL, status)}”` : "No referrals yet"}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {status ? "Choose another filter, or start a new referral." : "Start a referral: choose the patient, describe the lesion and add photos."}
          </p>
          <Link href="/clinic/cases/new" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Start a new referral
          </Link>
        </div>
      ) : (
        <CaseList key={status ?? "all"} initial={page.items} nextCursor={page.nextCursor} status={status} />
      )}
    </div>
  );
}
