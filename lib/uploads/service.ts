/**
 * Resumable photo uploads (tus 1.0, SPEC §16) as services behind the route handlers: creation
 * takes `Upload-Metadata` `caseId`, `view`, `bodySite` and is allowed exactly when the multipart
 * photo route would be (loadPhotoTargetCase: the referrer's own clinic, an editable case with
 * room); every later request (HEAD, PATCH, DELETE) is allowed only to the user who created the
 * upload, in that clinic (else an audited 404). The 25 MB cap is refused at creation from
 * Upload-Length and enforced again while a PATCH is read (the library's limiter, 413).
 */
import { z } from "zod";
import { Metadata } from "@tus/server";
import type { Database } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { BadRequest, Conflict, Invalid } from "../errors";
import { MAX_PHOTO_BYTES } from "../photos/limits";
import { isPhotoEditable, loadPhotoTargetCase, photoFieldsSchema } from "../photos/service";
import { photoTooLarge } from "../photos/upload";
import { parseOrThrow } from "../validation";
import { findUploadRecord, loadUploadFor } from "./records";
import { finishedRefusal, handleTus, PHOTO_ID_HEADER, versionRefusal } from "./tus-server";

/** The decoded `Upload-Metadata` of a photo upload; other keys (a file name) are ignored, never kept. */
export const uploadMetadataSchema = photoFieldsSchema.extend({
  caseId: z.string({ message: "Name the case the photo belongs to" }).uuid("Name the case the photo belongs to"),
});

function metadataOf(request: Request): Record<string, string> {
  const header = request.headers.get("upload-metadata");
  if (!header) return {};
  let parsed: Record<string, string | null>;
  try {
    parsed = Metadata.parse(header);
  } catch {
    throw BadRequest("Upload-Metadata is malformed: comma-separated `key base64value` pairs");
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v ?? ""]));
}

function lengthOf(request: Request): number {
  const raw = request.headers.get("upload-length");
  if (raw === null || !/^\d{1,15}$/.test(raw)) throw BadRequest("Send Upload-Length with the photo's size in bytes");
  const length = Number(raw);
  if (length > MAX_PHOTO_BYTES) throw photoTooLarge();
  if (length === 0) throw Invalid("Attach a photo", { file: ["Attach a photo"] });
  return length;
}

/** POST: create an upload for a photo of a case (201 with Location). */
export async function createUpload(db: Database, ctx: RequestContext, request: Request): Promise<Response> {
  const refused = versionRefusal(request);
  if (refused) return refused;
  const meta = parseOrThrow(uploadMetadataSchema, metadataOf(request));
  const length = lengthOf(request);
  const target = await loadPhotoTargetCase(db, ctx, meta.caseId);
  return handleTus(request, {
    ctx,
    create: { target, upload: { caseId: target.id, clinicId: target.clinicId, view: meta.view, bodySite: meta.bodySite, length } },
  });
}

/**
 * HEAD (offset), PATCH (more bytes; the last one answers the photo), DELETE (abandon). A PATCH or
 * DELETE of a finished upload — a retry whose first answer was lost, or one that lost the race to
 * finish — is a 409 naming the photo in Photo-Id, so the client learns it without a second photo.
 */
export async function continueUpload(db: Database, ctx: RequestContext, id: string, request: Request): Promise<Response> {
  const refused = versionRefusal(request);
  if (refused) return refused;
  const { upload, caseStatus } = await loadUploadFor(db, ctx, id, "photo.upload");
  if (request.method !== "HEAD" && upload.completedAt) return finishedRefusal(upload.photoId);
  if (request.method === "PATCH" && !isPhotoEditable(caseStatus)) {
    throw Conflict(`Photos cannot be added to a case that is ${caseStatus.replace("_", " ")}`);
  }
  const res = await handleTus(request, { ctx });
  if (request.method === "HEAD" && upload.photoId) res.headers.set(PHOTO_ID_HEADER, upload.photoId);
  if (request.method === "PATCH" && res.status === 409) {
    const photoId = (await findUploadRecord(db, id))?.photoId;
    if (photoId) res.headers.set(PHOTO_ID_HEADER, photoId);
  }
  return res;
}

/** OPTIONS: the server's tus capabilities (version, extensions, maximum size). */
export const uploadCapabilities = (request: Request): Promise<Response> => handleTus(request, null);
