/**
 * The history step's form state and its mapping to and from the API's `history` object
 * (lib/cases/history.ts holds the contract). Form values are strings and booleans as inputs
 * give them; `toDraftHistory` turns them into a draft the API accepts (blank text stays blank,
 * unanswered choices are left out), so a half-filled form can always be saved.
 */
import { ABCDE_KEYS, SYMPTOM_KEYS } from "@/lib/cases/history";

export type SymptomKey = (typeof SYMPTOM_KEYS)[number];
export type AbcdeKey = (typeof ABCDE_KEYS)[number];

export type HistoryForm = {
  referralQuestion: string;
  suspected: string;
  requestedUrgency: string;
  onset: string;
  evolution: string;
  bodySites: string[];
  multiple: boolean;
  sizeMm: string;
  symptoms: Record<SymptomKey, boolean>;
  abcde: Record<AbcdeKey, boolean>;
  priorTreatments: string;
  medications: string;
  allergies: string;
  immunosuppressed: boolean;
  pregnant: boolean;
  personalSkinCancer: boolean;
  familySkinCancer: boolean;
  sunExposure: string;
  consentGiven: boolean;
  consentBy: string;
  /** `<input type="datetime-local">` value in the browser's time zone. */
  consentAt: string;
};

export const BOOLEAN_FACTS = ["immunosuppressed", "pregnant", "personalSkinCancer", "familySkinCancer"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** A Date as a datetime-local value (local time, minutes). */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");
const bool = (v: unknown) => v === true;
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/** Form state from a stored (possibly partial) history; consent time defaults to now. */
export function formFromHistory(h: Record<string, unknown>, now = new Date()): HistoryForm {
  const symptoms = obj(h.symptoms);
  const abcde = obj(h.abcde);
  const consent = obj(h.consent);
  const at = typeof consent.at === "string" && !Number.isNaN(Date.parse(consent.at)) ? new Date(consent.at) : now;
  return {
    referralQuestion: str(h.referralQuestion),
    suspected: str(h.suspected),
    requestedUrgency: str(h.requestedUrgency),
    onset: str(h.onset),
    evolution: str(h.evolution),
    bodySites: Array.isArray(h.bodySites) ? h.bodySites.filter((c): c is string => typeof c === "string") : [],
    multiple: bool(h.multiple),
    sizeMm: typeof h.sizeMm === "number" ? String(h.sizeMm) : "",
    symptoms: Object.fromEntries(SYMPTOM_KEYS.map((k) => [k, bool(symptoms[k])])) as HistoryForm["symptoms"],
    abcde: Object.fromEntries(ABCDE_KEYS.map((k) => [k, bool(abcde[k])])) as HistoryForm["abcde"],
    priorTreatments: str(h.priorTreatments),
    medications: str(h.medications),
    allergies: str(h.allergies),
    immunosuppressed: bool(h.immunosuppressed),
    pregnant: bool(h.pregnant),
    personalSkinCancer: bool(h.personalSkinCancer),
    familySkinCancer: bool(h.familySkinCancer),
    sunExposure: str(h.sunExposure),
    consentGiven: bool(consent.given),
    consentBy: str(consent.by) || "patient",
    consentAt: toLocalInput(at),
  };
}

/** Problems the browser can see before asking the server (the server checks everything again). */
export function localErrors(f: HistoryForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.sizeMm.trim() && !Number.isFinite(Number(f.sizeMm))) errors.sizeMm = "Size must be a number of millimetres";
  if (f.consentAt && Number.isNaN(new Date(f.consentAt).getTime())) errors["consent.at"] = "Enter the date and time consent was given";
  return errors;
}

/** The draft `history` object for PATCH /api/v1/cases/{id}. */
export function toDraftHistory(f: HistoryForm): Record<string, unknown> {
  const h: Record<string, unknown> = {
    referralQuestion: f.referralQuestion,
    onset: f.onset,
    bodySites: f.bodySites,
    multiple: f.multiple,
    symptoms: { ...f.symptoms },
    abcde: { ...f.abcde },
    priorTreatments: f.priorTreatments,
    medications: f.medications,
    allergies: f.allergies,
    immunosuppressed: f.immunosuppressed,
    pregnant: f.pregnant,
    personalSkinCancer: f.personalSkinCancer,
    familySkinCancer: f.familySkinCancer,
  };
  // An emptied choice is sent as null, which clears the saved answer on the server.
  h.suspected = f.suspected || null;
  h.requestedUrgency = f.requestedUrgency || null;
  h.evolution = f.evolution || null;
  h.sunExposure = f.sunExposure || null;
  const size = Number(f.sizeMm);
  h.sizeMm = f.sizeMm.trim() && Number.isFinite(size) ? size : null;
  const consent: Record<string, unknown> = {};
  if (f.consentGiven) consent.given = true;
  if (f.consentBy) consent.by = f.consentBy;
  const at = new Date(f.consentAt);
  if (f.consentAt && !Number.isNaN(at.getTime())) consent.at = at.toISOString();
  h.consent = consent;
  return h;
}

/** Fold API field paths ("history.bodySites.0", "history.consent.by") to form error keys. */
export function historyErrorKey(path: string): string {
  const parts = path.replace(/^history\./, "").split(".");
  if (parts[0] === "consent" || parts[0] === "symptoms" || parts[0] === "abcde") return parts.slice(0, 2).join(".");
  return parts[0] ?? path;
}
