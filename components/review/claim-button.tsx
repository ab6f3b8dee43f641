"use client";
/** Claim one case from the queue and open it in the review screen; a 409 says who was faster. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/api/client";

export function ClaimButton({ caseId, label = "Claim" }: { caseId: string; label?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function claim() {
    setBusy(true);
    setError(null);
    const r = await api(`/api/v1/cases/${caseId}/claim`, { method: "POST" });
    if (r.ok) {
      router.push(`/specialist/review?case=${caseId}`);
      return;
    }
    setError(r.message);
    setBusy(false);
    router.refresh();
  }
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={claim}
        disabled={busy}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-slate-400"
      >
        {busy ? "Claiming…" : label}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
