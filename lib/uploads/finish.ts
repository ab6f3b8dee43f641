/**
 * The end of a resumable upload: its pieces, decrypted and joined, become a photo exactly as a
 * multipart body does — the same checks (receivedPhotoFromBytes: empty 422, over the cap 413, not
 * an image 415), the same service function (addReceivedPhoto: encrypted original, row, outbox
 * job, audit) — and the upload is marked complete in that same transaction. A client mistake
 * ends the upload (record and pieces removed, so a retry cannot resurrect it); a server fault
 * leaves it, offset unchanged, for the client to send its last piece again.
 */
import type { Database } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { isDomainError } from "../errors";
import type { PhotoDto } from "../photos/dto";
import { addReceivedPhoto, loadPhotoTargetCase } from "../photos/service";
import { receivedPhotoFromBytes } from "../photos/upload";
import { deletePieces, readWholeUpload } from "./pieces";
import { deleteUploadRecord, findUploadRecord, markUploadComplete } from "./records";

/** Turn the finished upload `id` into a photo owned by `ctx`; returns it in `processing`. */
export async function finishUpload(db: Database, ctx: RequestContext, id: string): Promise<PhotoDto> {
  const record = await findUploadRecord(db, id);
  if (!record) throw new Error("A finished upload has no record");
  try {
    // Authorization and the case's state are checked again: an upload can outlive both.
    const target = await loadPhotoTargetCase(db, ctx, record.caseId);
    const received = receivedPhotoFromBytes(await readWholeUpload(id, record.length), { view: record.view, bodySite: record.bodySite });
    const photo = await addReceivedPhoto(db, ctx, target, received, { within: (tx, photoId) => markUploadComplete(tx, id, photoId, record.length) });
    await deletePieces(id).catch(() => undefined); // the expiry job removes what this misses
    return photo;
  } catch (err) {
    if (isDomainError(err)) {
      await deleteUploadRecord(db, id);
      await deletePieces(id).catch(() => undefined);
    }
    throw err;
  }
}
