"use client";
/** "Send to PACS again": queues a new send of the case's study; the outcome appears in the list. */
import { useActionState } from "react";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";

export function SendToPacsButton({ caseId, send, label }: { caseId: string; send: FormAction<{ id: string }>; label: string }) {
  const [state, action, pending] = useActionState(send, null);
  return (
    <form action={action} className="space-y-2">
      <FormStatus result={state} success={() => "Queued. The study goes out within a few seconds; refresh to see the PACS's answer."} />
      <input type="hidden" name="id" value={caseId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Queueing…" : label}
      </Button>
    </form>
  );
}
