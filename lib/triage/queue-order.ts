/**
 * Queue order (SPEC §5) as a comparator: priority, then SLA deadline, then submission time, then
 * id as a final tie-break so the order is total. The SQL queue query orders by the same keys;
 * this is the in-memory twin for tests, notifications and anything sorting a fetched page.
 */
import type { Priority } from "@/lib/db/schema/enums";
import { priorityRank } from "./priority";

/** The fields of a queued case that decide its place. */
export interface QueueOrderKey {
  id: string;
  priority: Priority;
  slaDueAt: Date;
  submittedAt: Date;
}

/** Array.sort comparator: negative when `a` should be reviewed before `b`. */
export function compareQueueOrder(a: QueueOrderKey, b: QueueOrderKey): number {
  return (
    priorityRank(a.priority) - priorityRank(b.priority) ||
    a.slaDueAt.getTime() - b.slaDueAt.getTime() ||
    a.submittedAt.getTime() - b.submittedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
