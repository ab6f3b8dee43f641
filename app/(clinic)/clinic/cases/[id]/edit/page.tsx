import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePageContext } from "@/lib/auth/page";
import { getCase } from "@/lib/cases/read";
import { db } from "@/lib/db/client";
import type { StepId } from "@/components/cases/wizard/field-names";
import { ReferralWizard } from "@/components/cases/wizard/referral-wizard";
import { RegisterServiceWorker } from "@/components/offline/register-service-worker";
import { orNotFound } from "@/lib/http/page-not-found";

export const metadata: Metadata = { title: "Edit referral" };

const STEP_IDS: StepId[] = ["patient", "history", "photos", "review"];

export default async function EditReferralPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requirePageContext("referrer");
  const { id } = await params;
  const { step } = await searchParams;
  const detail = await orNotFound(getCase(db, ctx, id));
  if (detail.status !== "draft") redirect(`/clinic/cases/${detail.id}`);
  const initialStep = STEP_IDS.find((s) => s === step) ?? "history";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Referral draft</h1>
      <ReferralWizard initialCase={detail} initialStep={initialStep} userId={ctx.actor.id} />
      <RegisterServiceWorker />
    </div>
  );
}
