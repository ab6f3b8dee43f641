/**
 * Queue order (SPEC §5), defined once: priority, then SLA deadline, then submission time, then id
 * as a final tie-break so the order is total. `QUEUE_ORDER_KEYS` names the case columns in that
 * order; the comparator (tests, notifications, anything sorting a fetched page), the queue query's
 * ORDER BY (`queueOrderBy`, matching `cases_queue_idx`) and claim-next's ranking of the heads it
 * locked (`queueRankSql`) are all built from it, and tests/integration/rules-in-sql.test.ts
 * proves the SQL and the comparator agree.
 */
import { asc, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { cases } from "@/lib/db/schema";
import type { Priority } from "@/lib/db/schema/enums";
import { priorityRank } from "./priority";

/** The fields of a queued case that decide its place. */
export interface QueueOrderKey {
  id: string;
  priority: Priority;
  slaDueAt: Date;
  submittedAt: Date;
}

/** Each key: the case column it sorts by, and the same value read from a `QueueOrderKey`. */
const KEYS = [
  { column: "priorityRank", of: (k: QueueOrderKey) => priorityRank(k.priority) },
  { column: "slaDueAt", of: (k: QueueOrderKey) => k.slaDueAt.getTime() },
  { column: "submittedAt", of: (k: QueueOrderKey) => k.submittedAt.getTime() },
  { column: "id", of: (k: QueueOrderKey) => k.id },
] as const satisfies readonly { column: keyof typeof cases.$inferSelect; of: (k: QueueOrderKey) => number | string }[];

/** The case columns of the queue order, most significant first (all ascending). */
export const QUEUE_ORDER_KEYS = KEYS.map((k) => k.column);
export type QueueOrderColumn = (typeof KEYS)[number]["column"];

/** Array.sort comparator: negative when `a` should be reviewed before `b`. */
export function compareQueueOrder(a: QueueOrderKey, b: QueueOrderKey): number {
  for (const { of } of KEYS) {
    const x = of(a);
    const y = of(b);
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** ORDER BY terms of the queue over the `cases` table. */
export function queueOrderBy(): SQL[] {
  return KEYS.map((k) => asc(cases[k.column]));
}

/** The database name of a queue-order column (the schema's keys, in the client's snake_case casing). */
export function queueOrderColumnName(column: QueueOrderColumn): string {
  return toSnakeCase(cases[column].name);
}

/** The queue-order columns of `cases`, as a drizzle selection (for a CTE that ranks them later). */
export function queueOrderSelection(): Record<QueueOrderColumn, (typeof cases)[QueueOrderColumn]> {
  return Object.fromEntries(KEYS.map((k) => [k.column, cases[k.column]])) as Record<QueueOrderColumn, (typeof cases)[QueueOrderColumn]>;
}

/** `order by …` over a relation that selected the queue-order columns under their own names. */
export function queueRankSql(): SQL {
  return sql.join(
    KEYS.map((k) => sql.identifier(queueOrderColumnName(k.column))),
    sql`, `,
  );
}

/** The row value `(priority_rank, sla_due_at, submitted_at, id)` of `cases`, for keyset paging (`> (…)`). */
export function queueKeyTuple(): SQL {
  return sql`(${sql.join(
    KEYS.map((k) => cases[k.column]),
    sql`, `,
  )})`;
}
