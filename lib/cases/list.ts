/**
 * Case lists for each role, newest first with keyset pagination: referrers see their clinic's
 * cases (drafts too), specialists and admins every submitted case. Scope is part of the query.
 */
import { and, desc, eq, ne, or, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, clinics, patients } from "../db/schema";
import { CASE_STATUSES } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { caseListScope } from "../auth/policies";
import { audit } from "../audit/record";
import { Forbidden } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";

export const caseListQuerySchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type CaseListItem = {
  id: string;
  status: string;
  priority: string | null;
  slaDueAt: string | null;
  slaState: string;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  clinicId: string;
  clinicName: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
  bodySites: string[];
  thumbnailPhotoId: string | null;
};

/** One page of cases visible to the actor. */
export async function listCases(
  db: Db,
  ctx: RequestContext,
  query: z.output<typeof caseListQuerySchema>,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  const after = decodeCursor(query.cursor, 2);
  const conditions: (SQL | undefined)[] = [
    "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft"),
    query.status ? eq(cases.status, query.status) : undefined,
  ];
  if (after) {
    const [at, id] = after as [string, string];
    conditions.push(or(lt(cases.createdAt, new Date(at)), and(eq(cases.createdAt, new Date(at)), lt(cases.id, id))));
  }
  const rows = await db
    .select({
      c: cases,
      clinicName: clinics.name,
      patient: { id: patients.id, mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName },
      thumb: sql<string | null>`(select p.id::text from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null order by p.created_at, p.id limit 1)`,
    })
    .from(cases)
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await audit(db, ctx, { action: "case.list", resourceType: "case", details: { count: page.length, status: query.status ?? null } });
  return {
    items: page.map(({ c, clinicName, patient, thumb }) => ({
      id: c.id,
      status: c.status,
      priority: c.priority,
      slaDueAt: c.slaDueAt?.toISOString() ?? null,
      slaState: c.slaState,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      clinicId: c.clinicId,
      clinicName,
      patient,
      bodySites: Array.isArray(c.history.bodySites) ? (c.history.bodySites as string[]) : [],
      thumbnailPhotoId: thumb,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.c.createdAt.toISOString(), last.c.id]) : null,
  };
}
