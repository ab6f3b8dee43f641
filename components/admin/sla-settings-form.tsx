"use client";
/** The SLA settings form: hours per priority and the at-risk share, with errors beside each field. */
import { useActionState } from "react";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus, fieldError } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/text-field";

type Settings = { hours: { urgent: number; soon: number; routine: number }; atRiskFraction: number };

export function SlaSettingsForm({ current, save }: { current: Settings; save: FormAction<Settings> }) {
  const [state, action, pending] = useActionState(save, null);
  const f = state;
  const hoursError = fieldError(f, "hours") && !fieldError(f, "hours.urgent", "hours.soon", "hours.routine") ? fieldError(f, "hours") : undefined;
  return (
    <form action={action} className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <FormStatus result={state} success={() => "Saved. Cases triaged from now on get these windows; cases already in the queue keep their deadlines."} />
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Hours to answer, by priority</legend>
        {hoursError && <p role="alert" className="text-sm text-red-700">{hoursError}</p>}
        <TextField label="Urgent (hours)" name="urgent" type="number" min="0.5" step="0.5" inputMode="decimal" required defaultValue={current.hours.urgent} error={fieldError(f, "hours.urgent")} />
        <TextField label="Soon (hours)" name="soon" type="number" min="0.5" step="0.5" inputMode="decimal" required defaultValue={current.hours.soon} error={fieldError(f, "hours.soon")} />
        <TextField label="Routine (hours)" name="routine" type="number" min="0.5" step="0.5" inputMode="decimal" required defaultValue={current.hours.routine} error={fieldError(f, "hours.routine")} hint="7 days = 168 hours. At most 90 days." />
      </fieldset>
      <TextField
        label="Flag a case as at risk after (% of its window)"
        name="atRiskPercent"
        type="number"
        min="1"
        max="99"
        step="1"
        required
        defaultValue={Math.round(current.atRiskFraction * 100)}
        error={fieldError(f, "atRiskFraction")}
        hint="Administrators are notified when an open case reaches this share of its SLA window, and again if it passes the deadline."
      />
      <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save SLA settings"}</Button>
    </form>
  );
}
