"use client";
/**
 * The EHR connections section of the admin integrations screen: register an EHR (the secret is
 * write-only: typed here, never shown again), and per connection edit name, scopes and secret, or
 * deactivate it. Server actions arrive as props.
 */
import { useActionState } from "react";
import type { EhrConnectionDto } from "@/lib/smart/connections";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { FormStatus, fieldError } from "@/components/admin/form-status";

type State = { ok: boolean; message: string | null; fields: Record<string, string[]> };
type Action = (prev: State, form: FormData) => Promise<State>;
const IDLE: State = { ok: false, message: null, fields: {} };

export function CreateConnectionForm({ action, clinics, defaultScopes }: { action: Action; clinics: { id: string; name: string }[]; defaultScopes: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="new-ehr-title">
      <h2 id="new-ehr-title" className="text-lg font-semibold">Register an EHR</h2>
      <FormStatus state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" required error={fieldError(state.fields, "name")} />
        <SelectField label="Clinic" name="clinicId" required placeholder="Choose…" options={clinics.map((c) => ({ value: c.id, label: c.name }))} error={fieldError(state.fields, "clinicId")} />
        <TextField label="FHIR base URL (iss)" name="iss" type="url" required placeholder="https://ehr.example/fhir/r4" error={fieldError(state.fields, "iss")} className="sm:col-span-2" />
        <TextField label="Client id" name="clientId" required autoComplete="off" error={fieldError(state.fields, "clientId")} />
        <TextField label="Client secret (optional)" name="clientSecret" type="password" autoComplete="new-password" hint="Stored encrypted and never shown again." error={fieldError(state.fields, "clientSecret")} />
        <TextField label="Scopes" name="scopes" defaultValue={defaultScopes} error={fieldError(state.fields, "scopes")} className="sm:col-span-2" />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register EHR"}</Button>
    </form>
  );
}

export function ConnectionRow({ connection: c, action }: { connection: EhrConnectionDto; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={c.name}>
      <form action={formAction} className="space-y-2" noValidate>
        <FormStatus state={state} />
        <input type="hidden" name="id" value={c.id} />
        <p className="text-sm text-slate-600">
          {c.active ? "Active" : "Deactivated"} · {c.clinicName} · <code>{c.iss}</code> · client <code>{c.clientId}</code> · {c.hasClientSecret ? "secret set" : "public client (PKCE only)"}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={`Name of ${c.name}`} name="name" defaultValue={c.name} error={fieldError(state.fields, "name")} />
          <TextField label={`New client secret for ${c.name}`} name="clientSecret" type="password" autoComplete="new-password" hint="Leave empty to keep the current one." />
          <TextField label={`Scopes of ${c.name}`} name="scopes" defaultValue={c.scopes} error={fieldError(state.fields, "scopes")} className="sm:col-span-2" />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={pending}>Save</Button>
          {c.active ? (
            <Button type="submit" name="intent" value="deactivate" variant="danger" disabled={pending}>Deactivate</Button>
          ) : (
            <Button type="submit" name="intent" value="activate" variant="secondary" disabled={pending}>Activate</Button>
          )}
        </div>
      </form>
    </li>
  );
}
