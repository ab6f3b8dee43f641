/**
 * The bytes of a resumable upload at rest: each received piece is one object in the photo store
 * (lib/storage envelope encryption: AES-256-GCM, a data key per object, bound to its key), so no
 * driver — filesystem or S3 — ever holds a readable fragment of a photo. The key carries the
 * piece's offset (`uploads/{id}/{offset}`): a piece re-sent after a crash overwrites the same
 * object, and a blob moved to another offset or upload refuses to decrypt.
 */
import { photoStore } from "../photos/store";
import { objectStoreFromEnv } from "../storage/from-env";

/** The folder of every upload's pieces. */
export const UPLOADS_PREFIX = "uploads/";

const pieceKey = (id: string, offset: number) => `${UPLOADS_PREFIX}${id}/${String(offset).padStart(9, "0")}`;

/** Encrypt and store the piece that starts at `offset`. */
export async function putPiece(id: string, offset: number, bytes: Buffer): Promise<void> {
  await photoStore().putObject(pieceKey(id, offset), bytes);
}

/** Object keys of an upload's pieces by their offset. */
async function pieceKeys(id: string): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  for (const o of await objectStoreFromEnv().list(`${UPLOADS_PREFIX}${id}/`)) {
    const offset = Number(o.key.split("/")[2]);
    if (Number.isInteger(offset)) keys.set(offset, o.key);
  }
  return keys;
}

/**
 * The whole upload, decrypted, by walking its pieces from offset 0 to `length`. A stray piece (a
 * write whose offset update never committed) lies off that chain and is ignored.
 *
 * @throws Error when a piece is missing: the record's offset promised bytes storage does not hold
 */
export async function readWholeUpload(id: string, length: number): Promise<Buffer> {
  const keys = await pieceKeys(id);
  const parts: Buffer[] = [];
  let at = 0;
  while (at < length) {
    const key = keys.get(at);
    if (!key) throw new Error("An upload piece is missing");
    const piece = await photoStore().getObject(key);
    if (piece.length === 0) throw new Error("An upload piece is empty");
    parts.push(piece);
    at += piece.length;
  }
  if (at !== length) throw new Error("Upload pieces overrun the upload length");
  return Buffer.concat(parts, length);
}

/** Remove every piece of an upload. */
export async function deletePieces(id: string): Promise<void> {
  const store = objectStoreFromEnv();
  await Promise.all([...(await pieceKeys(id)).values()].map((k) => store.delete(k)));
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
