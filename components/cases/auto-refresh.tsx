"use client";
/**
 * Re-renders the server page every few seconds while the worker is triaging a just-submitted case.
 * A router refresh cannot carry the background header, so it would extend the session like a
 * person's click: it stops after two minutes (triage takes seconds), bounding how far a forgotten
 * tab can push the automatic logoff (SPEC §9).
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const STOP_AFTER_MS = 2 * 60_000;

export function AutoRefresh({ everyMs = 3000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > STOP_AFTER_MS) return clearInterval(timer);
      router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
