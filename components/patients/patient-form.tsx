"use client";
/**
 * Register a patient of the clinic (SPEC §3). Used on the patients page and inline in the referral
 * wizard. Server messages (422 per field, 409 duplicate MRN) are shown beside the field they name.
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { api, firstMessages } from "@/components/api/client";
import type { Patient } from "@/components/cases/types";
import { SEX_LABEL } from "@/lib/vocabulary";

const SEX_OPTIONS = Object.entries(SEX_LABEL).map(([value, label]) => ({ value, label }));
const FITZPATRICK_OPTIONS = ["1", "2", "3", "4", "5", "6"].map((v) => ({ value: v, label: `Type ${"I II III IV V VI".split(" ")[Number(v) - 1]}` }));

type Form = { mrn: string; givenName: string; familyName: string; birthDate: string; sex: string; fitzpatrick: string };
const EMPTY: Form = { mrn: "", givenName: "", familyName: "", birthDate: "", sex: "", fitzpatrick: "" };

export function PatientForm({ onCreated, submitLabel = "Add patient" }: { onCreated: (p: Patient) => void; submitLabel?: string }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.sex) local.sex = "Choose one";
    setBusy(true);
    setErrors(local);
    setFormError(null);
    const body = {
      mrn: form.mrn,
      givenName: form.givenName,
      familyName: form.familyName,
      birthDate: form.birthDate,
      sex: form.sex || undefined,
      ...(form.fitzpatrick ? { fitzpatrick: Number(form.fitzpatrick) } : {}),
    };
    const r = await api<Patient>("/api/v1/patients", { method: "POST", body });
    setBusy(false);
    if (r.ok) {
      setForm(EMPTY);
      setErrors({});
      onCreated(r.data);
    } else if (r.code === "conflict") {
      setErrors({ mrn: r.message });
    } else if (r.code === "invalid") {
      setErrors({ ...local, ...firstMessages(r.fields) });
      setFormError("Please correct the fields marked below.");
    } else {
      setFormError(r.message);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="New patient">
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="MRN (medical record number)" name="mrn" value={form.mrn} onChange={set("mrn")} error={errors.mrn} required autoComplete="off" />
        <TextField label="Date of birth" name="birthDate" type="date" value={form.birthDate} onChange={set("birthDate")} error={errors.birthDate} required />
        <TextField label="Given name" name="givenName" value={form.givenName} onChange={set("givenName")} error={errors.givenName} required autoComplete="off" />
        <TextField label="Family name" name="familyName" value={form.familyName} onChange={set("familyName")} error={errors.familyName} required autoComplete="off" />
        <SelectField label="Sex" name="sex" value={form.sex} onChange={set("sex")} options={SEX_OPTIONS} placeholder="Choose…" error={errors.sex} required />
        <SelectField
          label="Fitzpatrick skin type (optional)"
          name="fitzpatrick"
          value={form.fitzpatrick}
          onChange={set("fitzpatrick")}
          options={FITZPATRICK_OPTIONS}
          placeholder="Not recorded"
          error={errors.fitzpatrick}
        />
      </div>
      <Button type="submit" disabled={busy} aria-busy={busy}>
        {busy ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
