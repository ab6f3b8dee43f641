"use client";
/**
 * Recomputes the audit hash chain and checks it against the newest signed anchor; states the
 * result in words (not colour alone), including a deleted tail or a rewritten chain.
 */
import { useActionState } from "react";
import type { FormAction } from "@/lib/http/result";
import type { AnchorSummary } from "@/lib/audit/viewer";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function anchorText(a: AnchorSummary): string {
  switch (a.status) {
    case "none":
      return "No signed anchor has been written yet (the worker writes one every 5 minutes).";
    case "matches":
      return `Matches the signed anchor of ${time(a.at!)} (entry ${a.headId}; ${a.newerRows ?? 0} entries since).`;
    case "tail_deleted":
      return `Entries from ${a.missingFrom} to ${a.headId} are missing: the anchor of ${time(a.at!)} recorded them. The end of the log was deleted.`;
    case "rewritten":
      return `Does not match the signed anchor of ${time(a.at!)} (entry ${a.headId}): the chain was rewritten or entries were removed.`;
    case "bad_signature":
      return "The newest anchor is unreadable or its signature does not verify.";
  }
}

type Verification = { ok: boolean; rows: number; firstBadId?: number; anchor: AnchorSummary; checkedAt: string };

export function VerifyChain({ verify }: { verify: FormAction<Verification> }) {
  const [result, action, pending] = useActionState(verify, null);
  const state = result?.ok ? result.data : null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Verifying…" : "Verify hash chain"}</Button>
      {result && !result.ok && <FormStatus result={result} />}
      <div role="status" aria-live="polite" className="text-sm" data-testid="verify-result">
        {state?.ok === true && (
          <span className="rounded-md bg-emerald-50 px-2 py-1 text-emerald-900">
            ✓ Chain intact: all {state.rows} entries verified at {state.checkedAt.slice(11, 19)} UTC. {anchorText(state.anchor)}
          </span>
        )}
        {state?.ok === false && (
          <span className="rounded-md bg-red-50 px-2 py-1 text-red-900">
            ✗ {state.firstBadId !== undefined ? `Chain broken at entry ${state.firstBadId} (${state.rows} entries checked). ` : `All ${state.rows} entries hash correctly, but: `}
            {anchorText(state.anchor)} Investigate before trusting the log.
          </span>
        )}
      </div>
    </form>
  );
}
