/** Clinical photos: encrypted objects in storage, processed by the worker into three variants. */
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { PHOTO_STATUSES, PHOTO_VIEWS } from "./enums";
import { cases } from "./cases";
import { clinics, users } from "./identity";
import { lesions } from "./lesions";
import type { PhotoMeasurement, PhotoScale } from "../../measure/types";

export const photoViewEnum = pgEnum("photo_view", PHOTO_VIEWS);
export const photoStatusEnum = pgEnum("photo_status", PHOTO_STATUSES);

export type PhotoQuality = {
  sharpness: number;
  brightness: number;
  clippedHighlights: number;
  clippedShadows: number;
  flags: string[];
};

export const photos = pgTable(
  "photos",
  {
    id: uuid().primaryKey().defaultRandom(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    view: photoViewEnum().notNull(),
    bodySite: text().notNull(),
    status: photoStatusEnum().notNull().default("processing"),
    rejectReason: text(),
    mime: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    keyId: text().notNull(),
    width: integer(),
    height: integer(),
    quality: jsonb().$type<PhotoQuality>(),
    /** Calibration-sticker scale, null when the photo has none (lib/measure). */
    scale: jsonb().$type<PhotoScale>(),
    /** Automatic lesion outline and size on close-ups and dermoscopy with a scale. */
    measurement: jsonb().$type<PhotoMeasurement>(),
    /** The lesion this photo shows (SPEC §15); null until linked, and for overviews. */
    lesionId: uuid().references(() => lesions.id),
    uploadedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("photos_case_idx").on(t.caseId, t.createdAt), index("photos_lesion_idx").on(t.lesionId)],
);
