"use client";
/** Create a clinic, and per clinic: rename it, deactivate or reactivate it. */
import { useActionState } from "react";
import type { ClinicDto } from "@/lib/clinics/service";
import type { FormAction, Result } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus, fieldError } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/text-field";

export function CreateClinicForm({ create }: { create: FormAction<ClinicDto> }) {
  const [state, action, pending] = useActionState(create, null);
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="new-clinic-title">
      <h2 id="new-clinic-title" className="text-lg font-semibold">Add a clinic</h2>
      <FormStatus result={state} success={(c) => `Clinic “${c.name}” created. Invite its clinicians from the Users page.`} />
      <div className="flex flex-wrap items-end gap-3">
        <TextField label="Clinic name" name="name" required error={fieldError(state, "name")} className="min-w-64 flex-1" />
        <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add clinic"}</Button>
      </div>
    </form>
  );
}

type Update = { intent: string; result: Result<ClinicDto> };

/** What an update did, in words, by the button that sent it. */
function updated(intent: string, c: ClinicDto): string {
  if (intent === "rename") return "Renamed.";
  if (intent === "mrnSystem") return c.mrnSystem ? `MRN system set to ${c.mrnSystem}; FHIR Patients carry it from now on.` : "MRN system cleared; FHIR Patients carry DermRelay's identifier system.";
  if (intent === "marker") return `Sticker side set to ${c.markerSideMm.toFixed(1)} mm; photos processed from now on use it.`;
  return c.active ? "Clinic reactivated. Reactivate its clinicians one by one." : "Clinic deactivated; its clinicians can no longer sign in.";
}

export function ClinicRow({ clinic, update }: { clinic: ClinicDto; update: FormAction<ClinicDto> }) {
  const [sent, action, pending] = useActionState(
    async (_prev: Update | null, form: FormData): Promise<Update> => ({ intent: String(form.get("intent") ?? "rename"), result: await update(null, form) }),
    null,
  );
  const state = sent?.result ?? null;
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={clinic.name}>
      <form action={action} className="space-y-2" noValidate>
        <FormStatus result={state} success={(c) => updated(sent?.intent ?? "rename", c)} />
        <input type="hidden" name="id" value={clinic.id} />
        <div className="flex flex-wrap items-end gap-3">
          <TextField label={`Name of ${clinic.name}`} name="name" defaultValue={clinic.name} error={fieldError(state, "name")} className="min-w-64 flex-1" />
          <Button type="submit" name="intent" value="rename" variant="secondary" disabled={pending}>Rename</Button>
          {clinic.active ? (
            <Button type="submit" name="intent" value="deactivate" variant="danger" disabled={pending}>Deactivate</Button>
          ) : (
            <Button type="submit" name="intent" value="reactivate" variant="secondary" disabled={pending}>Reactivate</Button>
          )}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            label={`Calibration sticker side (mm) for ${clinic.name}`}
            name="markerSideMm"
            inputMode="decimal"
            defaultValue={clinic.markerSideMm.toFixed(1)}
            error={fieldError(state, "markerSideMm")}
            hint="The printed black square of the clinic's stickers; the calibration sheet prints this size."
            className="w-64"
          />
          <Button type="submit" name="intent" value="marker" variant="secondary" disabled={pending}>Save sticker side</Button>
          <a className="text-sm text-sky-800 underline" href={`/api/v1/calibration-sheet?sideMm=${clinic.markerSideMm}`}>Calibration sheet (PDF)</a>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            label={`MRN identifier system for ${clinic.name}`}
            name="mrnSystem"
            inputMode="url"
            defaultValue={clinic.mrnSystem ?? ""}
            error={fieldError(state, "mrnSystem")}
            hint="The URI the clinic's EHR uses for its medical record numbers (e.g. urn:oid:1.2.3). Empty: DermRelay's own."
            className="min-w-64 flex-1"
          />
          <Button type="submit" name="intent" value="mrnSystem" variant="secondary" disabled={pending}>Save MRN system</Button>
        </div>
        <p className="text-sm text-slate-600">
          {clinic.active ? "Active" : "Deactivated"} · {clinic.activeUsers} active {clinic.activeUsers === 1 ? "user" : "users"} · {clinic.openCases} open {clinic.openCases === 1 ? "case" : "cases"}
          {clinic.active ? " · Deactivating also deactivates its clinicians and ends their sessions." : ""}
        </p>
      </form>
    </li>
  );
}
