/**
 * Where each submit requirement lives in the wizard: a readable name, the step that holds it and
 * the id of the control to focus, so a 422 from submit becomes a list of links back to the fields.
 */
export type StepId = "patient" | "history" | "photos" | "review";

const HISTORY_FIELDS: Record<string, string> = {
  referralQuestion: "Referral question",
  suspected: "Suspected diagnosis",
  requestedUrgency: "Requested urgency",
  onset: "Onset",
  evolution: "Evolution",
  bodySites: "Body sites",
  multiple: "Multiple lesions",
  sizeMm: "Size",
  symptoms: "Symptoms",
  abcde: "ABCDE features",
  priorTreatments: "Prior treatments",
  medications: "Medications",
  allergies: "Allergies",
  immunosuppressed: "Immunosuppressed",
  pregnant: "Pregnant",
  personalSkinCancer: "Personal history of skin cancer",
  familySkinCancer: "Family history of skin cancer",
  sunExposure: "Sun exposure",
  consent: "Consent",
  "consent.given": "Consent given",
  "consent.by": "Consent given by",
  "consent.at": "Consent date and time",
};

/** The DOM id of the control for a history error key ("consent.by" → "f-consent-by"). */
export const fieldDomId = (key: string) => `f-${key.replace(/\./g, "-")}`;

export type Requirement = { path: string; label: string; step: StepId; targetId: string; message: string };

/** Describe one field path from the API's error `fields`. */
export function describeField(path: string, message: string): Requirement {
  if (path === "photos" || path.startsWith("photos.")) return { path, label: "Photos", step: "photos", targetId: "f-photos", message };
  if (path === "patientId") return { path, label: "Patient", step: "patient", targetId: "f-patient", message };
  const key = path.replace(/^history\./, "");
  const short = key.startsWith("consent") ? (key === "consent" ? "consent.given" : key.split(".").slice(0, 2).join(".")) : key.split(".")[0]!;
  return {
    path,
    label: HISTORY_FIELDS[short] ?? HISTORY_FIELDS[key] ?? key,
    step: "history",
    targetId: fieldDomId(short),
    message,
  };
}
