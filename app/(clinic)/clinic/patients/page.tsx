import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/page";
import { PatientsScreen } from "@/components/patients/patients-screen";

export const metadata: Metadata = { title: "Patients" };

export default async function PatientsPage() {
  await requirePageContext("referrer");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Patients</h1>
      <PatientsScreen />
    </div>
  );
}
