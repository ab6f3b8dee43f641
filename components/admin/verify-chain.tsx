"use client";
/** Button that recomputes the audit hash chain and states the result in words (not colour alone). */
import { useActionState } from "react";
import { verifyChainAction, type VerifyState } from "@/app/(admin)/admin/audit/actions";
import { Button } from "@/components/ui/button";

export function VerifyChain() {
  const [state, action, pending] = useActionState<VerifyState>(verifyChainAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Verifying…" : "Verify hash chain"}</Button>
      <div role="status" aria-live="polite" className="text-sm">
        {state.status === "ok" && (
          <span className="rounded-md bg-emerald-50 px-2 py-1 text-emerald-900">✓ Chain intact: all {state.rows} entries verified at {state.checkedAt.slice(11, 19)} UTC.</span>
        )}
        {state.status === "broken" && (
          <span className="rounded-md bg-red-50 px-2 py-1 text-red-900">✗ Chain broken at entry {state.firstBadId} ({state.rows} entries checked). Investigate before trusting later entries.</span>
        )}
      </div>
    </form>
  );
}
