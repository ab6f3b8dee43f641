"use client";
/** Create a clinic, and per clinic: rename it, deactivate or reactivate it. */
import { useActionState } from "react";
import { createClinicAction, updateClinicAction } from "@/app/(admin)/admin/clinics/actions";
import { IDLE } from "@/app/(admin)/admin/action-state";
import type { ClinicDto } from "@/lib/clinics/service";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { FormStatus, fieldError } from "./form-status";

export function CreateClinicForm() {
  const [state, action, pending] = useActionState(createClinicAction, IDLE);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="new-clinic-title">
      <h2 id="new-clinic-title" className="text-lg font-semibold">Add a clinic</h2>
      <FormStatus state={state} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Clinic name" name="name" required error={fieldError(state.fields, "name")} className="min-w-64 flex-1" />
        <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add clinic"}</Button>
      </div>
    </form>
  );
}

export function ClinicRow({ clinic }: { clinic: ClinicDto }) {
  const [state, action, pending] = useActionState(updateClinicAction, IDLE);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={clinic.name}>
      <form action={action} className="space-y-2" noValidate>
        <FormStatus state={state} />
        <input type="hidden" name="id" value={clinic.id} />
        <div className="flex flex-wrap items-end gap-3">
          <TextField label={`Name of ${clinic.name}`} name="name" defaultValue={clinic.name} error={fieldError(state.fields, "name")} className="min-w-64 flex-1" />
          <Button type="submit" name="intent" value="rename" variant="secondary" disabled={pending}>Rename</Button>
          {clinic.active ? (
            <Button type="submit" name="intent" value="deactivate" variant="danger" disabled={pending}>Deactivate</Button>
          ) : (
            <Button type="submit" name="intent" value="reactivate" variant="secondary" disabled={pending}>Reactivate</Button>
          )}
        </div>
        <p className="text-sm text-slate-600">
          {clinic.active ? "Active" : "Deactivated"} · {clinic.activeUsers} active {clinic.activeUsers === 1 ? "user" : "users"} · {clinic.openCases} open {clinic.openCases === 1 ? "case" : "cases"}
          {clinic.active ? " · Deactivating also deactivates its clinicians and ends their sessions." : ""}
        </p>
      </form>
    </li>
  );
}
