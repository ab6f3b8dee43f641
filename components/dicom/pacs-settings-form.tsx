"use client";
/**
 * The PACS section of the admin settings: the STOW-RS URL, when studies go out automatically and
 * the headers sent with them (credentials: stored encrypted, shown masked, replaced only when new
 * ones are typed). The save action is passed in by the page.
 */
import { useActionState } from "react";
import type { PacsSettingsView } from "@/lib/dicom/pacs-settings";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { TextareaField } from "@/components/ui/textarea-field";
import { FormStatus, fieldError } from "@/components/ui/form-status";

type Current = { stowUrl: string | null; sendOn: string; headers: Record<string, string> };

const SEND_ON = [
  { value: "answered", label: "When the consultation reply is sent (answered)" },
  { value: "submitted", label: "When the clinic submits the referral" },
  { value: "manual", label: "Only when an administrator sends it" },
] as const;

export function PacsSettingsForm({ current, save }: { current: Current; save: FormAction<PacsSettingsView> }) {
  const [state, action, pending] = useActionState(save, null);
  const stored = Object.entries(current.headers);
  return (
    <form action={action} className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <FormStatus result={state} success={(v) => (v.stowUrl ? "Saved. New sends use these settings." : "Saved. Sending to a PACS is off.")} />
      <TextField
        label="STOW-RS URL"
        name="stowUrl"
        type="url"
        inputMode="url"
        placeholder="https://pacs.example.org/dicom-web/studies"
        defaultValue={current.stowUrl ?? ""}
        error={fieldError(state, "stowUrl")}
        hint="The PACS's DICOMweb studies endpoint. http or https; redirects are not followed. Leave empty to stop sending."
      />
      <SelectField label="Send each case's study" name="sendOn" options={SEND_ON} defaultValue={current.sendOn} error={fieldError(state, "sendOn")} />
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-700">Stored headers</p>
        {stored.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="text-sm text-slate-700">
            {stored.map(([name, masked]) => (
              <li key={name}>
                <code>{name}</code>: <span aria-label="value hidden">{masked}</span>
              </li>
            ))}
          </ul>
        )}
        <TextareaField
          label="New headers (replace the stored ones)"
          name="headers"
          rows={3}
          placeholder="Authorization: Basic …"
          error={fieldError(state, "headers")}
          hint="One per line, as Name: value. Leave empty to keep the stored headers. Values are stored encrypted and never shown again."
        />
        {stored.length > 0 && <Checkbox name="clearHeaders" value="1" label="Remove the stored headers" />}
      </div>
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save PACS settings"}</Button>
    </form>
  );
}
