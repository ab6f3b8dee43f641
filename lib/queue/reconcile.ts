/**
 * The reconciler: work whose job went missing (Redis flushed, a job removed after its attempts ran
 * out on a transient fault) is re-enqueued through the outbox: photos, triage and PACS sends. Processors are idempotent, so a
 * duplicate is harmless.
 */
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database } from "../db/client";
import { cases, outbox, pacsSends, photos } from "../db/schema";
import { enqueue } from "./outbox";

/** The most rows of each kind one run re-enqueues. */
const BATCH = 500;

/** Only where nothing for the row is still waiting in the outbox under payload key `key`. */
const noPendingJob = (key: "photoId" | "caseId" | "sendId", id: AnyPgColumn): SQL =>
  sql`not exists (select 1 from ${outbox} o where o.published_at is null and o.payload->>${key} = ${id}::text)`;

/** A PACS send retries for about 2 h (lib/queue/queues.ts); one untouched for longer lost its job. */
export const PACS_SEND_STALE_MS = 3 * 3600_000;

/**
 * Re-enqueue photos stuck in processing and cases stuck in submitted for longer than `staleMs`,
 * and PACS sends still pending {@link PACS_SEND_STALE_MS} after their last attempt.
 */
export async function reconcile(db: Database, staleMs = 5 * 60_000, now = new Date()): Promise<{ photos: number; cases: number; pacsSends: number }> {
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
    const stuckSends = await tx
      .select({ id: pacsSends.id })
      .from(pacsSends)
      .where(
        and(
          eq(pacsSends.status, "pending"),
          lt(pacsSends.updatedAt, new Date(now.getTime() - PACS_SEND_STALE_MS)),
          noPendingJob("sendId", pacsSends.id),
        ),
      )
      .limit(BATCH);
    for (const s of stuckSends) await enqueue(tx, "dicom", "stow", { sendId: s.id });
    return { photos: stuckPhotos.length, cases: stuckCases.length, pacsSends: stuckSends.length };
  });
}
