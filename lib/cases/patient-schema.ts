/**
 * Validation of the patient a referrer creates (SPEC §3, `POST /api/v1/patients`). Kept apart from
 * the patient service so the form, the API and the seed share one definition. Birth dates are
 * plain calendar dates (no time zone); "not in the future" is judged against the latest calendar
 * date anywhere on earth (UTC+14), so a clinic east of UTC is never told that today is tomorrow.
 */
import { z } from "zod";
import { SEXES } from "@/lib/db/schema/enums";

export const MRN_MAX = 32;
export const NAME_MAX = 100;
/** Earliest accepted birth date. */
export const MIN_BIRTH_DATE = "1900-01-01";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LATEST_OFFSET_MS = 14 * 60 * 60 * 1000;

/** True when `value` is a YYYY-MM-DD string naming a date that exists (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The latest calendar date (YYYY-MM-DD) that is "today" somewhere on earth at `now`. */
export function latestTodayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + LATEST_OFFSET_MS).toISOString().slice(0, 10);
}

/** A patient as created by a referrer. Unknown fields are refused. */
export const patientInputSchema = z.strictObject({
  mrn: z
    .string()
    .trim()
    .min(1, { message: "Required", abort: true })
    .max(MRN_MAX, `At most ${MRN_MAX} characters`)
    .regex(/^[A-Za-z0-9\-_/.]+$/, "Only letters, digits and - _ / . are allowed"),
  givenName: z.string().trim().min(1, "Required").max(NAME_MAX, `At most ${NAME_MAX} characters`),
  familyName: z.string().trim().min(1, "Required").max(NAME_MAX, `At most ${NAME_MAX} characters`),
  birthDate: z
    .string()
    .trim()
    .regex(DATE_RE, { message: "Use the format YYYY-MM-DD", abort: true })
    .refine(isCalendarDate, { message: "Not a real calendar date", abort: true })
    .refine((d) => d >= MIN_BIRTH_DATE, `Birth date must be on or after ${MIN_BIRTH_DATE}`)
    .refine((d) => d <= latestTodayIso(), "Birth date cannot be in the future"),
  sex: z.enum(SEXES),
  fitzpatrick: z.number().int("Fitzpatrick type is a whole number").min(1).max(6).optional(),
});

/** A validated patient input. */
export type PatientInput = z.output<typeof patientInputSchema>;
