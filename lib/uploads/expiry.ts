/**
 * Expiry of resumable uploads (SPEC §16: abandoned uploads expire after 24 h), run by the
 * `maintenance/upload-expiry` job: records past `expiresAt` go with their encrypted pieces, and
 * pieces no record names (a draft deleted mid-upload, a crash between removing the record and
 * its pieces) go once they are an hour old.
 */
import { inArray, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { photoUploads } from "../db/schema";
import { logger } from "../log";
import { deletePieces, uploadsInStorage } from "./pieces";

/** Pieces younger than this may belong to an upload whose record is being written. */
export const ORPHAN_PIECE_GRACE_MS = 60 * 60_000;

export type UploadExpiryReport = { removedUploads: string[]; removedOrphans: string[] };

/** Remove expired uploads (record and pieces) and orphaned pieces. */
export async function removeExpiredUploads(db: Db, now = new Date()): Promise<UploadExpiryReport> {
  const expired = await db.delete(photoUploads).where(lt(photoUploads.expiresAt, now)).returning({ id: photoUploads.id });
  const removedUploads = expired.map((r) => r.id);
  for (const id of removedUploads) await deletePieces(id);

  const stored = await uploadsInStorage();
  const ids = [...stored.keys()].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    for (const r of await db.select({ id: photoUploads.id }).from(photoUploads).where(inArray(photoUploads.id, chunk))) known.add(r.id);
  }
  const removedOrphans: string[] = [];
  for (const id of ids) {
    if (known.has(id) || now.getTime() - stored.get(id)! < ORPHAN_PIECE_GRACE_MS) continue;
    await deletePieces(id);
    removedOrphans.push(id);
  }
  if (removedUploads.length || removedOrphans.length) logger.info({ expired: removedUploads.length, orphans: removedOrphans.length }, "removed expired uploads");
  return { removedUploads, removedOrphans };
}
