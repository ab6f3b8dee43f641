"use client";
/** The clinic's patients page: find a patient and start a referral, or register a new one. */
import Link from "next/link";
import { useState } from "react";
import type { Patient } from "@/components/cases/types";
import { PatientForm } from "./patient-form";
import { PatientSearch } from "./patient-search";
import { patientName } from "@/components/cases/format";

export function PatientsScreen() {
  const [created, setCreated] = useState<Patient | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <section aria-labelledby="find-heading" className="space-y-3">
        <h2 id="find-heading" className="text-lg font-semibold">
          Find a patient
        </h2>
        <PatientSearch
          refreshKey={refreshKey}
          renderAction={(p) => (
            <Link href={`/clinic/cases/new?patientId=${p.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
              Start referral<span className="sr-only"> for {patientName(p)}</span>
            </Link>
          )}
        />
      </section>
      <section aria-labelledby="add-heading" className="space-y-3">
        <h2 id="add-heading" className="text-lg font-semibold">
          Add a patient
        </h2>
        {created && (
          <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
            {patientName(created)} (MRN {created.mrn}) was added.{" "}
            <Link href={`/clinic/cases/new?patientId=${created.id}`} className="font-medium underline">
              Start a referral for this patient
            </Link>
          </p>
        )}
        <PatientForm
          onCreated={(p) => {
            setCreated(p);
            setRefreshKey((k) => k + 1);
          }}
        />
      </section>
    </div>
  );
}
