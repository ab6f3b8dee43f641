/**
 * A case as FHIR ServiceRequest (the referral; id = case id) and Task (the workflow; id = case
 * id, focus → the ServiceRequest). Status and priority follow SPEC §12 exactly; before triage the
 * ServiceRequest's priority is the urgency the referrer asked for.
 */
import type { ServiceRequest, Task } from "fhir/r4";
import { bodySiteLabel } from "../../codes/body-sites";
import type { Priority } from "../../db/schema/enums";
import type { CaseGraph } from "../graph";
import { CASE_ID_SYSTEM, caseFhirStatus, drSystem, PRIORITY_MAP, SNOMED } from "../codes";
import { submissionState } from "../../cases/submission-state";
import { taskOwnerId } from "../task-owner";
import { concept, metaOf, ref } from "./refs";

type HistoryShape = { referralQuestion?: string; bodySites?: string[]; requestedUrgency?: Priority; suspected?: string };

const STATUS_LABEL: Record<string, string> = {
  draft: "Draft",
  submitted: "Submitted",
  triaged: "Triaged",
  in_review: "In review",
  awaiting_info: "Awaiting information",
  answered: "Answered",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

/** Why the Task is on hold: information requested, or a requested submission stopped (its reason). */
function statusReason(c: CaseGraph["case"]): string | null {
  if (c.status === "awaiting_info") return "The dermatologist requested more information from the clinic";
  return submissionState(c) === "held" ? c.submitHeldReason : null;
}

/** Readable text of a draft whose submission was requested. */
function businessText(c: CaseGraph["case"]): string | undefined {
  const state = submissionState(c);
  if (state === "pending") return "Draft: submitted automatically once its photos are processed";
  return state === "held" ? "Draft: the requested submission is on hold until the clinic acts" : undefined;
}

export function caseIdentifiers(g: CaseGraph) {
  return [{ system: CASE_ID_SYSTEM, value: g.case.id }, ...g.identifiers.map((i) => ({ system: i.system, value: i.value }))];
}

export function toServiceRequest(g: CaseGraph): ServiceRequest {
  const c = g.case;
  const h = c.history as HistoryShape;
  const priority = c.priority ?? h.requestedUrgency;
  const hasHistory = Object.keys(c.history).length > 0;
  return {
    resourceType: "ServiceRequest",
    id: c.id,
    meta: metaOf(c.updatedAt),
    identifier: caseIdentifiers(g),
    status: caseFhirStatus(c).serviceRequest,
    intent: "order",
    category: [concept(SNOMED, "394582007", "Dermatology")],
    ...(priority ? { priority: PRIORITY_MAP[priority] } : {}),
    code: concept(SNOMED, "3457005", "Patient referral", "Teledermatology referral"),
    subject: ref("Patient", g.patient.id),
    authoredOn: c.createdAt.toISOString(),
    requester: ref("Practitioner", c.createdBy),
    performerType: concept(SNOMED, "18803008", "Dermatologist"),
    ...(h.suspected ? { reasonCode: [concept(drSystem("suspected"), h.suspected)] } : {}),
    ...(hasHistory ? { supportingInfo: [ref("QuestionnaireResponse", c.id), ...(g.case.history.consent ? [ref("Consent", c.id)] : [])] } : {}),
    ...(h.bodySites?.length ? { bodySite: h.bodySites.map((code) => concept(SNOMED, code, bodySiteLabel(code))) } : {}),
    ...(h.referralQuestion ? { note: [{ text: h.referralQuestion }] } : {}),
  };
}

export function toTask(g: CaseGraph): Task {
  const c = g.case;
  const owner = taskOwnerId(g);
  return {
    resourceType: "Task",
    id: c.id,
    meta: metaOf(c.updatedAt),
    identifier: [{ system: CASE_ID_SYSTEM, value: c.id }],
    basedOn: [ref("ServiceRequest", c.id)],
    status: caseFhirStatus(c).task,
    ...(statusReason(c) ? { statusReason: { text: statusReason(c)! } } : {}),
    businessStatus: concept(drSystem("case-status"), c.status, STATUS_LABEL[c.status], businessText(c)),
    intent: "order",
    ...(c.priority ? { priority: PRIORITY_MAP[c.priority] } : {}),
    code: concept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
    focus: ref("ServiceRequest", c.id),
    for: ref("Patient", g.patient.id),
    authoredOn: c.createdAt.toISOString(),
    lastModified: c.updatedAt.toISOString(),
    requester: ref("Organization", c.clinicId),
    ...(owner ? { owner: ref("Practitioner", owner) } : {}),
    ...(c.slaDueAt ? { restriction: { period: { end: c.slaDueAt.toISOString() } } } : {}),
  };
}
