import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { getPatient, type PatientDto } from "@/lib/patients/service";
import { ReferralWizard } from "@/components/cases/wizard/referral-wizard";

export const metadata: Metadata = { title: "New referral" };

export default async function NewReferralPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("referrer");
  const { patientId } = await searchParams;
  // Coming from the patients page: the patient is preselected, but the draft starts only on confirm.
  let preselected: PatientDto | null = null;
  if (typeof patientId === "string") preselected = await getPatient(db, ctx, patientId).catch(() => null);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New referral</h1>
      <ReferralWizard initialCase={null} initialStep="patient" userId={ctx.actor.id} preselected={preselected} />
    </div>
  );
}
