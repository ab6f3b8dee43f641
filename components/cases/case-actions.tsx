"use client";
/**
 * What the clinic can do with a case from its page: withdraw (with a confirmation step, until a
 * specialist claims it), acknowledge a reply, or go back to editing a draft.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/components/api/client";

const WITHDRAWABLE = ["submitted", "triaged", "awaiting_info"];

export function CaseActions({ caseId, status }: { caseId: string; status: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: "withdraw" | "acknowledge") {
    setBusy(true);
    setError(null);
    const r = await api(`/api/v1/cases/${caseId}/${action}`, { method: "POST" });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setConfirming(false);
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {status === "draft" && (
          <Link href={`/clinic/cases/${caseId}/edit`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Continue editing
          </Link>
        )}
        {status === "answered" && (
          <Button onClick={() => void act("acknowledge")} disabled={busy}>
            {busy ? "Acknowledging…" : "Acknowledge reply"}
          </Button>
        )}
        {WITHDRAWABLE.includes(status) && !confirming && (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Withdraw referral
          </Button>
        )}
      </div>
      {confirming && (
        <div role="alertdialog" aria-labelledby="withdraw-q" className="rounded-md border border-red-300 bg-red-50 p-3">
          <p id="withdraw-q" className="text-sm text-red-900">
            Withdraw this referral? The dermatology service will not review it, and this cannot be undone.
          </p>
          <div className="mt-2 flex gap-2">
            <Button variant="danger" onClick={() => void act("withdraw")} disabled={busy} autoFocus>
              {busy ? "Withdrawing…" : "Yes, withdraw"}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
