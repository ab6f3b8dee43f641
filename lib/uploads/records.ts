/**
 * The Postgres side of a resumable upload (lib/db/schema/uploads.ts): created for the actor who
 * may add a photo to the case, read back only by that same user in that same clinic (anyone else
 * gets an audited 404, as for a case of another clinic), offsets moved forward as pieces land.
 *
 * Postgres is what makes an upload safe across web processes: a piece counts only once
 * commitPiece has named it under the upload row's lock while the offset was still the piece's
 * start, and the upload becomes a photo only through markUploadComplete's conditional update, so
 * two PATCHes racing from two replicas can neither both advance the offset nor both make a photo.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, photoUploadPieces, photoUploads } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canEditDraft } from "../auth/policies";
import { auditDenial } from "../audit/record";
import { NotFound } from "../errors";

/** Abandoned uploads expire this long after creation (SPEC §16), finished ones too. */
export const UPLOAD_TTL_MS = 24 * 3600_000;

export type UploadRecord = typeof photoUploads.$inferSelect;

/** What creation knows: the generated id, the authorized case, the photo fields and the length. */
export type NewUpload = { id: string; caseId: string; clinicId: string; view: UploadRecord["view"]; bodySite: string; length: number };

/** Insert the record of a new upload owned by `ctx`'s user. */
export async function insertUploadRecord(db: Db, ctx: RequestContext, u: NewUpload, now = new Date()): Promise<UploadRecord> {
  const [row] = await db
    .insert(photoUploads)
    .values({ ...u, ownerId: ctx.actor.id, createdAt: now, expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS) })
    .returning();
  return row!;
}

/** The record by id, or undefined (the store's view: authorization happened before). */
export async function findUploadRecord(db: Db, id: string): Promise<UploadRecord | undefined> {
  if (!z.string().uuid().safeParse(id).success) return undefined;
  return (await db.select().from(photoUploads).where(eq(photoUploads.id, id)))[0];
}

/**
 * The upload with its case's status and patient if `ctx` owns it: same user, same clinic, still a
 * referrer of it. Anything else — another clinic's, a colleague's, a missing id — is an audited
 * 404 naming the upload, so an upload URL leaks nothing.
 */
export async function loadUploadFor(db: Db, ctx: RequestContext, id: string, action: string) {
  const found = z.string().uuid().safeParse(id).success
    ? (
        await db
          .select({ upload: photoUploads, caseStatus: cases.status, patientId: cases.patientId })
          .from(photoUploads)
          .innerJoin(cases, eq(cases.id, photoUploads.caseId))
          .where(eq(photoUploads.id, id))
      )[0]
    : undefined;
  const allowed = found && found.upload.ownerId === ctx.actor.id && canEditDraft(ctx.actor, { clinicId: found.upload.clinicId, status: found.caseStatus });
  if (!found || !allowed) {
    await auditDenial(ctx, { action, resourceType: "photo_upload", resourceId: id, patientId: found?.patientId ?? null });
    throw NotFound("Upload not found");
  }
  return found;
}

/**
 * Name the sealed object `objectKey` as the piece [from, to) — in one transaction, under the
 * upload row's lock, and only if the upload is unfinished and its offset is still `from`; false
 * otherwise (another writer got there first: the caller removes its object and answers 409). A
 * piece that is not the last moves the offset to `to`; the last one (`final`) does not — the
 * finishing step sets offset and photo together — and a later attempt at the same start (a retry
 * after a failed finish) replaces it.
 */
export async function commitPiece(db: Db, id: string, from: number, to: number, objectKey: string, final: boolean): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ offset: photoUploads.offset, completedAt: photoUploads.completedAt }).from(photoUploads).where(eq(photoUploads.id, id)).for("update");
    if (!row || row.completedAt || row.offset !== from) return false;
    await tx
      .insert(photoUploadPieces)
      .values({ uploadId: id, startOffset: from, endOffset: to, objectKey })
      .onConflictDoUpdate({ target: [photoUploadPieces.uploadId, photoUploadPieces.startOffset], set: { endOffset: to, objectKey } });
    if (!final) await tx.update(photoUploads).set({ offset: to }).where(eq(photoUploads.id, id));
    return true;
  });
}

/** The pieces commitPiece named, in order. */
export async function committedPieces(db: Db, id: string) {
  return db.select().from(photoUploadPieces).where(eq(photoUploadPieces.uploadId, id)).orderBy(asc(photoUploadPieces.startOffset));
}

/**
 * Mark the upload finished as `photoId` (inside the photo's transaction), only if it is still
 * unfinished at offset `from`; false when another request finished it first (that transaction
 * then rolls back, so exactly one photo is made).
 */
export async function markUploadComplete(db: Db, id: string, from: number, photoId: string, length: number, now = new Date()): Promise<boolean> {
  const done = await db
    .update(photoUploads)
    .set({ offset: length, photoId, completedAt: now })
    .where(and(eq(photoUploads.id, id), eq(photoUploads.offset, from), isNull(photoUploads.completedAt)))
    .returning({ id: photoUploads.id });
  if (done.length === 0) return false;
  await db.delete(photoUploadPieces).where(eq(photoUploadPieces.uploadId, id)); // their objects go right after
  return true;
}

/** Remove the record (its pieces are removed by the caller or, failing that, by the expiry job). */
export async function deleteUploadRecord(db: Db, id: string): Promise<void> {
  await db.delete(photoUploads).where(eq(photoUploads.id, id));
}
