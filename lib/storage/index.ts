/**
 * Entry point of storage: picks the driver from configuration (passed in by the caller from
 * lib/env.ts; this module never reads the environment) and re-exports the public pieces.
 */
import { createFsStore } from "./fs-store";
import { createS3Store } from "./s3-store";
import type { ObjectStore, ObjectStoreConfig } from "./types";

export type { ObjectStore, ObjectStoreConfig, S3StoreConfig, StoredObject } from "./types";
export { createFsStore } from "./fs-store";
export { createS3Store } from "./s3-store";
export { createEncryptedStore, type EncryptedStore } from "./encrypted-store";
export { EnvelopeError, keyIdFor } from "./envelope";
export { isValidObjectKey } from "./keys";

/**
 * Create the configured object store.
 *
 * @throws Error when `driver` is `s3` and no `s3` settings are given
 */
export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  if (config.driver === "s3") {
    if (!config.s3) throw new Error("STORAGE_DRIVER=s3 needs the S3_* settings");
    return createS3Store(config.s3);
  }
  return createFsStore(config.dir);
}
