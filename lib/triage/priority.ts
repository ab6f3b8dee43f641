/**
 * Triage priority (SPEC §5): deterministic rules over the referral history that give a priority,
 * a score to compare cases within a priority, and the reasons shown to the specialist. No model,
 * no randomness, no clock other than the `at` passed in, so a stored result can be re-derived.
 *
 * Red flags (each alone gives `urgent`, weight 100):
 * - suspected melanoma; suspected squamous cell carcinoma;
 * - a pigmented lesion that has changed;
 * - bleeding or ulceration. The history has no trauma field: the form asks referrers not to tick
 *   bleeding for bleeding caused by injury, so a ticked box is taken as non-traumatic;
 * - a new pigmented lesion at age ≥ 50 (age on the UTC date of `at`);
 * - a new or changing lesion in an immunosuppressed patient;
 * - three or more ABCDE features.
 * Lesser flags (give `soon` when no red flag): the referrer asked for `urgent` (30) or `soon` (20);
 * suspected basal cell carcinoma (20); two ABCDE features (20); personal history of skin cancer
 * (20); family history of skin cancer with a pigmented lesion (15); a changed lesion not already
 * counted by a red flag (15); pain (10); uncertain diagnosis (`suspected: unknown`) at age ≥ 50 (10).
 * Anything else is `routine`. All matching rules are reported; score = sum of weights.
 *
 * Interpretations, because the history has no explicit field for them:
 * - "Pigmented": ABCDE colour, asymmetry or border is ticked (those describe pigment pattern),
 *   or melanoma is suspected.
 * - "Changed" (in size, shape or colour; "growing"): `evolution` is `changed`, or ABCDE
 *   "evolving" is ticked — the two answer the same question and either is enough.
 */
import { PRIORITIES, type Priority } from "@/lib/db/schema/enums";
import type { History } from "@/lib/cases/history";
import { ABCDE_KEYS } from "@/lib/cases/history";
import { ageInYears } from "./age";

/** Bump when a rule or weight changes, and store it next to the result. */
export const TRIAGE_RULES_VERSION = 1;

export const TRIAGE_LEVELS = ["red_flag", "minor"] as const;
export type TriageLevel = (typeof TRIAGE_LEVELS)[number];

/** One rule that fired, as stored on the case and shown in the queue. */
export interface TriageReason {
  /** Stable machine code, e.g. "suspected_melanoma". */
  code: string;
  /** Plain-language explanation for the specialist. */
  label: string;
  weight: number;
  level: TriageLevel;
}

export interface TriageInput {
  history: History;
  /** Patient birth date, YYYY-MM-DD. */
  patientBirthDate: string;
  /** The instant triage is computed for (age is taken on this date). */
  at: Date;
}

export interface TriageResult {
  priority: Priority;
  score: number;
  /** Highest weight first; equal weights keep rule order. */
  reasons: TriageReason[];
}

export const RED_FLAG_WEIGHT = 100;
/** Age from which new pigmented lesions and uncertain diagnoses raise priority. */
export const OLDER_PATIENT_AGE = 50;

const ABCDE_LABELS: Record<(typeof ABCDE_KEYS)[number], string> = {
  asymmetry: "asymmetry",
  border: "border",
  colour: "colour",
  diameter: "diameter",
  evolving: "evolving",
};

/** The lesion shows pigment-pattern features or melanoma is suspected (see header). */
export function isPigmented(history: History): boolean {
  const { abcde } = history;
  return abcde.colour || abcde.asymmetry || abcde.border || history.suspected === "melanoma";
}

/** The lesion is reported as changed or evolving (see header). */
export function isChanging(history: History): boolean {
  return history.evolution === "changed" || history.abcde.evolving;
}

/**
 * Compute priority, score and reasons for a referral history. Pure and deterministic.
 */
export function computeTriage(input: TriageInput): TriageResult {
  const { history } = input;
  const age = ageInYears(input.patientBirthDate, input.at);
  const pigmented = isPigmented(history);
  const changing = isChanging(history);
  const isNew = history.evolution === "new";
  const abcde = ABCDE_KEYS.filter((k) => history.abcde[k]);
  const abcdeList = abcde.map((k) => ABCDE_LABELS[k]).join(", ");

  const reasons: TriageReason[] = [];
  const red = (code: string, label: string) =>
    reasons.push({ code, label, weight: RED_FLAG_WEIGHT, level: "red_flag" });
  const minor = (code: string, label: string, weight: number) =>
    reasons.push({ code, label, weight, level: "minor" });

  // Red flags
  if (history.suspected === "melanoma") red("suspected_melanoma", "Suspected melanoma");
  if (history.suspected === "scc") red("suspected_scc", "Suspected squamous cell carcinoma");
  const pigmentedChanged = pigmented && changing;
  if (pigmentedChanged) red("pigmented_lesion_changed", "Pigmented lesion changed in size, shape or colour");
  const { bleeding, ulceration } = history.symptoms;
  if (bleeding || ulceration) {
    const what = bleeding && ulceration ? "Bleeding and ulcerated" : bleeding ? "Bleeding" : "Ulcerated";
    red("bleeding_or_ulceration", `${what} lesion`);
  }
  if (pigmented && isNew && age >= OLDER_PATIENT_AGE) {
    red("new_pigmented_lesion_age_50", `New pigmented lesion at age ${age}`);
  }
  const immunoGrowing = history.immunosuppressed && (isNew || changing);
  if (immunoGrowing) {
    red("immunosuppressed_new_or_growing", `${isNew ? "New" : "Changing"} lesion in an immunosuppressed patient`);
  }
  if (abcde.length >= 3) red("abcde_3_or_more", `${abcde.length} ABCDE features (${abcdeList})`);

  // Lesser flags
  if (history.requestedUrgency === "urgent") minor("referrer_requested_urgent", "Referrer requested urgent review", 30);
  if (history.requestedUrgency === "soon") minor("referrer_requested_soon", "Referrer requested review soon", 20);
  if (history.suspected === "bcc") minor("suspected_bcc", "Suspected basal cell carcinoma", 20);
  if (abcde.length === 2) minor("abcde_2", `2 ABCDE features (${abcdeList})`, 20);
  if (history.personalSkinCancer) minor("personal_skin_cancer", "Personal history of skin cancer", 20);
  if (history.familySkinCancer && pigmented) {
    minor("family_skin_cancer_pigmented", "Family history of skin cancer and a pigmented lesion", 15);
  }
  if (changing && !pigmentedChanged && !immunoGrowing) minor("lesion_changed", "Lesion has changed", 15);
  if (history.symptoms.pain) minor("pain", "Painful lesion", 10);
  if (history.suspected === "unknown" && age >= OLDER_PATIENT_AGE) {
    minor("uncertain_diagnosis_age_50", `Uncertain diagnosis at age ${age}`, 10);
  }

  reasons.sort((a, b) => b.weight - a.weight);
  const score = reasons.reduce((sum, r) => sum + r.weight, 0);
  const priority: Priority = reasons.some((r) => r.level === "red_flag")
    ? "urgent"
    : reasons.length > 0
      ? "soon"
      : "routine";
  return { priority, score, reasons };
}

/** Queue rank of a priority: urgent 0, soon 1, routine 2 (lower is served first). */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
