/**
 * The Postgres side of a resumable upload (lib/db/schema/uploads.ts): created for the actor who
 * may add a photo to the case, read back only by that same user in that same clinic (anyone else
 * gets an audited 404, as for a case of another clinic), offsets moved forward as pieces land.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, photoUploads } from "../db/schema";
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
 * Move the stored offset from `from` to `to`; false when it was no longer `from` (another writer
 * got there first), so a stale writer can never rewind or skip a newer one.
 */
export async function advanceUploadOffset(db: Db, id: string, from: number, to: number): Promise<boolean> {
  const moved = await db.update(photoUploads).set({ offset: to }).where(and(eq(photoUploads.id, id), eq(photoUploads.offset, from))).returning({ id: photoUploads.id });
  return moved.length === 1;
}

/** Mark the upload finished as `photoId` (inside the photo's transaction). */
export async function markUploadComplete(db: Db, id: string, photoId: string, length: number, now = new Date()): Promise<void> {
  await db.update(photoUploads).set({ offset: length, photoId, completedAt: now }).where(eq(photoUploads.id, id));
}

/** Remove the record (its pieces are removed by the caller or, failing that, by the expiry job). */
export async function deleteUploadRecord(db: Db, id: string): Promise<void> {
  await db.delete(photoUploads).where(eq(photoUploads.id, id));
}
