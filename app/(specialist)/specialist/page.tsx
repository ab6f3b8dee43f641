import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { StatusSummary } from "@/components/layout/status-summary";

export const metadata: Metadata = { title: "Queue" };

export default async function SpecialistHome() {
  const { actor } = await requirePageContext("specialist");
  const counts = await caseCountsByStatus(db, actor);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Referral queue</h1>
      <StatusSummary counts={counts} statuses={["triaged", "in_review", "awaiting_info", "answered"]} />
    </div>
  );
}
