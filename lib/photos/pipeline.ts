/**
 * The worker side of a photo: decrypt the upload, process it (orientation, metadata stripped, sRGB,
 * master/display/thumb, quality), store the renditions encrypted and delete the original, which
 * still carries the camera's metadata. Idempotent: a photo that is no longer `processing` is left
 * alone, and rendition keys are deterministic. Settling the last photo of a draft whose submission
 * was requested submits it (or holds the request) in the same transaction.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, photos } from "../db/schema";
import { submissionStateSql } from "../cases/submission-state";
import { submitIfReady } from "../cases/submit-when-ready";
import type { SystemContext } from "../auth/actor";
import { audit } from "../audit/record";
import { logger } from "../log";
import { isDomainError } from "../errors";
import { isPhotoRejectedError, processPhoto } from "./process";
import { photoObjectKey, photoStore } from "./store";
import { measuredFields, measurementStep } from "../measure/pipeline-step";

export type PipelineOutcome = "ready" | "rejected" | "skipped";

/**
 * Settle the photo and, in the same transaction, complete its case's requested submission when
 * this was the last photo it waited for (lib/cases/submit-when-ready.ts). The case row is locked
 * before the photo row, the order every writer of a case and its photos takes.
 */
async function finish(db: Db, ctx: SystemContext, photoId: string, set: Partial<typeof photos.$inferInsert>, action: string) {
  await db.transaction(async (tx) => {
    const [target] = await tx.select({ caseId: photos.caseId }).from(photos).where(eq(photos.id, photoId));
    if (!target) return;
    const pending = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, target.caseId), submissionStateSql("pending")))
      .for("update");
    const [row] = await tx
      .update(photos)
      .set({ ...set, processedAt: new Date() })
      .where(and(eq(photos.id, photoId), eq(photos.status, "processing")))
      .returning({ id: photos.id, caseId: photos.caseId });
    if (!row) return;
    await audit(tx, ctx, { action, resourceType: "photo", resourceId: photoId, details: { caseId: row.caseId } });
    if (pending.length > 0) await submitIfReady(tx, ctx, row.caseId);
  });
  logger.info({ photoId, status: set.status, requestId: ctx.requestId }, "photo processed");
}

/** Process photo `photoId`; permanent faults become `rejected` with a reason, transient ones throw. */
export async function runPhotoPipeline(db: Db, ctx: SystemContext, photoId: string): Promise<PipelineOutcome> {
  const [photo] = await db.select({ status: photos.status }).from(photos).where(eq(photos.id, photoId));
  if (!photo || photo.status !== "processing") return "skipped";
  const store = photoStore();
  let original: Buffer | null;
  try {
    original = await store.getObject(photoObjectKey(photoId, "original"));
  } catch (err) {
    if (!isDomainError(err)) throw err;
    await finish(db, ctx, photoId, { status: "rejected", rejectReason: "The upload was not found; please upload the photo again" }, "photo.reject");
    return "rejected";
  }
  try {
    const out = await processPhoto(original, await measurementStep(db, photoId)); // + SPEC §15 measurement
    original = null; // the upload's bytes (tens of MB at 40 MP) need not live through the writes
    await Promise.all([
      store.putObject(photoObjectKey(photoId, "master"), out.master),
      store.putObject(photoObjectKey(photoId, "display"), out.display),
      store.putObject(photoObjectKey(photoId, "thumb"), out.thumb),
    ]);
    const { scale, measurement } = measuredFields(out);
    await finish(db, ctx, photoId, { status: "ready", width: out.width, height: out.height, quality: out.quality, mime: out.contentType, scale, measurement }, "photo.process");
    await store.deleteObject(photoObjectKey(photoId, "original"));
    return "ready";
  } catch (err) {
    if (!isPhotoRejectedError(err)) throw err;
    await finish(db, ctx, photoId, { status: "rejected", rejectReason: err.reason }, "photo.reject");
    await store.deleteObject(photoObjectKey(photoId, "original"));
    return "rejected";
  }
}
