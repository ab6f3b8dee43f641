/**
 * The reconciler: work whose job went missing (Redis flushed, a job removed after its attempts ran
 * out on a transient fault) is re-enqueued through the outbox. Processors are idempotent, so a
 * duplicate is harmless.
 */
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import { cases, outbox, photos } from "../db/schema";
import { enqueue } from "./outbox";

/** The most rows of each kind one run re-enqueues. */
const BATCH = 500;

/** Only where nothing for the row is still waiting in the outbox under payload key `key`. */
const noPendingJob = (key: "photoId" | "caseId", id: AnyPgColumn): SQL =>
  sql`not exists (select 1 from ${outbox} o where o.published_at is null and o.payload->>${key} = ${id}::text)`;

/** Re-enqueue photos stuck in processing and cases stuck in submitted for longer than `staleMs`. */
export async function reconcile(db: Database, staleMs = 5 * 60_000, now = new Date()): Promise<{ photos: number; cases: number }> {
  const cutoff = new Date(now.getTime() - staleMs);
  return db.transaction(async (tx) => {
    const stuckPhotos = await tx
      .select({ id: photos.id })
      .from(photos)
      .where(and(eq(photos.status, "processing"), lt(photos.createdAt, cutoff), noPendingJob("photoId", photos.id)))
      .limit(BATCH);
    for (const p of stuckPhotos) await enqueue(tx, "photos", "process", { photoId: p.id });
    const stuckCases = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.status, "submitted"), lt(cases.submittedAt, cutoff), noPendingJob("caseId", cases.id)))
      .limit(BATCH);
    for (const c of stuckCases) await enqueue(tx, "triage", "triage", { caseId: c.id });
    return { photos: stuckPhotos.length, cases: stuckCases.length };
  });
}
