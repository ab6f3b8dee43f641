/**
 * The process-wide encrypted photo store, configured from lib/env.ts, and the object keys of a
 * photo's renditions (deterministic, so a re-run job overwrites rather than duplicates).
 */
import { env } from "../env";
import { createEncryptedStore, type EncryptedStore } from "../storage";
import { objectStoreFromEnv } from "../storage/from-env";

export const VARIANTS = ["original", "master", "display", "thumb"] as const;
export type Variant = (typeof VARIANTS)[number];

/** Object key of one rendition of a photo. */
export const photoObjectKey = (photoId: string, variant: Variant) => `photos/${photoId}/${variant}`;

const globalForStore = globalThis as unknown as { dermrelayPhotoStore?: EncryptedStore };

/** The encrypted store for photos (fs or S3 per STORAGE_DRIVER). */
export function photoStore(): EncryptedStore {
  globalForStore.dermrelayPhotoStore ??= createEncryptedStore(
    objectStoreFromEnv(),
    Buffer.from(env.DATA_ENCRYPTION_KEY, "base64"),
    env.DATA_ENCRYPTION_PREVIOUS_KEYS.map((k) => Buffer.from(k, "base64")),
  );
  return globalForStore.dermrelayPhotoStore;
}

/** Remove every stored rendition of the given photos (after their rows are gone). */
export async function deletePhotoObjects(photoIds: string[]): Promise<void> {
  const store = photoStore();
  await Promise.all(photoIds.flatMap((id) => VARIANTS.map((v) => store.deleteObject(photoObjectKey(id, v)).catch(() => undefined))));
}
