/** Reading one case: policy-checked load, audited as a PHI read. */
import type { Db } from "../db/client";
import type { RequestContext } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "./access";
import { caseDetail, type CaseDetail } from "./detail";

/** The case detail for a permitted actor; 404 (audited) otherwise. */
export async function getCase(db: Db, ctx: RequestContext, caseId: string): Promise<CaseDetail> {
  const row = await loadCaseFor(db, ctx, caseId, canViewCase, "case.read");
  await audit(db, ctx, { action: "case.read", resourceType: "case", resourceId: row.id, patientId: row.patientId });
  return caseDetail(db, row);
}
