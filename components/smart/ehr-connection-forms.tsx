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
import { FormStatus, fieldError } from "@/components/ui/form-status";
import type { FormAction, Result } from "@/lib/http/result";

type Action = FormAction<EhrConnectionDto>;

export function CreateConnectionForm({ action, clinics, defaultScopes }: { action: Action; clinics: { id: string; name: string }[]; defaultScopes: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="new-ehr-title">
      <h2 id="new-ehr-title" className="text-lg font-semibold">Register an EHR</h2>
      <FormStatus result={state} success={(c) => `“${c.name}” registered. Give the EHR the launch and redirect URLs shown above.`} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" name="name" required error={fieldError(state, "name")} />
        <SelectField label="Clinic" name="clinicId" required placeholder="Choose…" options={clinics.map((c) => ({ value: c.id, label: c.name }))} error={fieldError(state, "clinicId")} />
        <TextField label="FHIR base URL (iss)" name="iss" type="url" required placeholder="https://ehr.example/fhir/r4" error={fieldError(state, "iss")} className="sm:col-span-2" />
        <TextField label="Client id" name="clientId" required autoComplete="off" error={fieldError(state, "clientId")} />
        <TextField label="Client secret (optional)" name="clientSecret" type="password" autoComplete="new-password" hint="Stored encrypted and never shown again." error={fieldError(state, "clientSecret")} />
        <TextField label="Scopes" name="scopes" defaultValue={defaultScopes} error={fieldError(state, "scopes")} className="sm:col-span-2" />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register EHR"}</Button>
    </form>
  );
}

export function ConnectionRow({ connection: c, action }: { connection: EhrConnectionDto; action: Action }) {
  const [sent, formAction, pending] = useActionState(
    async (_prev: { intent: string; result: Result<EhrConnectionDto> } | null, form: FormData) => ({ intent: String(form.get("intent") ?? "save"), result: await action(null, form) }),
    null,
  );
  const state = sent?.result ?? null;
  const said = (d: EhrConnectionDto) => (sent?.intent === "save" ? "Saved." : d.active ? "Connection active: launches from this EHR work again." : "Connection deactivated: launches from this EHR are refused.");
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={c.name}>
      <form action={formAction} className="space-y-2" noValidate>
        <FormStatus result={state} success={said} />
        <input type="hidden" name="id" value={c.id} />
        <p className="text-sm text-slate-600">
          {c.active ? "Active" : "Deactivated"} · {c.clinicName} · <code>{c.iss}</code> · client <code>{c.clientId}</code> · {c.hasClientSecret ? "secret set" : "public client (PKCE only)"}
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={`Name of ${c.name}`} name="name" defaultValue={c.name} error={fieldError(state, "name")} />
          <TextField label={`New client secret for ${c.name}`} name="clientSecret" type="password" autoComplete="new-password" hint="Leave empty to keep the current one." />
          <TextField label={`Scopes of ${c.name}`} name="scopes" defaultValue={c.scopes} error={fieldError(state, "scopes")} className="sm:col-span-2" />
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
