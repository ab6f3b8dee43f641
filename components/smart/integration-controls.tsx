"use client";
/**
 * What an administrator can do to a live integration from the integrations screen: deactivate or
 * reactivate a FHIR API client, and stop a FHIR Subscription. Both take effect at once, so the
 * stopping control first asks (an inline confirmation, keyboard operable: the question takes the
 * focus, Cancel returns it). The result or the refusal is shown beside the control. Server
 * actions arrive as props.
 */
import { useActionState, useEffect, useRef, useState } from "react";
import type { FhirClientDto } from "@/lib/smart/fhir-clients";
import type { AdminSubscriptionDto } from "@/lib/fhir/subscription-admin";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { FormAction } from "@/lib/http/result";

type ConfirmedProps<T> = {
  action: FormAction<T>;
  fields: Record<string, string>;
  /** The button's words, e.g. "Deactivate" (its accessible name adds `subject`). */
  label: string;
  subject: string;
  variant: "danger" | "secondary";
  /** The question asked before acting; none → acts at once. */
  question?: string;
  confirmLabel?: string;
  success: (data: T) => string;
};

/** One button (with an optional confirmation step) posting `fields` to `action`; its Result beside it. */
function ConfirmedAction<T>({ action, fields, label, subject, variant, question, confirmLabel, success }: ConfirmedProps<T>) {
  const [confirming, setConfirming] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(async (_prev: unknown, data: FormData) => {
    const result = await action(null, data);
    setConfirming(false);
    return result;
  }, null);
  // After each answer the confirmation (and its focused button) is gone: focus goes back to the control.
  useEffect(() => {
    if (state) form.current?.querySelector<HTMLButtonElement>("[data-opener]")?.focus();
  }, [state]);
  const hidden = Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  return (
    <form ref={form} action={formAction} className="space-y-2" noValidate>
      {hidden}
      {!confirming &&
        (question ? (
          <Button data-opener type="button" variant={variant} aria-label={`${label} ${subject}`} disabled={pending} onClick={() => setConfirming(true)}>{label}</Button>
        ) : (
          <Button data-opener type="submit" variant={variant} aria-label={`${label} ${subject}`} disabled={pending}>{pending ? "Saving…" : label}</Button>
        ))}
      {confirming && question && (
        <div role="alertdialog" aria-label={`${label} ${subject}?`} aria-describedby={`q-${fields.id}`} className="rounded-md border border-red-300 bg-red-50 p-3">
          <p id={`q-${fields.id}`} className="text-sm text-red-900">{question}</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>{pending ? "Working…" : (confirmLabel ?? `Yes, ${label.toLowerCase()}`)}</Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => form.current?.querySelector<HTMLButtonElement>("[data-opener]")?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      )}
      <FormStatus result={state} success={success} />
    </form>
  );
}

export function FhirClientRow({ client: c, action }: { client: FhirClientDto; action: FormAction<FhirClientDto> }) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" aria-label={c.name}>
      <p>
        <span className="font-medium">{c.name}</span> · client id <code className="break-all">{c.clientId}</code> · <code>{c.scopes}</code> · {c.active ? "active" : "deactivated"}
      </p>
      <ConfirmedAction
        action={action}
        subject={c.name}
        fields={{ id: c.id, intent: c.active ? "deactivate" : "activate" }}
        label={c.active ? "Deactivate" : "Reactivate"}
        variant={c.active ? "danger" : "secondary"}
        question={c.active ? `Deactivate “${c.name}”? Its tokens stop working at once: that system loses access to the FHIR API until it is reactivated.` : undefined}
        success={(d) => (d.active ? `“${d.name}” reactivated: it can get tokens again.` : `“${d.name}” deactivated: its access stopped.`)}
      />
    </li>
  );
}

export function SubscriptionStop({ subscription: s, action }: { subscription: AdminSubscriptionDto; action: FormAction<{ id: string; status: "deleted" }> }) {
  if (s.status === "deleted") return <span className="text-slate-500">Stopped</span>;
  return (
    <ConfirmedAction
      action={action}
      subject={`the Subscription of ${s.ownerName} to ${s.endpointOrigin}`}
      fields={{ id: s.id }}
      label="Stop"
      variant="danger"
      question={`Stop sending to ${s.endpointOrigin}? Deliveries end at once and its headers are deleted; ${s.ownerName} must create a new Subscription to resume.`}
      success={() => "Stopped: nothing more is sent."}
    />
  );
}
