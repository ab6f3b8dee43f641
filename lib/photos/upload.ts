/**
 * Receives one photo from a multipart/form-data request (SPEC §4.1–4.2). It streams through
 * busboy so the 25 MB cap is enforced while reading: past the cap, or as soon as the first bytes
 * show the file is not an accepted image, it stops consuming the body instead of buffering it.
 * Every client mistake surfaces as a DomainError, so the route maps it to 400/413/415/422.
 * A tus upload (lib/uploads/) arrives in pieces; once whole it is checked here by the same rules
 * ({@link receivedPhotoFromBytes}) and stored by the same service function (addReceivedPhoto).
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { BadRequest, DomainError, Invalid, PayloadTooLarge, UnsupportedMediaType } from "@/lib/errors";
import { MAX_PHOTO_BYTES } from "./limits";
import { SNIFF_BYTES, sniffImageType, type SniffedImageType } from "./sniff";

/** The name of the multipart field that carries the photo. */
export const PHOTO_FIELD = "file";

/** The 415 message for a file that is not an accepted photo. */
export const UNSUPPORTED_PHOTO_MESSAGE = "Only JPEG, PNG, WebP, HEIC and AVIF photos are accepted";

/** Slack over the cap for multipart boundaries and text fields before Content-Length alone refuses. */
const ENVELOPE_SLACK_BYTES = 1024 * 1024;

/** A received, type-checked upload. `bytes` are exactly what the client sent. */
export interface ReceivedPhoto {
  /** Text fields of the form (e.g. `view`, `bodySite`), unvalidated: parse them with zod. */
  fields: Record<string, string>;
  bytes: Buffer;
  /** Hex SHA-256 of `bytes`, computed while streaming. */
  sha256: string;
  /** Decided by magic bytes, never by name or Content-Type. */
  type: SniffedImageType;
  /** The client's file name. May hold PHI ("smith_john_mole.jpg"): do not log it. */
  originalName?: string;
}

/** Options of {@link receivePhotoUpload}. */
export interface ReceiveOptions {
  /** Per-file cap in bytes; defaults to {@link MAX_PHOTO_BYTES}. */
  maxBytes?: number;
}

function humanSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The 413 of a photo over `maxBytes`. */
export const photoTooLarge = (maxBytes = MAX_PHOTO_BYTES) => PayloadTooLarge(`Photo exceeds ${humanSize(maxBytes)}`);

const missingPhoto = () => Invalid("Attach a photo", { [PHOTO_FIELD]: ["Attach a photo"] });

/**
 * The accepted image type of a file from its first bytes (never its name or Content-Type).
 * @throws DomainError 415 `unsupported_media_type` for anything but JPEG/PNG/WebP/HEIC/AVIF
 */
export function acceptedPhotoType(head: Uint8Array): SniffedImageType {
  const sniffed = sniffImageType(head.subarray(0, SNIFF_BYTES));
  if (sniffed === null) throw UnsupportedMediaType(UNSUPPORTED_PHOTO_MESSAGE);
  return sniffed;
}

/**
 * A photo whose bytes arrived whole by another transport (a finished tus upload, lib/uploads/),
 * checked by the same rules as a multipart one: not empty, within the cap, an accepted type.
 *
 * @throws DomainError 422 (empty), 413 (over the cap), 415 (not an accepted image)
 */
export function receivedPhotoFromBytes(bytes: Buffer, fields: Record<string, string>, opts: ReceiveOptions = {}): ReceivedPhoto {
  const maxBytes = opts.maxBytes ?? MAX_PHOTO_BYTES;
  if (bytes.length === 0) throw missingPhoto();
  if (bytes.length > maxBytes) throw photoTooLarge(maxBytes);
  return { fields, bytes, sha256: createHash("sha256").update(bytes).digest("hex"), type: acceptedPhotoType(bytes) };
}

/**
 * Stream one photo out of a multipart/form-data request.
 *
 * @throws DomainError
 *   - 415 `unsupported_media_type` when the request is not multipart/form-data, or the file is
 *     anything but JPEG/PNG/WebP/HEIC/AVIF by its magic bytes (a wrong body type is a media-type
 *     problem, not a malformed request, hence 415 rather than 400);
 *   - 413 `payload_too_large` when the file exceeds the cap (or Content-Length is far above it);
 *   - 422 `invalid` with `fields.file` when there is no photo, more than one, or it is empty;
 *     with the field's name for a duplicate or overlong text field;
 *   - 400 `bad_request` for a malformed or interrupted multipart body.
 */
export async function receivePhotoUpload(request: Request, opts: ReceiveOptions = {}): Promise<ReceivedPhoto> {
  const maxBytes = opts.maxBytes ?? MAX_PHOTO_BYTES;
  const tooLarge = () => photoTooLarge(maxBytes);

  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw UnsupportedMediaType("Send the photo as multipart/form-data");
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_SLACK_BYTES) throw tooLarge();
  if (!request.body || request.bodyUsed) throw BadRequest("The request has no body");

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // busboy signals 'limit' on reaching fileSize, so allow one byte more: a file of exactly
      // maxBytes is accepted, and seeing byte maxBytes + 1 means it is too large.
      limits: { fileSize: maxBytes + 1, files: 1, fields: 20, fieldSize: 16 * 1024, parts: 24 },
    });
  } catch {
    throw BadRequest("Malformed multipart request");
  }
  const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);

  return new Promise<ReceivedPhoto>((resolve, reject) => {
    const fields = new Map<string, string>();
    const chunks: Buffer[] = [];
    const hash = createHash("sha256");
    let received = 0;
    let fileSeen = false;
    let fileEnded = false;
    let parserClosed = false;
    let type: ReceivedPhoto["type"] | undefined;
    let originalName: string | undefined;
    let settled = false;

    const fail = (error: DomainError) => {
      if (settled) return;
      settled = true;
      // Stop reading the body: no buffering of whatever the client still sends.
      source.unpipe(parser);
      source.destroy();
      chunks.length = 0;
      reject(error);
    };
    const missingFile = missingPhoto;

    /** Decide the type from the first bytes; false when the upload was refused. */
    const checkType = (): boolean => {
      if (type) return true;
      if (received === 0) {
        fail(missingFile());
        return false;
      }
      try {
        type = acceptedPhotoType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
        return true;
      } catch (err) {
        fail(err as DomainError);
        return false;
      }
    };

    const finish = () => {
      if (settled || !parserClosed || (fileSeen && !fileEnded)) return;
      if (!fileSeen) return fail(missingFile());
      if (!checkType() || !type) return;
      settled = true;
      resolve({
        fields: Object.fromEntries(fields),
        bytes: Buffer.concat(chunks, received),
        sha256: hash.digest("hex"),
        type,
        ...(originalName ? { originalName } : {}),
      });
    };

    parser.on("file", (name, stream, info) => {
      if (settled) return void stream.resume();
      if (name !== PHOTO_FIELD) {
        stream.resume();
        return fail(Invalid("Unexpected file field", { [PHOTO_FIELD]: [`Send the photo in the field "${PHOTO_FIELD}"`] }));
      }
      fileSeen = true;
      originalName = info.filename || undefined;
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        hash.update(chunk);
        chunks.push(chunk);
        received += chunk.length;
        if (received >= SNIFF_BYTES) checkType();
      });
      stream.on("limit", () => fail(tooLarge()));
      stream.on("error", () => fail(BadRequest("The upload was interrupted")));
      stream.on("end", () => {
        fileEnded = true;
        finish();
      });
    });
    parser.on("field", (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) {
        return fail(Invalid("A form field is too long", { [name.slice(0, 40)]: ["Too long"] }));
      }
      if (fields.has(name)) {
        return fail(Invalid("A form field was sent twice", { [name.slice(0, 40)]: ["Sent more than once"] }));
      }
      fields.set(name, value);
    });
    parser.on("filesLimit", () => fail(Invalid("Send one photo per request", { [PHOTO_FIELD]: ["Send one photo per request"] })));
    parser.on("fieldsLimit", () => fail(Invalid("Too many form fields")));
    parser.on("partsLimit", () => fail(Invalid("Too many form fields")));
    parser.on("error", () => fail(BadRequest("Malformed multipart request")));
    parser.on("close", () => {
      parserClosed = true;
      finish();
    });
    source.on("error", () => fail(BadRequest("The upload was interrupted")));
    source.pipe(parser);
  });
}
