/**
 * Outbox retention: a published row has done its work (its job is in Redis, under an id derived
 * from the row, so a retry never needs the row again). Rows published more than 7 days ago are
 * deleted in batches, hourly, by the maintenance queue; pending rows are never touched, however
 * old. The week keeps recent publishing history at hand for an incident review.
 */
import { and, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";

export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const BATCH = 5_000;

/** Delete rows published before `now - keepMs`; returns how many went. */
export async function purgePublishedOutbox(db: Db, now = new Date(), keepMs = OUTBOX_RETENTION_MS): Promise<number> {
  const cutoff = new Date(now.getTime() - keepMs);
  let total = 0;
  for (;;) {
    const batch = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNotNull(outbox.publishedAt), lt(outbox.publishedAt, cutoff)))
      .limit(BATCH);
    const gone = await db.delete(outbox).where(inArray(outbox.id, batch)).returning({ id: outbox.id });
    total += gone.length;
    if (gone.length < BATCH) return total;
  }
}
