/** Patients belong to exactly one referring clinic; MRN is unique within it. */
import { date, index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { SEXES } from "./enums";
import { clinics, users } from "./identity";

export const sexEnum = pgEnum("sex", SEXES);

export const patients = pgTable(
  "patients",
  {
    id: uuid().primaryKey().defaultRandom(),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    mrn: text().notNull(),
    givenName: text().notNull(),
    familyName: text().notNull(),
    birthDate: date({ mode: "string" }).notNull(),
    sex: sexEnum().notNull(),
    fitzpatrick: smallint(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("patients_clinic_mrn_key").on(t.clinicId, t.mrn),
    index("patients_clinic_name_idx").on(t.clinicId, t.familyName, t.givenName),
  ],
);
