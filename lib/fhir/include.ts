/**
 * `_include` and `_revinclude` (SPEC §12) for the references of the mapping table. Everything
 * included hangs off cases the search already selected under the caller's scope, so an include
 * can never reach into another clinic; practitioners are looked up by the ids those cases name.
 * A scope-limited caller (SMART, §13) gets included resources only of the types its token may
 * read: the others are left out and named in `omitted` (the search adds an OperationOutcome).
 */
import type { FhirResource } from "fhir/r4";
import { and, inArray, ne, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import { caseListScope } from "../auth/policies";
import { readFilter } from "./auth";
import { loadCaseGraphs, loadUsers, type CaseGraph } from "./graph";
import type { FhirContext } from "./http";
import { toServiceRequest, toTask } from "./map/case";
import { taskOwnerId } from "./task-owner";
import { toPatient } from "./map/patient";
import { toPractitioner } from "./map/people";
import { CASE_RESOURCES } from "./resources";
import type { ParsedSearch } from "./search-params";

type Hit = { id: string; caseId: string | null };

/** What the includes returned: the resources, the cases and patients they came from, and the types left out for scope. */
export type Included = { resources: FhirResource[]; caseIds: string[]; patientIds: string[]; omitted: string[] };

export async function resolveIncludes(db: Db, ctx: FhirContext, s: ParsedSearch, page: Hit[], graphs: Map<string, CaseGraph>): Promise<Included> {
  const out: FhirResource[] = [];
  const caseIds = new Set<string>();
  const patientIds = new Set<string>();
  const scope = readFilter(ctx.scopes);
  /** Add what the caller may read of `resources` (all from case `g`), and remember the case it came from. */
  const emit = (g: CaseGraph | null, resources: FhirResource[]) => {
    const kept = resources.filter(scope.keep);
    out.push(...kept);
    if (g && kept.length) {
      caseIds.add(g.case.id);
      patientIds.add(g.patient.id);
    }
  };
  const all = [...graphs.values()];
  const practitionerIds: string[] = [];
  for (const inc of s.include) {
    const target = inc.split(":")[1];
    for (const g of all) {
      if (target === "patient" || target === "subject") emit(g, [toPatient(g.patient)]);
      else if (target === "focus" || target === "based-on") emit(g, [toServiceRequest(g)]);
      else if (target === "media") emit(g, CASE_RESOURCES.Media(g).filter((m) => m.status === "completed"));
      else if (target === "owner") practitionerIds.push(...[taskOwnerId(g)].filter((x): x is string => x !== null));
      else if (target === "requester") practitionerIds.push(g.case.createdBy);
      else if (target === "performer" && g.consultation) practitionerIds.push(g.consultation.specialistId);
    }
  }
  if (practitionerIds.length) {
    if (scope.mayRead("Practitioner")) emit(null, (await loadUsers(db, practitionerIds)).map(toPractitioner));
  }
  for (const rev of s.revinclude) {
    const source = rev.split(":")[0]!;
    if (!scope.mayRead(source)) continue;
    let targets = all;
    if (s.type === "Patient") {
      // ServiceRequest:patient — the visible cases of the patients on this page.
      const visible = caseListScope(ctx.actor);
      const ids = page.map((h) => h.id);
      const rows = visible && ids.length
        ? await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.patientId, ids), "clinicId" in visible ? eq(cases.clinicId, visible.clinicId) : ne(cases.status, "draft")))
        : [];
      targets = await loadCaseGraphs(db, rows.map((r) => r.id));
    }
    for (const g of targets) {
      if (source === "ServiceRequest") emit(g, [toServiceRequest(g)]);
      else if (source === "Task") emit(g, [toTask(g)]);
      else if (source === "DiagnosticReport") emit(g, CASE_RESOURCES.DiagnosticReport(g));
      else if (source === "Media") emit(g, CASE_RESOURCES.Media(g));
      else if (source === "Communication") emit(g, CASE_RESOURCES.Communication(g));
      else if (source === "QuestionnaireResponse") emit(g, CASE_RESOURCES.QuestionnaireResponse(g));
    }
  }
  return { resources: out, caseIds: [...caseIds], patientIds: [...patientIds], omitted: scope.omitted() };
}
