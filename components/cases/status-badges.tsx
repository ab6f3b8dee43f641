/**
 * The one status badge and the one priority badge: colour and word, never colour alone. Words
 * come from lib/vocabulary.ts; only the colours are decided here.
 */
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CaseStatus, Priority } from "@/lib/db/schema/enums";
import { labelOf, PRIORITY_LABEL, STATUS_LABEL } from "@/lib/vocabulary";

const STATUS_TONE: Readonly<Record<CaseStatus, BadgeTone>> = {
  draft: "neutral",
  submitted: "info",
  triaged: "info",
  in_review: "brand",
  awaiting_info: "warning",
  answered: "success",
  closed: "neutral",
  withdrawn: "neutral",
};

const PRIORITY_TONE: Readonly<Record<Priority, BadgeTone>> = { urgent: "danger", soon: "warning", routine: "neutral" };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status as CaseStatus] ?? "neutral"}>{labelOf(STATUS_LABEL, status)}</Badge>;
}

/**
 * `wording="short"` ("Urgent") where a column already says it is the priority, as in the
 * specialist queue; otherwise "Urgent priority", so the badge reads alone.
 */
export function PriorityBadge({ priority, wording = "long" }: { priority: string | null; wording?: "short" | "long" }) {
  if (!priority) return null;
  const word = labelOf(PRIORITY_LABEL, priority);
  return <Badge tone={PRIORITY_TONE[priority as Priority] ?? "neutral"}>{wording === "short" ? word : `${word} priority`}</Badge>;
}
