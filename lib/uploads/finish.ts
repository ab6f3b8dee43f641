/**
 * The end of a resumable upload: its pieces, decrypted and joined, become a photo exactly as a
 * multipart body does — the same checks (receivedPhotoFromBytes: empty 422, over the cap 413, not
 * an image 415), the same service function (addReceivedPhoto: encrypted original, row, outbox
 * job, audit) — and the upload is marked complete in that same transaction. A client mistake
 * ends the upload (record and pieces removed, so a retry cannot resurrect it); a server fault
 * leaves it, offset unchanged, for the client to send its last piece again.
 *
 * Exactly one request makes the photo: two final PATCHes of the same upload (a retry after a
 * lost answer on another web process, while the first is still finishing) may both get here, but
 * only the one whose conditional markUploadComplete matches commits; the other's transaction
 * rolls back (no row, no job, no audit; its original object removed) and it answers 409 — the
 * route names the winner's photo in Photo-Id.
 */
import type { Database } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { isDomainError } from "../errors";
import type { PhotoDto } from "../photos/dto";
import { addReceivedPhoto, loadPhotoTargetCase } from "../photos/service";
import { receivedPhotoFromBytes } from "../photos/upload";
import { deletePieces, readWholeUpload } from "./pieces";
import { deleteUploadRecord, findUploadRecord, markUploadComplete } from "./records";

/** The library's error object for "another request finished this upload" (409, our envelope). */
export const FINISHED_ELSEWHERE = {
  status_code: 409,
  body: JSON.stringify({ error: { code: "conflict", message: "This upload is complete; its photo is named in Photo-Id" } }),
};

class LostTheFinish extends Error {}

/** Turn the finished upload `id` into a photo owned by `ctx`; returns it in `processing`. */
export async function finishUpload(db: Database, ctx: RequestContext, id: string): Promise<PhotoDto> {
  const record = await findUploadRecord(db, id);
  if (!record) throw new Error("A finished upload has no record");
  if (record.completedAt) throw FINISHED_ELSEWHERE;
  try {
    // Authorization and the case's state are checked again: an upload can outlive both.
    const target = await loadPhotoTargetCase(db, ctx, record.caseId);
    const received = receivedPhotoFromBytes(await readWholeUpload(db, id, record.length), { view: record.view, bodySite: record.bodySite });
    const photo = await addReceivedPhoto(db, ctx, target, received, {
      within: async (tx, photoId) => {
        if (!(await markUploadComplete(tx, id, record.offset, photoId, record.length))) throw new LostTheFinish();
      },
    });
    await deletePieces(id).catch(() => undefined); // the expiry job removes what this misses
    return photo;
  } catch (err) {
    // Another request finished first (its clean-up may have taken the pieces this one was reading).
    if (err instanceof LostTheFinish || (await findUploadRecord(db, id))?.completedAt) throw FINISHED_ELSEWHERE;
    if (isDomainError(err)) {
      await deleteUploadRecord(db, id);
      await deletePieces(id).catch(() => undefined);
    }
    throw err;
  }
}
