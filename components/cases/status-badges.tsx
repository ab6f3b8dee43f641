/** Status and priority badges for a case, worded as the clinic sees them ("In queue"). */
import { Badge } from "@/components/ui/badge";
import { PRIORITY_LABEL, PRIORITY_TONE, STATUS_TONE, statusLabel } from "./labels";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "neutral"}>{statusLabel(status)}</Badge>;
}

export function PriorityBadge({ priority }: { priority: string | null }) {
  if (!priority) return null;
  return <Badge tone={PRIORITY_TONE[priority] ?? "neutral"}>{`${PRIORITY_LABEL[priority] ?? priority} priority`}</Badge>;
}
