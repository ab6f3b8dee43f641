import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/page";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { StatusSummary } from "@/components/layout/status-summary";

export const metadata: Metadata = { title: "Clinic cases" };

export default async function ClinicHome() {
  const { actor } = await requirePageContext("referrer");
  const counts = await caseCountsByStatus(db, actor);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Your clinic&apos;s referrals</h1>
        <Link href="/clinic/cases/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New referral
        </Link>
      </div>
      <StatusSummary counts={counts} statuses={["draft", "triaged", "awaiting_info", "answered"]} />
    </div>
  );
}
