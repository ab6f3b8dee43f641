/**
 * A patient's lesions (SPEC §15): the same mole or wound followed across referrals. Photos point
 * at the lesion they show (photos.lesion_id, nullable: an overview photo shows no single lesion).
 */
import { check, doublePrecision, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { clinics, users } from "./identity";
import { patients } from "./patients";

export const lesions = pgTable(
  "lesions",
  {
    id: uuid().primaryKey().defaultRandom(),
    patientId: uuid()
      .notNull()
      .references(() => patients.id),
    /** The patient's clinic, copied so tenancy is checked without a join. */
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    label: text().notNull(),
    /** SNOMED CT body structure from lib/codes/body-sites.ts. */
    bodySite: text().notNull(),
    /** Optional point on the body map, both in 0..1 (or both null). */
    bodyMapX: doublePrecision(),
    bodyMapY: doublePrecision(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lesions_patient_idx").on(t.patientId, t.createdAt),
    check("lesions_body_map_point", sql`(${t.bodyMapX} IS NULL) = (${t.bodyMapY} IS NULL) AND coalesce(${t.bodyMapX} BETWEEN 0 AND 1 AND ${t.bodyMapY} BETWEEN 0 AND 1, true)`),
  ],
);
