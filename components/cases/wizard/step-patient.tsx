"use client";
/**
 * The patient step: search the clinic's patients or register one inline. Choosing a patient
 * starts the draft (or, on an existing draft, changes its patient).
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PatientForm } from "@/components/patients/patient-form";
import { PatientSearch } from "@/components/patients/patient-search";
import type { Patient } from "../types";
import { labelOf, SEX_LABEL } from "@/lib/vocabulary";
import { formatDate, patientName } from "../format";

export function StepPatient({ current, busy, onChoose }: { current: Patient | null; busy: boolean; onChoose: (p: Patient) => void }) {
  const [mode, setMode] = useState<"search" | "create">("search");
  return (
    <div className="space-y-6" id="f-patient" tabIndex={-1}>
      {current && (
        <section aria-label="Chosen patient" className="rounded-lg border border-brand-600/40 bg-brand-50 p-4">
          <p className="text-sm text-slate-600">Referral for</p>
          <p className="text-lg font-semibold">{patientName(current)}</p>
          <p className="text-sm text-slate-700">
            MRN {current.mrn} · born{" "}
            <time dateTime={current.birthDate} suppressHydrationWarning>
              {formatDate(`${current.birthDate}T12:00:00Z`)}
            </time>{" "}
            · {labelOf(SEX_LABEL, current.sex)}
          </p>
        </section>
      )}
      <div role="group" aria-label="Find or add the patient" className="flex flex-wrap gap-2">
        <Button type="button" variant={mode === "search" ? "primary" : "secondary"} aria-pressed={mode === "search"} onClick={() => setMode("search")}>
          Find an existing patient
        </Button>
        <Button type="button" variant={mode === "create" ? "primary" : "secondary"} aria-pressed={mode === "create"} onClick={() => setMode("create")}>
          Add a new patient
        </Button>
      </div>
      {mode === "search" ? (
        <PatientSearch
          renderAction={(p) =>
            current?.id === p.id ? (
              <span className="text-sm font-medium text-brand-800">Chosen</span>
            ) : (
              <Button type="button" variant="secondary" className="px-3 py-1.5" disabled={busy} onClick={() => onChoose(p)}>
                {current ? "Use this patient" : "Refer this patient"}
                <span className="sr-only"> {patientName(p)}</span>
              </Button>
            )
          }
        />
      ) : (
        <PatientForm submitLabel="Add patient and continue" onCreated={onChoose} />
      )}
    </div>
  );
}
