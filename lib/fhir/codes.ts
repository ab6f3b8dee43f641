/**
 * The FHIR vocabulary of DermRelay in one place: code systems, identifier systems, and the
 * status and priority mappings of SPEC §12 (exactly as written there), both ways.
 */
import type { CaseStatus, Priority } from "../db/schema/enums";
import { env } from "../env";
import { SUBMISSION_STATES, submissionState, type SubmissionState } from "../cases/submission-state";

/** Base URL of the FHIR endpoint, for fullUrl, canonical URLs and links. */
export const fhirBase = (): string => `${env.APP_URL}/fhir/R4`;

export const SNOMED = "http://snomed.info/sct";
export const LOINC = "http://loinc.org";
export const ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
export const V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
export const MEDIA_TYPE = "http://terminology.hl7.org/CodeSystem/media-type";
export const CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
export const V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

/** DermRelay's own code systems (deployment-independent URNs). */
export const drSystem = (name: "case-status" | "photo-view" | "suspected" | "requested-urgency" | "disposition" | "answer") =>
  `urn:dermrelay:fhir:CodeSystem:${name}`;
/** The identifier system of DermRelay case ids. */
export const CASE_ID_SYSTEM = "urn:dermrelay:case";
/** The MRN identifier system of one clinic (SPEC §12: "system = the clinic's identifier system"). */
export const mrnSystem = (clinicId: string) => `urn:dermrelay:clinic:${clinicId}:mrn`;
/** The MRN system a clinic's Patients carry: the one its admin set (clinics.mrn_system), else DermRelay's URN. */
export const clinicMrnSystem = (clinicId: string, configured: string | null) => configured ?? mrnSystem(clinicId);

export const QUESTIONNAIRE_ID = "dermrelay-referral";
export const questionnaireUrl = () => `${fhirBase()}/Questionnaire/${QUESTIONNAIRE_ID}`;

export type TaskStatus = "draft" | "requested" | "received" | "in-progress" | "on-hold" | "completed" | "cancelled";
export type ServiceRequestStatus = "draft" | "active" | "completed" | "revoked";

/** SPEC §12: DermRelay status → [Task.status, ServiceRequest.status]. */
export const STATUS_MAP: Record<CaseStatus, { task: TaskStatus; serviceRequest: ServiceRequestStatus }> = {
  draft: { task: "draft", serviceRequest: "draft" },
  submitted: { task: "requested", serviceRequest: "active" },
  triaged: { task: "received", serviceRequest: "active" },
  in_review: { task: "in-progress", serviceRequest: "active" },
  awaiting_info: { task: "on-hold", serviceRequest: "active" },
  answered: { task: "completed", serviceRequest: "completed" },
  closed: { task: "completed", serviceRequest: "completed" },
  withdrawn: { task: "cancelled", serviceRequest: "revoked" },
};

/** The DermRelay statuses that show as `status` of `kind` (without a requested submission). */
export function caseStatusesFor(kind: "task" | "serviceRequest", fhirStatus: string): CaseStatus[] {
  return (Object.keys(STATUS_MAP) as CaseStatus[]).filter((s) => STATUS_MAP[s][kind] === fhirStatus);
}

/**
 * A draft whose submission was requested (lib/cases/submit-when-ready.ts), e.g. an EHR's `active`
 * referral whose photos are still being processed. The request stands as the placer sent it, so
 * the ServiceRequest stays `active` (FHIR workflow: the request's status is its author's; the
 * filler reports progress on the Task). The Task is `requested` — action is sought, no performer
 * has it yet — while waiting, and `on-hold` (with a statusReason) when it stopped and the clinic
 * must act. `businessStatus` stays the DermRelay status, `draft`, until it is submitted.
 */
export const SUBMISSION_MAP: Record<SubmissionState, { task: TaskStatus; serviceRequest: ServiceRequestStatus }> = {
  pending: { task: "requested", serviceRequest: "active" },
  held: { task: "on-hold", serviceRequest: "active" },
};

/** A case's Task and ServiceRequest statuses: SPEC §12's map, or the submission state's for a draft that has one. */
export function caseFhirStatus(c: Parameters<typeof submissionState>[0] & { status: CaseStatus }) {
  const state = submissionState(c);
  return state ? SUBMISSION_MAP[state] : STATUS_MAP[c.status];
}

/** Every (case status, submission state) whose `kind` status is `fhirStatus` (for searches). */
export function caseViewsFor(kind: "task" | "serviceRequest", fhirStatus: string): { status: CaseStatus; submission: SubmissionState | null }[] {
  return [
    ...caseStatusesFor(kind, fhirStatus).map((status) => ({ status, submission: null })),
    ...SUBMISSION_STATES.filter((s) => SUBMISSION_MAP[s][kind] === fhirStatus).map((submission) => ({ status: "draft" as const, submission })),
  ];
}

export type RequestPriority = "routine" | "urgent" | "asap" | "stat";

/** SPEC §12: routine → routine, soon → urgent, urgent → asap. */
export const PRIORITY_MAP: Record<Priority, RequestPriority> = { routine: "routine", soon: "urgent", urgent: "asap" };

/** The requested urgency a FHIR priority asks for (stat is the most urgent there is). */
export function urgencyFromPriority(p: RequestPriority): Priority {
  return p === "routine" ? "routine" : p === "urgent" ? "soon" : "urgent";
}
