/**
 * Photos of a case: upload (streamed multipart or a finished tus upload, both sniffed, encrypted
 * and queued for processing through the outbox by {@link addReceivedPhoto}), metadata, image bytes
 * and removal. Access follows the case's policy; every read and
 * write is audited, every refusal too.
 */
import { and, eq, isNull } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { cases, photos } from "../db/schema";
import { PHOTO_VIEWS } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { canEditDraft, canViewCase } from "../auth/policies";
import { audit, auditDenial } from "../audit/record";
import { Conflict, NotFound } from "../errors";
import { enqueue } from "../queue/outbox";
import { isBodySiteCode } from "../codes/body-sites";
import { parseOrThrow } from "../validation";
import { loadCaseFor, type CaseRow } from "../cases/access";
import { activePhotoCount } from "../cases/drafts";
import { photoDto, type PhotoDto } from "./dto";
import { MAX_PHOTOS_PER_CASE } from "./limits";
import { deletePhotoObjects, photoObjectKey, photoStore } from "./store";
import { receivePhotoUpload, type ReceivedPhoto } from "./upload";

/** Statuses in which the clinic may still add or remove photos. */
const PHOTO_EDITABLE = ["draft", "awaiting_info"] as const;

/** Whether a case in `status` still takes new photos (and their uploads). */
export const isPhotoEditable = (status: string): boolean => (PHOTO_EDITABLE as readonly string[]).includes(status);

/** The non-file fields of a photo upload (multipart `view`, `bodySite`). */
export const photoFieldsSchema = z.object({
  view: z.enum(PHOTO_VIEWS, { message: "Choose overview, closeup or dermoscopy" }),
  bodySite: z.string().refine(isBodySiteCode, "Choose a body site from the list"),
});

const MIME = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp", heic: "image/heic", avif: "image/avif" } as const;

/** Receive one multipart photo for a case; returns it in `processing` state. */
export async function uploadPhoto(db: Db, ctx: RequestContext, caseId: string, request: Request): Promise<PhotoDto> {
  const row = await loadPhotoTargetCase(db, ctx, caseId);
  return addReceivedPhoto(db, ctx, row, await receivePhotoUpload(request));
}

/**
 * The case a new photo would join, if `ctx` may add one to it now: an audited 404 for another
 * clinic's (or a missing) case, 409 when the case is past editing or already holds its photos.
 * Checked before any byte is read, by the multipart route and by tus creation alike.
 */
export async function loadPhotoTargetCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseRow> {
  const row = await loadCaseFor(db, ctx, caseId, canEditDraft, "photo.upload");
  if (!(PHOTO_EDITABLE as readonly string[]).includes(row.status)) {
    throw Conflict(`Photos cannot be added to a case that is ${row.status.replace("_", " ")}`);
  }
  if ((await activePhotoCount(db, row.id)) >= MAX_PHOTOS_PER_CASE) {
    throw Conflict(`A case holds at most ${MAX_PHOTOS_PER_CASE} photos; remove one first`);
  }
  return row;
}

/** Options of {@link addReceivedPhoto}. */
export interface AddPhotoOptions {
  /** Runs inside the photo's transaction (a tus upload marks itself complete there). */
  within?: (tx: Tx, photoId: string) => Promise<void>;
}

/**
 * The one way a received photo becomes a photo, whichever transport brought it (multipart route,
 * tus upload): fields validated, bytes encrypted into storage, then row, processing job (through
 * the outbox) and audit row in one transaction that re-checks the case under its lock.
 */
export async function addReceivedPhoto(db: Db, ctx: RequestContext, row: CaseRow, upload: ReceivedPhoto, opts: AddPhotoOptions = {}): Promise<PhotoDto> {
  const fields = parseOrThrow(photoFieldsSchema, upload.fields);
  const id = randomUUID();
  const { keyId } = await photoStore().putObject(photoObjectKey(id, "original"), upload.bytes);
  try {
    return await db.transaction(async (tx) => {
      // Re-check under the case lock: the case may have been submitted, or filled, meanwhile.
      const [locked] = await tx.select({ status: cases.status }).from(cases).where(eq(cases.id, row.id)).for("update");
      if (!locked || !(PHOTO_EDITABLE as readonly string[]).includes(locked.status)) throw Conflict("The case changed; photos can no longer be added");
      if ((await activePhotoCount(tx, row.id)) >= MAX_PHOTOS_PER_CASE) throw Conflict(`A case holds at most ${MAX_PHOTOS_PER_CASE} photos`);
      const [photo] = await tx
        .insert(photos)
        .values({
          id,
          caseId: row.id,
          clinicId: row.clinicId,
          view: fields.view,
          bodySite: fields.bodySite,
          mime: MIME[upload.type],
          sizeBytes: upload.bytes.length,
          sha256: upload.sha256,
          keyId,
          uploadedBy: ctx.actor.id,
        })
        .returning();
      await opts.within?.(tx, id);
      await enqueue(tx, "photos", "process", { photoId: id }, ctx);
      await audit(tx, ctx, { action: "photo.upload", resourceType: "photo", resourceId: id, patientId: row.patientId, details: { caseId: row.id } });
      return photoDto(photo!);
    });
  } catch (err) {
    await photoStore().deleteObject(photoObjectKey(id, "original")).catch(() => undefined);
    throw err;
  }
}

/** A photo row with its case facts if the policy lets `ctx` see it; else an audited 404. */
export async function loadPhotoFor(db: Db, ctx: RequestContext, photoId: string, action: string) {
  const found = z.string().uuid().safeParse(photoId).success
    ? (
        await db
          .select({ photo: photos, clinicId: cases.clinicId, status: cases.status, patientId: cases.patientId })
          .from(photos)
          .innerJoin(cases, eq(cases.id, photos.caseId))
          .where(and(eq(photos.id, photoId), isNull(photos.deletedAt)))
      )[0]
    : undefined;
  if (!found || !canViewCase(ctx.actor, found)) {
    await auditDenial(ctx, { action, resourceType: "photo", resourceId: photoId, patientId: found?.patientId ?? null });
    throw NotFound("Photo not found");
  }
  return found;
}

/** Photo metadata and quality. */
export async function getPhoto(db: Db, ctx: RequestContext, photoId: string): Promise<PhotoDto> {
  const { photo, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.read");
  await audit(db, ctx, { action: "photo.read", resourceType: "photo", resourceId: photo.id, patientId });
  return photoDto(photo);
}

export const IMAGE_VARIANTS = ["thumb", "display", "master"] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];
/** The query of `GET /api/v1/photos/{id}/image`. */
export const imageQuerySchema = z.strictObject({ variant: z.enum(IMAGE_VARIANTS).default("display") });

/** Decrypted JPEG bytes of a processed photo; every view is audited. */
export async function readPhotoImage(db: Db, ctx: RequestContext, photoId: string, variant: ImageVariant): Promise<Buffer> {
  const { photo, patientId } = await loadPhotoFor(db, ctx, photoId, "photo.view");
  if (photo.status === "processing") throw Conflict("The photo is still being processed");
  if (photo.status === "rejected") throw NotFound("The photo was rejected and has no image");
  const bytes = await photoStore().getObject(photoObjectKey(photo.id, variant));
  await audit(db, ctx, { action: "photo.view", resourceType: "photo", resourceId: photo.id, patientId, details: { variant } });
  return bytes;
}

/** Remove a photo before submission (or while answering an information request). */
export async function removePhoto(db: Db, ctx: RequestContext, photoId: string): Promise<void> {
  const { photo, patientId, clinicId, status } = await loadPhotoFor(db, ctx, photoId, "photo.delete");
  if (!canEditDraft(ctx.actor, { clinicId, status })) {
    await auditDenial(ctx, { action: "photo.delete", resourceType: "photo", resourceId: photoId, patientId });
    throw NotFound("Photo not found");
  }
  if (!(PHOTO_EDITABLE as readonly string[]).includes(status)) throw Conflict("Photos of a submitted case cannot be removed");
  await db.transaction(async (tx) => {
    await tx.update(photos).set({ deletedAt: new Date() }).where(eq(photos.id, photo.id));
    await audit(tx, ctx, { action: "photo.delete", resourceType: "photo", resourceId: photo.id, patientId });
  });
  // The clinic removed it: keep no clinical image of it beyond the row that says it existed.
  await deletePhotoObjects([photo.id]);
}
