"use client";
/** "Send to PACS again": queues a new send of the case's study; the outcome appears in the list. */
import { useActionState } from "react";
import type { ActionState } from "@/app/(admin)/admin/action-state";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/admin/form-status";

const IDLE: ActionState = { ok: false, message: null, fields: {} };

export function SendToPacsButton({ send, label }: { send: (prev: ActionState) => Promise<ActionState>; label: string }) {
  const [state, action, pending] = useActionState(send, IDLE);
  return (
    <form action={action} className="space-y-2">
      <FormStatus state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Queueing…" : label}
      </Button>
    </form>
  );
}
