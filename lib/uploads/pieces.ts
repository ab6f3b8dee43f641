/**
 * The bytes of a resumable upload at rest: each received piece is one object in the photo store
 * (lib/storage envelope encryption: AES-256-GCM, a data key per object, bound to its key), so no
 * driver — filesystem or S3 — ever holds a readable fragment of a photo. Every attempt writes its
 * own object (`uploads/{id}/{offset}.{attempt}`): two PATCHes racing on different web processes
 * never overwrite each other's bytes, and which object counts is decided in Postgres
 * (`photo_upload_pieces`, records.ts commitPiece), never by what storage happens to hold.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { photoStore } from "../photos/store";
import { objectStoreFromEnv } from "../storage/from-env";
import { committedPieces } from "./records";

/** The folder of every upload's pieces. */
export const UPLOADS_PREFIX = "uploads/";

/** Encrypt and store one attempt's piece starting at `offset`; returns its object key. */
export async function putPiece(id: string, offset: number, bytes: Buffer): Promise<string> {
  const key = `${UPLOADS_PREFIX}${id}/${String(offset).padStart(9, "0")}.${randomUUID()}`;
  await photoStore().putObject(key, bytes);
  return key;
}

/** Remove one attempt's piece (one that lost its commit). */
export async function deletePiece(key: string): Promise<void> {
  await objectStoreFromEnv().delete(key);
}

/**
 * The whole upload, decrypted, from the pieces Postgres names, which must run from 0 to `length`
 * without a gap or an overlap, each object exactly as long as its row says.
 *
 * @throws Error when the chain is broken: the record promised bytes storage does not hold
 */
export async function readWholeUpload(db: Db, id: string, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let at = 0;
  for (const p of await committedPieces(db, id)) {
    if (p.startOffset !== at) throw new Error("An upload piece is missing");
    const piece = await photoStore().getObject(p.objectKey);
    if (piece.length !== p.endOffset - p.startOffset || piece.length === 0) throw new Error("An upload piece has the wrong length");
    parts.push(piece);
    at = p.endOffset;
  }
  if (at !== length) throw new Error("The upload pieces do not reach the upload length");
  return Buffer.concat(parts, length);
}

/** Remove every object of an upload, committed or not. */
export async function deletePieces(id: string): Promise<void> {
  const store = objectStoreFromEnv();
  await Promise.all((await store.list(`${UPLOADS_PREFIX}${id}/`)).map((o) => store.delete(o.key)));
}

/** Upload ids that have pieces in storage, with their newest write (for the expiry job). */
export async function uploadsInStorage(): Promise<Map<string, number>> {
  const newest = new Map<string, number>();
  for (const o of await objectStoreFromEnv().list(UPLOADS_PREFIX)) {
    const id = o.key.split("/")[1];
    if (id) newest.set(id, Math.max(newest.get(id) ?? 0, o.modifiedAt.getTime()));
  }
  return newest;
}
