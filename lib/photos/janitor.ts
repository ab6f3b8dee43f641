/**
 * The storage janitor (issue 14 "a crash between writing a blob and committing its row"). An
 * upload writes its encrypted blob first and commits the photo row after (lib/photos/service.ts),
 * so a crash in between leaves an object no row names — never a row naming a missing object.
 * This hourly maintenance job finds those orphans under `photos/` and removes them once they are
 * older than an hour (an upload still in flight is never touched). A worker killed after a photo's
 * row became ready or rejected but before it deleted the original leaves that original (with the
 * camera's metadata) behind: the janitor deletes it, since a settled photo never reads it again.
 * It also reports, without
 * changing anything, any ready photo whose renditions are missing: that would be a bug or data
 * loss, and an operator must hear of it.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { photos } from "../db/schema";
import { logger } from "../log";
import { objectStoreFromEnv } from "../storage/from-env";
import { photoObjectKey, VARIANTS } from "./store";

/** Objects younger than this may belong to an upload whose row is about to commit. */
export const ORPHAN_GRACE_MS = 60 * 60_000;

export type JanitorReport = { scannedPhotos: number; removedOrphans: string[]; removedOriginals: string[]; missingRenditions: string[] };

/** Remove orphaned photo objects older than the grace period; report ready photos missing renditions. */
export async function sweepPhotoObjects(db: Db, now = new Date()): Promise<JanitorReport> {
  const store = objectStoreFromEnv();
  const byPhoto = new Map<string, { keys: string[]; newest: number }>();
  for (const o of await store.list("photos/")) {
    const id = o.key.split("/")[1];
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) continue;
    const entry = byPhoto.get(id) ?? { keys: [], newest: 0 };
    entry.keys.push(o.key);
    entry.newest = Math.max(entry.newest, o.modifiedAt.getTime());
    byPhoto.set(id, entry);
  }
  const ids = [...byPhoto.keys()];
  const rows = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    for (const r of await db.select({ id: photos.id, status: photos.status }).from(photos).where(inArray(photos.id, chunk))) rows.set(r.id, r.status);
  }
  const removedOrphans: string[] = [];
  const missingRenditions: string[] = [];
  const removedOriginals: string[] = [];
  for (const [id, entry] of byPhoto) {
    const status = rows.get(id);
    if (status === undefined) {
      if (now.getTime() - entry.newest < ORPHAN_GRACE_MS) continue;
      await Promise.all(entry.keys.map((k) => store.delete(k)));
      removedOrphans.push(id);
    } else {
      const have = new Set(entry.keys.map((k) => k.split("/")[2]));
      if ((status === "ready" || status === "rejected") && have.has("original")) {
        await store.delete(photoObjectKey(id, "original"));
        removedOriginals.push(id);
      }
      if (status === "ready" && VARIANTS.some((v) => v !== "original" && !have.has(v))) missingRenditions.push(id);
    }
  }
  // Ready photos with no object at all do not appear in the listing: look for them too.
  const listed = new Set(ids);
  for (const r of await db.select({ id: photos.id }).from(photos).where(inArray(photos.status, ["ready"]))) {
    if (!listed.has(r.id)) missingRenditions.push(r.id);
  }
  if (removedOrphans.length) logger.warn({ count: removedOrphans.length, photoIds: removedOrphans }, "removed orphaned photo objects");
  if (removedOriginals.length) logger.warn({ count: removedOriginals.length, photoIds: removedOriginals }, "removed originals left by an interrupted photo job");
  if (missingRenditions.length) logger.error({ count: missingRenditions.length, photoIds: missingRenditions }, "ready photos with missing renditions");
  return { scannedPhotos: byPhoto.size, removedOrphans, removedOriginals, missingRenditions };
}
