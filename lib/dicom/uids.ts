/**
 * DICOM UIDs derived from DermRelay ids (SPEC §14), so an export repeated gives the same objects:
 * `2.25.` followed by a UUID read as one unsigned 128-bit integer (PS3.5 §B.2). The study is the
 * case's own UUID and each instance its photo's; a series (case × view) and a frame of reference
 * (one per photo) get name-based UUIDs (RFC 9562 version 5, SHA-1) under the case or photo id.
 */
import { createHash } from "node:crypto";
import type { PhotoView } from "../db/schema/enums";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `2.25.<integer>` for a UUID. @throws Error when `uuid` is not one. */
export function uidFromUuid(uuid: string): string {
  if (!UUID.test(uuid)) throw new Error("Not a UUID");
  return `2.25.${BigInt(`0x${uuid.replace(/-/g, "")}`).toString(10)}`;
}

/** A version-5 (name-based, SHA-1) UUID of `name` in the namespace `namespace` (a UUID). */
export function nameBasedUuid(namespace: string, name: string): string {
  if (!UUID.test(namespace)) throw new Error("Not a UUID");
  const hash = createHash("sha1").update(Buffer.from(namespace.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One study per case. */
export const studyInstanceUid = (caseId: string) => uidFromUuid(caseId);
/** One series per view of a case. */
export const seriesInstanceUid = (caseId: string, view: PhotoView) => uidFromUuid(nameBasedUuid(caseId, `dicom-series:${view}`));
/** One instance per photo. */
export const sopInstanceUid = (photoId: string) => uidFromUuid(photoId);
/** Each photo is its own spatial frame (photos of a case are not registered to each other). */
export const frameOfReferenceUid = (photoId: string) => uidFromUuid(nameBasedUuid(photoId, "dicom-frame-of-reference"));
