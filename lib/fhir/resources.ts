/**
 * Every FHIR resource a case graph yields, and the Bundle shapes the endpoint returns. Pure
 * functions over loaded rows: no I/O, no authorization.
 */
import type { Bundle, BundleEntry, BundleLink, FhirResource, OperationOutcome, Resource } from "fhir/r4";
import type { CaseGraph, UserRowF } from "./graph";
import { fhirBase } from "./codes";
import { toBodyStructure } from "./map/body-structure";
import { toServiceRequest, toTask } from "./map/case";
import { toCommunication } from "./map/communication";
import { toMedia } from "./map/media";
import { toPatient } from "./map/patient";
import { toOrganization, toPractitioner, toPractitionerRole } from "./map/people";
import { toQuestionnaireResponse } from "./map/questionnaire";
import { toConsent, toDiagnosticReport } from "./map/report";

/** Case-derived resource types, each with the resources one graph gives. */
export const CASE_RESOURCES = {
  ServiceRequest: (g: CaseGraph) => [toServiceRequest(g)],
  Task: (g: CaseGraph) => [toTask(g)],
  QuestionnaireResponse: (g: CaseGraph) => [toQuestionnaireResponse(g)],
  Consent: (g: CaseGraph) => [toConsent(g)].filter((r) => r !== null),
  DiagnosticReport: (g: CaseGraph) => [toDiagnosticReport(g)].filter((r) => r !== null),
  Media: (g: CaseGraph) => g.photos.map((p) => toMedia(g, p)),
  Communication: (g: CaseGraph) => g.messages.filter((m) => m.kind !== "note").map((m) => toCommunication(g, m)),
  BodyStructure: (g: CaseGraph) => g.lesions.map(toBodyStructure),
} satisfies Record<string, (g: CaseGraph) => FhirResource[]>;

export type CaseResourceType = keyof typeof CASE_RESOURCES;

/** Everything of one case: the case's own resources plus patient, clinic and the people named. */
export function resourcesOfCase(g: CaseGraph, people: UserRowF[]): FhirResource[] {
  const own = (Object.keys(CASE_RESOURCES) as CaseResourceType[]).flatMap((t): FhirResource[] => CASE_RESOURCES[t](g));
  return [toPatient(g.patient), toOrganization(g.clinic), ...own, ...people.flatMap((u) => [toPractitioner(u), toPractitionerRole(u)])];
}

export const fullUrl = (r: Resource) => `${fhirBase()}/${r.resourceType}/${r.id}`;

/**
 * The OperationOutcome entry (search.mode = outcome, FHIR R4 §3.1.1.4.5) telling a scope-limited
 * caller which resource types were left out because its token may not read them.
 */
export function omittedOutcome(types: string[]): OperationOutcome | undefined {
  if (!types.length) return undefined;
  return {
    resourceType: "OperationOutcome",
    issue: [{ severity: "warning", code: "suppressed", diagnostics: `Not returned: the access token's scopes do not allow reading ${types.join(", ")}` }],
  };
}

/** A searchset Bundle: `matches` first, then `included` (deduplicated by type and id), then `outcome`. */
export function searchBundle(matches: FhirResource[], included: FhirResource[], links: BundleLink[], total?: number, outcome?: OperationOutcome): Bundle {
  const seen = new Set<string>();
  const entry: BundleEntry[] = [];
  const add = (r: FhirResource, mode: "match" | "include") => {
    const key = `${r.resourceType}/${r.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    entry.push({ fullUrl: fullUrl(r), resource: r, search: { mode } });
  };
  matches.forEach((r) => add(r, "match"));
  included.forEach((r) => add(r, "include"));
  if (outcome) entry.push({ resource: outcome, search: { mode: "outcome" } });
  return {
    resourceType: "Bundle",
    type: "searchset",
    ...(total !== undefined ? { total } : {}),
    link: links,
    entry,
  };
}
