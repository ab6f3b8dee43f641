import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { caseCountsByStatus } from "@/lib/cases/summary";
import { db } from "@/lib/db/client";
import { StatusSummary } from "@/components/layout/status-summary";

export const metadata: Metadata = { title: "Service dashboard" };

export default async function AdminHome() {
  const { actor } = await requirePageContext("admin");
  const counts = await caseCountsByStatus(db, actor);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Service dashboard</h1>
      <StatusSummary counts={counts} statuses={["submitted", "triaged", "in_review", "answered"]} />
    </div>
  );
}
