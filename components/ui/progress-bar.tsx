/**
 * A labelled determinate progress bar. A real <progress> element carries the value for assistive
 * technology (implicit role=progressbar with aria-valuenow); the text beside it says the same.
 */
import { useId } from "react";

export function ProgressBar({ label, value, max = 100, detail }: { label: string; value: number; max?: number; detail?: string }) {
  const id = useId();
  const pct = Math.max(0, Math.min(100, Math.round((value / max) * 100)));
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-xs text-slate-700">
        <label htmlFor={id}>{label}</label>
        <span aria-hidden="true">{detail ?? `${pct}%`}</span>
      </div>
      <progress
        id={id}
        value={pct}
        max={100}
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        className="mt-1 h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-brand-600 [&::-moz-progress-bar]:bg-brand-600"
      />
    </div>
  );
}
