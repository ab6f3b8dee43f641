/** The wizard's step list: where you are, and a way back to any step once the draft exists. */
import type { StepId } from "./field-names";

export const STEPS: { id: StepId; label: string }[] = [
  { id: "patient", label: "Patient" },
  { id: "history", label: "History" },
  { id: "photos", label: "Photos" },
  { id: "review", label: "Review & submit" },
];

export function StepNav({ current, enabled, onGo }: { current: StepId; enabled: boolean; onGo: (s: StepId) => void }) {
  const at = STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label="Referral steps">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {STEPS.map((s, i) => {
          const here = s.id === current;
          return (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onGo(s.id)}
                disabled={!enabled && s.id !== "patient"}
                aria-current={here ? "step" : undefined}
                className={`flex w-full items-center gap-2 rounded-md border px-3 py-2 text-left text-sm disabled:cursor-not-allowed disabled:opacity-50 ${here ? "border-brand-600 bg-brand-50 font-semibold text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
              >
                <span
                  aria-hidden="true"
                  className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${here ? "bg-brand-600 text-white" : i < at ? "bg-brand-100 text-brand-800" : "bg-slate-200 text-slate-700"}`}
                >
                  {i + 1}
                </span>
                <span>
                  <span className="sr-only">Step {i + 1}: </span>
                  {s.label}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
