/**
 * Plain-English labels for the codes the clinic screens show (statuses, priorities, history
 * choices, photo views) and small formatting helpers, shared by the list, wizard and case page.
 */
import { STATUS_LABEL } from "@/components/layout/status-summary";
import type { BadgeTone } from "@/components/ui/badge";
import { bodySiteLabel } from "@/lib/codes/body-sites";
import type { CaseStatus } from "@/lib/db/schema/enums";

/** Singular status wording for one case ("Draft", not "Drafts"). */
export function statusLabel(status: string): string {
  if (status === "draft") return "Draft";
  return STATUS_LABEL[status as CaseStatus] ?? status;
}

export const STATUS_TONE: Record<string, BadgeTone> = {
  draft: "neutral",
  submitted: "info",
  triaged: "info",
  in_review: "brand",
  awaiting_info: "warning",
  answered: "success",
  closed: "neutral",
  withdrawn: "neutral",
};

export const PRIORITY_LABEL: Record<string, string> = { urgent: "Urgent", soon: "Soon", routine: "Routine" };
export const PRIORITY_TONE: Record<string, BadgeTone> = { urgent: "danger", soon: "warning", routine: "neutral" };

export const SUSPECTED_LABEL: Record<string, string> = {
  melanoma: "Melanoma",
  scc: "Squamous cell carcinoma",
  bcc: "Basal cell carcinoma",
  inflammatory: "Inflammatory condition",
  infection: "Infection",
  other: "Other",
  unknown: "Unsure",
};
export const URGENCY_LABEL: Record<string, string> = { routine: "Routine", soon: "Soon", urgent: "Urgent" };
export const EVOLUTION_LABEL: Record<string, string> = { new: "New", changed: "Changed", stable: "Stable" };
export const SUN_LABEL: Record<string, string> = { low: "Low", moderate: "Moderate", high: "High" };
export const CONSENT_BY_LABEL: Record<string, string> = { patient: "The patient", guardian: "A guardian" };
export const SYMPTOM_LABEL: Record<string, string> = { itch: "Itch", pain: "Pain", bleeding: "Bleeding", ulceration: "Ulceration", scaling: "Scaling" };
export const ABCDE_LABEL: Record<string, string> = {
  asymmetry: "Asymmetry",
  border: "Irregular border",
  colour: "Colour variation",
  diameter: "Diameter over 6 mm",
  evolving: "Evolving",
};
export const VIEW_LABEL: Record<string, string> = { overview: "Overview", closeup: "Close-up", dermoscopy: "Dermoscopy" };
export const SEX_LABEL: Record<string, string> = { female: "Female", male: "Male", other: "Other", unknown: "Unknown" };
export const ROLE_LABEL: Record<string, string> = { referrer: "Clinic", specialist: "Dermatologist", admin: "Administrator" };
export const DISPOSITION_LABEL: Record<string, string> = {
  reassure: "Reassure",
  manage_in_primary_care: "Manage in primary care",
  routine_in_person: "Routine in-person appointment",
  urgent_in_person: "Urgent in-person appointment",
  biopsy_recommended: "Biopsy recommended",
};

/** Label of a body-site code, falling back to the code itself. */
export function siteLabel(code: string): string {
  return bodySiteLabel(code) ?? code;
}

const DATE_FMT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME_FMT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

export function formatDate(iso: string): string {
  return DATE_FMT.format(new Date(iso));
}
export function formatDateTime(iso: string): string {
  return DATE_TIME_FMT.format(new Date(iso));
}

/** "Smith, Jane" — how clinic lists name a patient. */
export function patientName(p: { givenName: string; familyName: string }): string {
  return `${p.familyName}, ${p.givenName}`;
}
