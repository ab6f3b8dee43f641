/**
 * The reconciler: work whose job went missing (Redis flushed, a job removed after its attempts ran
 * out on a transient fault) is re-enqueued through the outbox — photos, triage and PACS sends.
 * Processors are idempotent, so a duplicate is harmless.
 */
import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database, Db } from "../db/client";
import { cases, outbox, pacsSends, photos } from "../db/schema";
import { enqueue } from "./outbox";

/** A PACS send retries for about 2 h (lib/queue/queues.ts); one untouched for longer lost its job. */
export const PACS_SEND_STALE_MS = 3 * 3600_000;

/** Ids of rows matching `stuck` for which no outbox row naming them (`payload->>key`) is still pending. */
async function stuckIds(tx: Db, id: AnyPgColumn, stuck: SQL | undefined, key: string): Promise<string[]> {
  const rows = await tx
    .select({ id: sql<string>`${id}` })
    .from(id.table)
    .where(and(stuck, sql`not exists (select 1 from ${outbox} o where o.published_at is null and o.payload->>${key} = ${id}::text)`))
    .limit(500);
  return rows.map((r) => r.id);
}

/**
 * Re-enqueue photos stuck in processing and cases stuck in submitted for longer than `staleMs`,
 * and PACS sends still pending {@link PACS_SEND_STALE_MS} after their last attempt.
 */
export async function reconcile(db: Database, staleMs = 5 * 60_000, now = new Date()): Promise<{ photos: number; cases: number; pacsSends: number }> {
  const cutoff = new Date(now.getTime() - staleMs);
  return db.transaction(async (tx) => {
    const photoIds = await stuckIds(tx, photos.id, and(eq(photos.status, "processing"), lt(photos.createdAt, cutoff)), "photoId");
    for (const photoId of photoIds) await enqueue(tx, "photos", "process", { photoId });
    const caseIds = await stuckIds(tx, cases.id, and(eq(cases.status, "submitted"), lt(cases.submittedAt, cutoff)), "caseId");
    for (const caseId of caseIds) await enqueue(tx, "triage", "triage", { caseId });
    const sendCutoff = new Date(now.getTime() - PACS_SEND_STALE_MS);
    const sendIds = await stuckIds(tx, pacsSends.id, and(eq(pacsSends.status, "pending"), lt(pacsSends.updatedAt, sendCutoff)), "sendId");
    for (const sendId of sendIds) await enqueue(tx, "dicom", "stow", { sendId });
    return { photos: photoIds.length, cases: caseIds.length, pacsSends: sendIds.length };
  });
}
