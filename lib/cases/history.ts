/**
 * The referral history (SPEC §3): one zod definition of every field a referrer fills in, used by
 * the API, the wizard form, the draft autosave and the submit check. The field names are the
 * public contract; unknown fields are refused at every level so a typo ("bodysites") fails loudly
 * instead of silently dropping clinical information.
 *
 * Two schemas share the same leaf validators:
 * - `historySchema`: complete, applied at submit (booleans default to false).
 * - `historyDraftSchema`: every field optional, no defaults applied, blank text allowed, so a
 *   draft can be saved half-filled; present fields are still type-checked.
 * `missingForSubmit` runs `historySchema` over a draft so "what is missing" has one source of truth.
 */
import { z } from "zod";
import { isBodySiteCode } from "@/lib/codes/body-sites";

/** What the referrer suspects. */
export const SUSPECTED = ["melanoma", "scc", "bcc", "inflammatory", "infection", "other", "unknown"] as const;
export type Suspected = (typeof SUSPECTED)[number];

/** The urgency the referrer asks for (an input to triage, not the triaged priority). */
export const REQUESTED_URGENCIES = ["routine", "soon", "urgent"] as const;
export type RequestedUrgency = (typeof REQUESTED_URGENCIES)[number];

/** Course of the lesion as reported by the referrer. */
export const EVOLUTIONS = ["new", "changed", "stable"] as const;
export type Evolution = (typeof EVOLUTIONS)[number];

export const SUN_EXPOSURES = ["low", "moderate", "high"] as const;
export type SunExposure = (typeof SUN_EXPOSURES)[number];

/** Who gave consent: the patient, or a guardian for a minor or a patient without capacity. */
export const CONSENT_BY = ["patient", "guardian"] as const;
export type ConsentBy = (typeof CONSENT_BY)[number];

export const SYMPTOM_KEYS = ["itch", "pain", "bleeding", "ulceration", "scaling"] as const;
export const ABCDE_KEYS = ["asymmetry", "border", "colour", "diameter", "evolving"] as const;

/** Longest accepted referral question and other free-text answers, in characters. */
export const REFERRAL_QUESTION_MAX = 2000;
export const TEXT_MAX = 500;
export const ONSET_MAX = 100;
export const BODY_SITES_MAX = 10;
export const SIZE_MM_MAX = 500;

// ---- leaf validators shared by both schemas ----

/** Error option: "Required" when the field is absent, `invalid` when it has the wrong type/value. */
const requiredOr = (invalid: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "Required" : invalid),
});

const requiredText = (max: number) =>
  z.string(requiredOr("Must be text")).trim().min(1, "Required").max(max, `At most ${max} characters`);
/** Draft text may be blank (an untouched form field); submit treats blank as missing. */
const draftText = (max: number) => z.string("Must be text").trim().max(max, `At most ${max} characters`);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, requiredOr(`Must be one of: ${values.join(", ")}`));

const bodySiteCode = z
  .string("Must be a SNOMED CT code")
  .trim()
  .refine(isBodySiteCode, { message: "Unknown body site: choose a code from GET /api/v1/body-sites" });
const bodySiteList = z
  .array(bodySiteCode, requiredOr("Must be a list of body-site codes"))
  .max(BODY_SITES_MAX, `At most ${BODY_SITES_MAX} body sites`)
  .refine((codes) => new Set(codes).size === codes.length, { message: "Each body site may be listed once" });

const sizeMm = z
  .number("Size must be a number of millimetres")
  .positive("Size must be greater than 0 mm")
  .max(SIZE_MM_MAX, `Size must be at most ${SIZE_MM_MAX} mm`);

const consentGiven = z.literal(true, { message: "Consent must be given before the referral is sent" });
const consentAt = z.iso.datetime({ offset: true, message: "Consent time must be an ISO 8601 date-time" });

const flag = z.boolean("Must be true or false");
const flagOff = flag.default(false);

// ---- complete history (submit) ----

const symptomsSchema = z.strictObject({
  itch: flagOff,
  pain: flagOff,
  bleeding: flagOff,
  ulceration: flagOff,
  scaling: flagOff,
});
const abcdeSchema = z.strictObject({
  asymmetry: flagOff,
  border: flagOff,
  colour: flagOff,
  diameter: flagOff,
  evolving: flagOff,
});
const NO_SYMPTOMS = { itch: false, pain: false, bleeding: false, ulceration: false, scaling: false };
const NO_ABCDE = { asymmetry: false, border: false, colour: false, diameter: false, evolving: false };

/** The complete referral history, as required at submit. */
export const historySchema = z.strictObject({
  referralQuestion: requiredText(REFERRAL_QUESTION_MAX),
  suspected: choice(SUSPECTED),
  requestedUrgency: choice(REQUESTED_URGENCIES),
  onset: requiredText(ONSET_MAX),
  evolution: choice(EVOLUTIONS),
  bodySites: bodySiteList.min(1, "Choose at least one body site"),
  multiple: flagOff,
  sizeMm: sizeMm.optional(),
  symptoms: symptomsSchema.default(NO_SYMPTOMS),
  abcde: abcdeSchema.default(NO_ABCDE),
  priorTreatments: requiredText(TEXT_MAX),
  medications: requiredText(TEXT_MAX),
  allergies: requiredText(TEXT_MAX),
  immunosuppressed: flagOff,
  pregnant: flagOff,
  personalSkinCancer: flagOff,
  familySkinCancer: flagOff,
  sunExposure: choice(SUN_EXPOSURES).optional(),
  consent: z.strictObject(
    {
      given: consentGiven,
      by: choice(CONSENT_BY),
      at: consentAt,
    },
    requiredOr("Must be an object {given, by, at}"),
  ),
});

// ---- draft history (autosave) ----

/** A partly filled history, as saved on a draft case. Unknown fields are still refused. */
export const historyDraftSchema = z.strictObject({
  referralQuestion: draftText(REFERRAL_QUESTION_MAX).optional(),
  suspected: choice(SUSPECTED).optional(),
  requestedUrgency: choice(REQUESTED_URGENCIES).optional(),
  onset: draftText(ONSET_MAX).optional(),
  evolution: choice(EVOLUTIONS).optional(),
  bodySites: bodySiteList.optional(),
  multiple: flag.optional(),
  sizeMm: sizeMm.optional(),
  symptoms: z
    .strictObject({
      itch: flag.optional(),
      pain: flag.optional(),
      bleeding: flag.optional(),
      ulceration: flag.optional(),
      scaling: flag.optional(),
    })
    .optional(),
  abcde: z
    .strictObject({
      asymmetry: flag.optional(),
      border: flag.optional(),
      colour: flag.optional(),
      diameter: flag.optional(),
      evolving: flag.optional(),
    })
    .optional(),
  priorTreatments: draftText(TEXT_MAX).optional(),
  medications: draftText(TEXT_MAX).optional(),
  allergies: draftText(TEXT_MAX).optional(),
  immunosuppressed: flag.optional(),
  pregnant: flag.optional(),
  personalSkinCancer: flag.optional(),
  familySkinCancer: flag.optional(),
  sunExposure: choice(SUN_EXPOSURES).optional(),
  consent: z
    .strictObject({
      given: consentGiven.optional(),
      by: choice(CONSENT_BY).optional(),
      at: consentAt.optional(),
    })
    .optional(),
});

/** A complete, validated history (booleans and nested objects filled with their defaults). */
export type History = z.output<typeof historySchema>;
/** What a client may send for a complete history (defaulted fields may be omitted). */
export type HistoryInput = z.input<typeof historySchema>;
/** A validated draft history: any subset of the fields. */
export type HistoryDraft = z.output<typeof historyDraftSchema>;

/**
 * Dotted paths ("history.referralQuestion", "history.consent.by") of the fields that are missing
 * or invalid for submit, in form order, each once. Array positions are folded into the array's
 * path ("history.bodySites"). Empty when the draft would pass {@link historySchema}.
 */
export function missingForSubmit(draft: HistoryDraft): string[] {
  const result = historySchema.safeParse(draft);
  if (result.success) return [];
  const paths = new Set<string>();
  for (const issue of result.error.issues) {
    const segments = issue.path.filter((p): p is string => typeof p === "string");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) paths.add(["history", ...segments, key].join("."));
    } else {
      paths.add(["history", ...segments].join("."));
    }
  }
  return [...paths];
}
