/** Manual measurements a specialist saves on a photo (SPEC §15): ruler lengths and outline areas. */
import { doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { clinics, users } from "./identity";
import { photos } from "./photos";

export const MANUAL_MEASUREMENT_KINDS = ["ruler", "outline"] as const;

export const photoMeasurements = pgTable(
  "photo_measurements",
  {
    id: uuid().primaryKey().defaultRandom(),
    photoId: uuid()
      .notNull()
      .references(() => photos.id),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    kind: text({ enum: MANUAL_MEASUREMENT_KINDS }).notNull(),
    /** Master-pixel points: two for a ruler, the vertices of an outline. */
    points: jsonb().$type<[number, number][]>().notNull(),
    /** Computed on the server in the photo's tilt-corrected plane: ruler length or outline area. */
    lengthMm: doublePrecision(),
    areaMm2: doublePrecision(),
    label: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("photo_measurements_photo_idx").on(t.photoId, t.createdAt)],
);
