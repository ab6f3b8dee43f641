/**
 * `Patient/{id}/$everything`: the patient and every case of theirs the caller may see, with all
 * of each case's resources, the clinic and the clinicians named — one Bundle, audited once. A
 * scope-limited caller (SMART, §13) gets only the types its token may read; the Bundle's
 * OperationOutcome entry names the types left out.
 */
import type { Bundle, FhirResource } from "fhir/r4";
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases } from "../db/schema";
import { caseListScope } from "../auth/policies";
import { audit } from "../audit/record";
import { Forbidden } from "../errors";
import { readFilter, requireScope } from "./auth";
import { fhirBase } from "./codes";
import { loadCaseGraphs, loadUsers, referencedUserIds } from "./graph";
import type { FhirContext } from "./http";
import { visiblePatient } from "./read";
import { omittedOutcome, resourcesOfCase, searchBundle } from "./resources";
import { toPatient } from "./map/patient";
import { toPractitioner, toPractitionerRole } from "./map/people";

export async function patientEverything(db: Db, ctx: FhirContext, patientId: string): Promise<Bundle> {
  requireScope(ctx.scopes, "Patient", "r");
  const patient = await visiblePatient(db, ctx, patientId);
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.patientId, patient.id), "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft")))
    .orderBy(asc(cases.createdAt), asc(cases.id));
  const graphs = await loadCaseGraphs(db, rows.map((r) => r.id));
  const people = await loadUsers(db, graphs.flatMap(referencedUserIds));
  const readable = readFilter(ctx.scopes);
  const perCase = graphs.map((g) => ({ caseId: g.case.id, resources: resourcesOfCase(g, []).filter(readable.keep) }));
  const resources = perCase.flatMap((c) => c.resources);
  const practitioners = people.flatMap((u): FhirResource[] => [toPractitioner(u), toPractitionerRole(u)]).filter(readable.keep);
  const caseIds = perCase.filter((c) => c.resources.some((r) => r.resourceType !== "Patient" && r.resourceType !== "Organization")).map((c) => c.caseId);
  await audit(db, ctx, {
    action: "fhir.everything",
    resourceType: "Patient",
    resourceId: patient.id,
    patientId: patient.id,
    details: { cases: caseIds.length, caseIds, ...(readable.omitted().length ? { omitted: readable.omitted() } : {}) },
  });
  return searchBundle([toPatient(patient), ...resources], practitioners, [{ relation: "self", url: `${fhirBase()}/Patient/${patient.id}/$everything` }], undefined, omittedOutcome(readable.omitted()));
}
