/** The triage rules that set a case's priority, red flags marked with a flag as well as colour. */
import type { CaseDetail } from "@/lib/cases/detail";

export function TriageReasons({ reasons }: { reasons: CaseDetail["triageReasons"] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Triage reasons">
      {reasons.map((r) => (
        <li
          key={r.code}
          className={`rounded px-1.5 py-0.5 text-xs ${r.level === "red_flag" ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-slate-100 text-slate-700"}`}
        >
          {r.level === "red_flag" ? "⚑ " : ""}
          {r.label}
        </li>
      ))}
    </ul>
  );
}
