"use client";
/** Button that recomputes the audit hash chain and states the result in words (not colour alone). */
import { useActionState } from "react";
import type { FormAction } from "@/lib/http/result";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";

type Verification = { ok: true; rows: number; checkedAt: string } | { ok: false; rows: number; firstBadId: number; checkedAt: string };

export function VerifyChain({ verify }: { verify: FormAction<Verification> }) {
  const [result, action, pending] = useActionState(verify, null);
  const state = result?.ok ? result.data : null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Verifying…" : "Verify hash chain"}</Button>
      {result && !result.ok && <FormStatus result={result} />}
      <div role="status" aria-live="polite" className="text-sm">
        {state?.ok === true && (
          <span className="rounded-md bg-emerald-50 px-2 py-1 text-emerald-900">✓ Chain intact: all {state.rows} entries verified at {state.checkedAt.slice(11, 19)} UTC.</span>
        )}
        {state?.ok === false && (
          <span className="rounded-md bg-red-50 px-2 py-1 text-red-900">✗ Chain broken at entry {state.firstBadId} ({state.rows} entries checked). Investigate before trusting later entries.</span>
        )}
      </div>
    </form>
  );
}
