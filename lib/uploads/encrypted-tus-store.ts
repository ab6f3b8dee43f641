/**
 * Our tus DataStore (the @tus/server store interface): offsets and expiry from the Postgres record
 * (records.ts), bytes encrypted piece by piece in the photo store (pieces.ts). The library speaks
 * the protocol; this class decides what is kept:
 *
 * - a PATCH body is held in memory until it ends (at most the upload's remaining length, ≤ 25 MB,
 *   the same as a multipart upload holds), then sealed as one piece;
 * - a body cut off by the network keeps what arrived (that is the point of tus), but a body that
 *   runs past the upload's length keeps nothing (413);
 * - the first piece is sniffed: a file that is not an accepted image is refused (415) before it
 *   is stored, and the upload is removed;
 * - each attempt seals its own object and then commits it in Postgres (records.ts commitPiece:
 *   under the upload row's lock, only while the offset is still where this PATCH began). A PATCH
 *   that lost that race to another web process — its lock lost, or no lock at all — removes its
 *   object and answers 409, so neither the bytes nor the offset of the winner are touched;
 * - the last piece does not move the offset: the finishing step (finish.ts) sets it together with
 *   the photo row, so HEAD never reports a complete upload that has no photo.
 */
import type { Readable } from "node:stream";
import { DataStore, ERRORS, Upload } from "@tus/server";
import type { Database } from "../db/client";
import { acceptedPhotoType } from "../photos/upload";
import { SNIFF_BYTES } from "../photos/sniff";
import { deletePiece, deletePieces, putPiece } from "./pieces";
import { commitPiece, deleteUploadRecord, findUploadRecord, UPLOAD_TTL_MS } from "./records";
import { removeExpiredUploads } from "./expiry";

/** A tus error object (the library's convention) for a status the library answers. */
const isOverLength = (err: unknown) => typeof err === "object" && err !== null && (err as { status_code?: number }).status_code === 413;

export class EncryptedTusStore extends DataStore {
  constructor(private readonly db: Database) {
    super();
    this.extensions = ["creation", "creation-with-upload", "termination", "expiration"];
  }

  /** The record was written by the creation hook (which knows the actor); no bytes exist yet. */
  override async create(upload: Upload): Promise<Upload> {
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const r = await findUploadRecord(this.db, id);
    if (!r) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({
      id,
      size: r.length,
      offset: r.offset,
      metadata: { caseId: r.caseId, view: r.view, bodySite: r.bodySite },
      creation_date: r.createdAt.toISOString(),
    });
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const record = await findUploadRecord(this.db, id);
    if (!record) throw ERRORS.FILE_NOT_FOUND;
    const chunks: Buffer[] = [];
    let received = 0;
    let failure: unknown;
    try {
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
        received += (chunk as Buffer).length;
      }
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined && isOverLength(failure)) throw failure; // nothing of an over-long body is kept
    if (received > 0) {
      const bytes = Buffer.concat(chunks, received);
      chunks.length = 0;
      const end = offset + received;
      if (offset === 0 && (received >= SNIFF_BYTES || end === record.length)) {
        try {
          acceptedPhotoType(bytes);
        } catch (err) {
          await this.remove(id); // not a photo: the upload ends here, nothing of it kept
          throw err;
        }
      }
      const key = await putPiece(id, offset, bytes);
      if (!(await commitPiece(this.db, id, offset, end, key, end === record.length))) {
        await deletePiece(key);
        throw ERRORS.INVALID_OFFSET;
      }
    }
    if (failure !== undefined) throw failure;
    return offset + received;
  }

  override async remove(id: string): Promise<void> {
    await deleteUploadRecord(this.db, id);
    await deletePieces(id);
  }

  override getExpiration(): number {
    return UPLOAD_TTL_MS;
  }

  override async deleteExpired(): Promise<number> {
    return (await removeExpiredUploads(this.db)).removedUploads.length;
  }
}
