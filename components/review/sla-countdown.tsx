"use client";
/**
 * A live SLA countdown. At risk (75 % of the window used) and breached look different in colour
 * and in words, so the state never depends on colour vision. Starts from the server's `now` so
 * the first client render matches the server's HTML, then ticks every 15 seconds.
 */
import { useEffect, useState } from "react";
import { formatDuration } from "@/components/cases/format";
import { DEFAULT_AT_RISK_FRACTION, slaState } from "@/lib/sla/rules";

export function SlaCountdown({
  dueAt,
  submittedAt,
  now: serverNow,
  atRiskFraction = DEFAULT_AT_RISK_FRACTION,
}: {
  dueAt: string;
  submittedAt: string;
  now: number;
  atRiskFraction?: number;
}) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const id = setInterval(tick, 15_000);
    return () => clearInterval(id);
  }, []);
  const due = Date.parse(dueAt);
  const start = Date.parse(submittedAt);
  const left = due - now;
  const state = slaState(new Date(now), new Date(start), new Date(due), atRiskFraction);
  const style =
    state === "breached" ? "bg-red-700 text-white" : state === "at_risk" ? "bg-amber-200 text-amber-950 ring-1 ring-amber-500" : "text-slate-700";
  const text = state === "breached" ? `Breached ${formatDuration(left)} ago` : state === "at_risk" ? `At risk · ${formatDuration(left)} left` : `${formatDuration(left)} left`;
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-medium tabular-nums ${style}`} data-sla-state={state} title={`Due ${new Date(due).toLocaleString()}`}>
      {text}
    </span>
  );
}
