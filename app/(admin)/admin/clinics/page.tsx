import type { Metadata } from "next";
import { listClinics } from "@/lib/clinics/service";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { ClinicRow, CreateClinicForm } from "@/components/admin/clinic-forms";
import { createClinicAction, updateClinicAction } from "./actions";

export const metadata: Metadata = { title: "Clinics" };
export const dynamic = "force-dynamic";

export default async function ClinicsPage() {
  const ctx = await requirePageContext("admin");
  const { items } = await listClinics(db, ctx);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Clinics</h1>
      <CreateClinicForm create={createClinicAction} />
      <section aria-labelledby="clinics-title">
        <h2 id="clinics-title" className="mb-3 text-lg font-semibold">Referring clinics</h2>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">No clinics yet. Add the first one above.</p>
        ) : (
          <ul className="space-y-3">{items.map((c) => <ClinicRow key={c.id} clinic={c} update={updateClinicAction} />)}</ul>
        )}
      </section>
    </div>
  );
}
