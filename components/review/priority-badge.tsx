/** The triaged priority as a badge: colour and word, never colour alone. */
import type { Priority } from "@/lib/db/schema/enums";
import { PRIORITY_LABEL } from "./labels";

const STYLE: Record<Priority, string> = {
  urgent: "bg-red-100 text-red-800 ring-red-300",
  soon: "bg-amber-100 text-amber-900 ring-amber-300",
  routine: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function PriorityBadge({ priority }: { priority: Priority | null }) {
  if (!priority) return null;
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${STYLE[priority]}`}>
      {PRIORITY_LABEL[priority]}
    </span>
  );
}
