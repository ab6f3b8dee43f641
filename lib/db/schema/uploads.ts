/**
 * Resumable (tus) photo uploads in progress (SPEC §16). The row is the upload's authority: who
 * owns it (user and clinic), which case and photo fields it will become, how long it is, how far
 * it has come and when it expires. The bytes themselves lie encrypted in object storage, one
 * object per received piece (lib/uploads/encrypted-tus-store.ts). A finished upload keeps its
 * row, with the photo it became, until it expires, so a client whose last response was lost
 * learns the photo from HEAD.
 */
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { clinics, users } from "./identity";
import { photos, photoViewEnum } from "./photos";

export const photoUploads = pgTable(
  "photo_uploads",
  {
    id: uuid().primaryKey(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    // A draft deleted with its photos takes its uploads along; their pieces go with the expiry job.
    caseId: uuid()
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    view: photoViewEnum().notNull(),
    bodySite: text().notNull(),
    /** Upload-Length: the whole file, at most the 25 MB photo cap. */
    length: integer().notNull(),
    /** Bytes received and stored so far (the tus Upload-Offset). */
    offset: integer().notNull().default(0),
    /** The photo the finished upload became. */
    photoId: uuid().references(() => photos.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("photo_uploads_expires_idx").on(t.expiresAt), index("photo_uploads_case_idx").on(t.caseId)],
);

/**
 * The pieces an upload's offset vouches for: one row per sealed object, written in the same
 * transaction that moves `photo_uploads.offset` (and only while that row, locked, still has the
 * piece's start as its offset). Objects in storage that no row names — a PATCH that lost a race
 * with another web process, a crash before the commit — are never read, and go with the upload.
 * The last piece gets a row without moving the offset (the finishing step does that with the
 * photo); a later attempt at the same start replaces it.
 */
export const photoUploadPieces = pgTable(
  "photo_upload_pieces",
  {
    uploadId: uuid()
      .notNull()
      .references(() => photoUploads.id, { onDelete: "cascade" }),
    startOffset: integer().notNull(),
    endOffset: integer().notNull(),
    /** The object holding the piece (`uploads/{id}/{start}.{attempt}`). */
    objectKey: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.startOffset] })],
);
