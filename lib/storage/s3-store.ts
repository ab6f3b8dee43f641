/**
 * S3-compatible driver, for deployments that outgrow one machine (SPEC §4). Path-style
 * addressing and "checksums only when required" keep it working against MinIO, Ceph and s3rver
 * as well as AWS. Bodies are already encrypted by encrypted-store.ts; server-side encryption of
 * the bucket is welcome but not relied on.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { NotFound } from "@/lib/errors";
import { assertValidObjectKey } from "./keys";
import type { ObjectStore, S3StoreConfig } from "./types";

function isMissing(e: unknown): boolean {
  if (e instanceof S3ServiceException) {
    return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata.httpStatusCode === 404;
  }
  return false;
}

/**
 * Create a store over one bucket. The bucket must already exist.
 *
 * @param config endpoint, bucket, region and credentials (from lib/env.ts)
 */
export function createS3Store(config: S3StoreConfig): ObjectStore & { client: S3Client } {
  const client = new S3Client({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    forcePathStyle: true,
    // The SDK's default flexible checksums (aws-chunked CRC32 trailers) are not understood by
    // many S3-compatible servers; integrity is covered by AES-GCM on every object anyway.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;

  return {
    client,

    async put(key, body) {
      assertValidObjectKey(key);
      await client.send(
        new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: "application/octet-stream" }),
      );
    },

    async get(key) {
      assertValidObjectKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) throw NotFound("Object not found");
        return Buffer.from(await res.Body.transformToByteArray());
      } catch (e) {
        if (isMissing(e)) throw NotFound("Object not found");
        throw e;
      }
    },

    async delete(key) {
      assertValidObjectKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async list(prefix) {
      const out: { key: string; modifiedAt: Date }[] = [];
      let token: string | undefined;
      do {
        const res = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }));
        for (const o of res.Contents ?? []) if (o.Key) out.push({ key: o.Key, modifiedAt: o.LastModified ?? new Date(0) });
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return out;
    },

    async exists(key) {
      assertValidObjectKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (e) {
        if (isMissing(e)) return false;
        throw e;
      }
    },
  };
}
