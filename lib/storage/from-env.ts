/**
 * The one place the storage drivers meet lib/env.ts: the plain object store of the configured
 * driver (STORAGE_DRIVER, STORAGE_DIR, S3_*), shared by the photo store (which wraps it in
 * envelope encryption), the audit anchors and the storage janitor.
 */
import { env } from "../env";
import { createObjectStore } from "./index";
import type { ObjectStore } from "./types";

const globalForStore = globalThis as unknown as { dermrelayObjectStore?: ObjectStore };

/** The configured store, created once per process. */
export function objectStoreFromEnv(): ObjectStore {
  return (globalForStore.dermrelayObjectStore ??= createObjectStore({
    driver: env.STORAGE_DRIVER,
    dir: env.STORAGE_DIR,
    s3:
      env.STORAGE_DRIVER === "s3"
        ? {
            endpoint: env.S3_ENDPOINT,
            bucket: env.S3_BUCKET!,
            region: env.S3_REGION,
            accessKeyId: env.S3_ACCESS_KEY_ID ?? "",
            secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? "",
          }
        : undefined,
  }));
}
