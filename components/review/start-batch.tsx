"use client";
/**
 * Start (or continue) a batch: claim the head of the queue and open it. Arriving with `autoStart`
 * (from "Start batch review" or `b` on the queue) claims at once, so the loop needs no extra key.
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { claimNextHref } from "./claim-next";

export function StartBatch({ autoStart, queued }: { autoStart: boolean; queued: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const start = async () => {
    if (started.current) return;
    started.current = true;
    setBusy(true);
    setError(null);
    const r = await claimNextHref();
    if ("href" in r) router.replace(r.href);
    else {
      setError(r.error);
      setBusy(false);
      started.current = false;
    }
  };

  useEffect(() => {
    // Claiming on arrival is the user's own request (they chose "Start batch review").
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (autoStart && queued > 0) void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <p className="text-slate-700">
        {queued === 0 ? "Nothing is waiting in the queue right now." : `${queued} referral${queued === 1 ? "" : "s"} waiting. Claim the most urgent one and work through them in order.`}
      </p>
      <button
        type="button"
        autoFocus
        onClick={start}
        disabled={busy || queued === 0}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-slate-400"
      >
        {busy ? "Claiming…" : "Claim next case"}
      </button>
      <p className="text-xs text-slate-600">
        Press <kbd className="rounded bg-slate-100 px-1 ring-1 ring-slate-300">?</kbd> in a case for the keyboard shortcuts.
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
