/**
 * `_include` and `_revinclude` (SPEC §12) for the references of the mapping table. Everything
 * included hangs off cases the search already selected under the caller's scope, so an include
 * can never reach into another clinic; practitioners are looked up by the ids those cases name.
 */
import type { FhirResource } from "fhir/r4";
import { and, inArray, ne, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import { caseListScope } from "../auth/policies";
import { loadCaseGraphs, loadUsers, type CaseGraph } from "./graph";
import type { FhirContext } from "./http";
import { toServiceRequest, toTask } from "./map/case";
import { taskOwnerId } from "./task-owner";
import { toPatient } from "./map/patient";
import { toPractitioner } from "./map/people";
import { CASE_RESOURCES } from "./resources";
import type { ParsedSearch } from "./search-params";

type Hit = { id: string; caseId: string | null };

export async function resolveIncludes(db: Db, ctx: FhirContext, s: ParsedSearch, page: Hit[], graphs: Map<string, CaseGraph>): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  const all = [...graphs.values()];
  const practitionerIds: string[] = [];
  for (const inc of s.include) {
    const target = inc.split(":")[1];
    for (const g of all) {
      if (target === "patient" || target === "subject") out.push(toPatient(g.patient));
      else if (target === "focus" || target === "based-on") out.push(toServiceRequest(g));
      else if (target === "media") out.push(...CASE_RESOURCES.Media(g).filter((m) => m.status === "completed"));
      else if (target === "owner") practitionerIds.push(...[taskOwnerId(g)].filter((x): x is string => x !== null));
      else if (target === "requester") practitionerIds.push(g.case.createdBy);
      else if (target === "performer" && g.consultation) practitionerIds.push(g.consultation.specialistId);
    }
  }
  if (practitionerIds.length) out.push(...(await loadUsers(db, practitionerIds)).map(toPractitioner));
  for (const rev of s.revinclude) {
    const source = rev.split(":")[0];
    let targets = all;
    if (s.type === "Patient") {
      // ServiceRequest:patient — the visible cases of the patients on this page.
      const scope = caseListScope(ctx.actor);
      const ids = page.map((h) => h.id);
      const rows = scope && ids.length
        ? await db.select({ id: cases.id }).from(cases).where(and(inArray(cases.patientId, ids), "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft")))
        : [];
      targets = await loadCaseGraphs(db, rows.map((r) => r.id));
    }
    for (const g of targets) {
      if (source === "ServiceRequest") out.push(toServiceRequest(g));
      else if (source === "Task") out.push(toTask(g));
      else if (source === "DiagnosticReport") out.push(...CASE_RESOURCES.DiagnosticReport(g));
      else if (source === "Media") out.push(...CASE_RESOURCES.Media(g));
      else if (source === "Communication") out.push(...CASE_RESOURCES.Communication(g));
      else if (source === "QuestionnaireResponse") out.push(...CASE_RESOURCES.QuestionnaireResponse(g));
    }
  }
  return out;
}
