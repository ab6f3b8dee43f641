"use client";
/**
 * Registering a SMART Backend Services client of the FHIR API on the admin integrations screen:
 * the same endpoint as `POST /api/v1/fhir-clients` (a server action, like the screen's other
 * forms). Keys are public only: a JWKS URL on an allowed origin, or the JWKS itself pasted as JSON.
 * Each problem is shown beside its field.
 */
import { useActionState } from "react";
import type { FhirClientDto } from "@/lib/smart/fhir-clients";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { FormStatus, fieldError } from "@/components/ui/form-status";
import type { FormAction, Result } from "@/lib/http/result";

const FIELDS = ["name", "clinicId", "jwksUrl", "jwks", "scopes"] as const;
type Sent = { result: Result<FhirClientDto>; values: Partial<Record<(typeof FIELDS)[number], string>> };

export function CreateFhirClientForm({ action, clinics }: { action: FormAction<FhirClientDto>; clinics: { id: string; name: string }[] }) {
  // What was typed comes back as the fields' defaults after a refusal (React resets a form after its
  // action), so a correction does not mean typing the keys again; a success empties the form.
  const [sent, formAction, pending] = useActionState(async (_prev: Sent | null, form: FormData): Promise<Sent> => {
    const result = await action(null, form);
    return { result, values: result.ok ? {} : Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")])) };
  }, null);
  const state = sent?.result ?? null;
  const v = sent?.values ?? {};
  return (
    <form key={JSON.stringify(v)} action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate aria-labelledby="new-fhir-client-title">
      <h3 id="new-fhir-client-title" className="text-base font-semibold">Register a FHIR API client</h3>
      <FormStatus result={state} success={(c) => `“${c.name}” registered. Its client id is ${c.clientId}.`} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Client name" name="name" required defaultValue={v.name} error={fieldError(state, "name")} />
        <SelectField label="Acts for clinic" name="clinicId" required placeholder="Choose…" defaultValue={v.clinicId} options={clinics.map((c) => ({ value: c.id, label: c.name }))} error={fieldError(state, "clinicId")} />
        <TextField label="JWKS URL" name="jwksUrl" type="url" placeholder="https://ehr.example/.well-known/jwks.json" hint="Or paste the public keys below; give one of the two." defaultValue={v.jwksUrl} error={fieldError(state, "jwksUrl")} className="sm:col-span-2" />
        <TextareaField label="Public keys (JWKS JSON)" name="jwks" rows={4} spellCheck={false} defaultValue={v.jwks} error={fieldError(state, "jwks")} className="sm:col-span-2" />
        <TextField label="System scopes" name="scopes" required defaultValue={v.scopes} placeholder="system/Task.rs system/ServiceRequest.crs" error={fieldError(state, "scopes")} className="sm:col-span-2" />
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Registering…" : "Register client"}</Button>
    </form>
  );
}
