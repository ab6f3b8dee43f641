/**
 * The patient's earlier referrals, shown beside the case under review (SPEC §6) so a change since
 * the last photos is visible at a glance. Specialists see every submitted case, so the scope is
 * "same patient, not a draft"; the read is audited against the patient.
 */
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, consultations, photos } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { requireReviewer } from "./claim-guard";

export type EarlierCase = {
  id: string;
  status: string;
  priority: string | null;
  submittedAt: string | null;
  bodySites: string[];
  referralQuestion: string | null;
  photos: { id: string; view: string; bodySite: string }[];
  consultation: { diagnosis: string; diagnosisCode: string | null; disposition: string; at: string } | null;
};

/** Up to `limit` other submitted cases of the patient of `caseRow`, newest first. */
export async function earlierCases(
  db: Db,
  ctx: RequestContext,
  caseRow: { id: string; patientId: string },
  limit = 5,
): Promise<EarlierCase[]> {
  requireReviewer(ctx);
  const rows = await db
    .select({ id: cases.id, status: cases.status, priority: cases.priority, submittedAt: cases.submittedAt, history: cases.history })
    .from(cases)
    .where(and(eq(cases.patientId, caseRow.patientId), ne(cases.id, caseRow.id), ne(cases.status, "draft")))
    .orderBy(desc(cases.submittedAt), desc(cases.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [photoRows, consultRows] = await Promise.all([
    db
      .select({ id: photos.id, caseId: photos.caseId, view: photos.view, bodySite: photos.bodySite })
      .from(photos)
      .where(and(inArray(photos.caseId, ids), eq(photos.status, "ready"), isNull(photos.deletedAt)))
      .orderBy(asc(photos.createdAt), asc(photos.id)),
    db
      .select({
        caseId: consultations.caseId,
        diagnosis: consultations.diagnosis,
        diagnosisCode: consultations.diagnosisCode,
        disposition: consultations.disposition,
        at: consultations.createdAt,
      })
      .from(consultations)
      .where(inArray(consultations.caseId, ids)),
  ]);
  await audit(db, ctx, {
    action: "case.read_earlier",
    resourceType: "case",
    resourceId: caseRow.id,
    patientId: caseRow.patientId,
    details: { caseIds: ids },
  });
  return rows.map((r) => {
    const c = consultRows.find((x) => x.caseId === r.id);
    return {
      id: r.id,
      status: r.status,
      priority: r.priority,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      bodySites: Array.isArray(r.history.bodySites) ? (r.history.bodySites as string[]) : [],
      referralQuestion: typeof r.history.referralQuestion === "string" ? r.history.referralQuestion : null,
      photos: photoRows.filter((p) => p.caseId === r.id).map(({ id, view, bodySite }) => ({ id, view, bodySite })),
      consultation: c ? { diagnosis: c.diagnosis, diagnosisCode: c.diagnosisCode, disposition: c.disposition, at: c.at.toISOString() } : null,
    };
  });
}
