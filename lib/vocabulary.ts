/**
 * The words DermRelay shows people for its codes — roles, case statuses, priorities, SLA states,
 * dispositions, photo views, sexes and the referral-history choices — written once. Screens, the
 * metrics service, the history summary and any e-mail or PDF read them here, so a clinician never
 * sees one code worded two ways. Plain data (no React): server and client components, workers and
 * `lib/` services all import it.
 *
 * Wording chosen where copies disagreed:
 * - a referrer is a "Referring clinician" (the person, not the "Clinic" they work at);
 * - `inflammatory` is an "Inflammatory condition" (a diagnosis is a noun phrase);
 * - `unknown` suspected diagnosis is "Uncertain" — the referrer is not sure, which is what the
 *   triage rule for older patients weighs ("uncertain diagnosis"), not that the lesion is unknown.
 */
import type { ABCDE_KEYS, ConsentBy, Evolution, RequestedUrgency, Suspected, SunExposure, SYMPTOM_KEYS } from "./cases/history";
import type { SubmissionState } from "./cases/submission-state";
import type { PacsSendStatus, PacsSendTrigger } from "./db/schema/dicom";
import type { WritebackHold } from "./db/schema/smart";
import { PRIORITIES, type CaseStatus, type Disposition, type MessageKind, type PhotoFlag, type PhotoView, type Priority, type Role, type Sex, type SlaState } from "./db/schema/enums";

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  referrer: "Referring clinician",
  specialist: "Dermatologist",
  admin: "Administrator",
};

/** One case's status ("Draft", "In queue"); list filters may pluralise ("Drafts"). */
export const STATUS_LABEL: Readonly<Record<CaseStatus, string>> = {
  draft: "Draft",
  submitted: "Submitted",
  triaged: "In queue",
  in_review: "In review",
  awaiting_info: "Awaiting information",
  answered: "Answered",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

/** A draft whose submission was requested by the clinic's record system (lib/cases/submit-when-ready.ts). */
export const SUBMISSION_STATE_NOTE: Readonly<Record<SubmissionState, string>> = {
  pending: "Sent from your record system: DermRelay submits this referral as soon as its photos are processed.",
  held: "Sent from your record system, but not submitted — it needs your attention.",
};

export const PRIORITY_LABEL: Readonly<Record<Priority, string>> = { urgent: "Urgent", soon: "Soon", routine: "Routine" };

/** Reports group a case submitted but not triaged yet (no priority) under `untriaged`, last. */
export const REPORT_PRIORITIES = [...PRIORITIES, "untriaged"] as const;
export type ReportPriority = (typeof REPORT_PRIORITIES)[number];
export const REPORT_PRIORITY_LABEL: Readonly<Record<ReportPriority, string>> = { ...PRIORITY_LABEL, untriaged: "Not triaged yet" };

export const SLA_STATE_LABEL: Readonly<Record<SlaState, string>> = { ok: "On track", at_risk: "At risk", breached: "Breached" };

export const DISPOSITION_LABEL: Readonly<Record<Disposition, string>> = {
  reassure: "Reassure",
  manage_in_primary_care: "Manage in primary care",
  routine_in_person: "Routine in-person appointment",
  urgent_in_person: "Urgent in-person appointment",
  biopsy_recommended: "Biopsy recommended",
};

export const VIEW_LABEL: Readonly<Record<PhotoView, string>> = { overview: "Overview", closeup: "Close-up", dermoscopy: "Dermoscopy" };

export const PHOTO_FLAG_LABEL: Readonly<Record<PhotoFlag, string>> = {
  blurry: "Blurry",
  underexposed: "Too dark",
  overexposed: "Too bright",
  low_resolution: "Low resolution",
};

/** The one state each photo card of the wizard shows (SPEC §16, components/cases/wizard/photo-state.ts). */
export const PHOTO_STATES = ["saved", "uploading", "processing", "ready", "attention"] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];
export const PHOTO_STATE_LABEL: Readonly<Record<PhotoState, string>> = {
  saved: "Saved on this device",
  uploading: "Uploading",
  processing: "Processing",
  ready: "Ready",
  attention: "Needs attention",
};

export const SEX_LABEL: Readonly<Record<Sex, string>> = { female: "Female", male: "Male", other: "Other", unknown: "Unknown" };

export const MESSAGE_KIND_LABEL: Readonly<Record<MessageKind, string>> = {
  info_request: "Request for information",
  info_response: "Answer",
  note: "Note",
};

export const SUSPECTED_LABEL: Readonly<Record<Suspected, string>> = {
  melanoma: "Melanoma",
  scc: "Squamous cell carcinoma",
  bcc: "Basal cell carcinoma",
  inflammatory: "Inflammatory condition",
  infection: "Infection",
  other: "Other",
  unknown: "Uncertain",
};

export const URGENCY_LABEL: Readonly<Record<RequestedUrgency, string>> = PRIORITY_LABEL;
export const EVOLUTION_LABEL: Readonly<Record<Evolution, string>> = { new: "New", changed: "Changed", stable: "Stable" };
export const SUN_LABEL: Readonly<Record<SunExposure, string>> = { low: "Low", moderate: "Moderate", high: "High" };
export const CONSENT_BY_LABEL: Readonly<Record<ConsentBy, string>> = { patient: "The patient", guardian: "A guardian" };
export const SYMPTOM_LABEL: Readonly<Record<(typeof SYMPTOM_KEYS)[number], string>> = {
  itch: "Itch",
  pain: "Pain",
  bleeding: "Bleeding",
  ulceration: "Ulceration",
  scaling: "Scaling",
};
export const ABCDE_LABEL: Readonly<Record<(typeof ABCDE_KEYS)[number], string>> = {
  asymmetry: "Asymmetry",
  border: "Irregular border",
  colour: "Colour variation",
  diameter: "Diameter over 6 mm",
  evolving: "Evolving",
};

/**
 * The word for `code` in `table`, or the code itself when the table has none (an old stored
 * value, or a code added before its word): never blank, never "undefined".
 */
export function labelOf<K extends string>(table: Readonly<Record<K, string>>, code: string | null | undefined): string {
  if (code == null) return "";
  return (table as Readonly<Record<string, string>>)[code] ?? code;
}

/** A send of a case's study to the PACS (lib/db/schema/dicom.ts). */
export const PACS_SEND_STATUS_LABEL: Readonly<Record<PacsSendStatus, string>> = { pending: "Pending", sent: "Sent", failed: "Failed" };
/** Why a send went out, as "Sent … to the PACS". */
export const PACS_SEND_TRIGGER_LABEL: Readonly<Record<PacsSendTrigger, string>> = { answered: "on reply", submitted: "on submission", manual: "by an administrator" };

/** Why a reply waits to be filed in the EHR until the case is opened from it, and what to do (SPEC §13). */
export const WRITEBACK_HOLD_LABEL: Readonly<Record<WritebackHold, string>> = {
  no_token: "DermRelay's access to the EHR has run out. Open this patient's chart in the EHR and launch DermRelay from it: the reply is then filed by itself.",
  retries_exhausted: "The EHR could not be reached after several tries. Open this patient's chart in the EHR and launch DermRelay from it to try again.",
  connection_inactive: "The EHR connection is switched off. Ask an administrator to switch it back on, then launch DermRelay from this patient's chart in the EHR.",
};
