/**
 * Case lists for each role, newest first with keyset pagination: referrers see their clinic's
 * cases (drafts too), specialists and admins every submitted case. Scope is part of the query;
 * the optional filters (status, priority, SLA state, clinic) only ever narrow it. The cursor
 * carries the creation time as PostgreSQL text so its microseconds survive (a JavaScript Date
 * keeps milliseconds only, and a page could skip rows created within the same millisecond).
 */
import { and, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, clinics, patients, users } from "../db/schema";
import { CASE_STATUSES, PRIORITIES, SLA_STATES } from "../db/schema/enums";
import type { CaseHead } from "./detail";
import type { RequestContext } from "../auth/actor";
import { caseListScope } from "../auth/policies";
import { audit } from "../audit/record";
import { BadRequest, Forbidden } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { isUuid } from "../validation";

export const caseListQuerySchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** The stored SLA state the sweeper maintains (ok → at_risk → breached). */
  slaState: z.enum(SLA_STATES).optional(),
  clinicId: z.string().uuid().optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type CaseListItem = CaseHead & {
  clinicName: string;
  patient: { id: string; mrn: string; givenName: string; familyName: string };
  bodySites: string[];
  thumbnailPhotoId: string | null;
};

/** An ISO instant (older cursors) or a timestamptz as PostgreSQL prints it. */
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function cursorCondition(cursor: string | undefined): SQL | undefined {
  const after = decodeCursor(cursor, 2);
  if (!after) return undefined;
  const [at, id] = after;
  if (typeof at !== "string" || !CURSOR_TIMESTAMP.test(at) || !isUuid(id)) throw BadRequest("Invalid cursor");
  return sql`(${cases.createdAt}, ${cases.id}) < (${at}::timestamptz, ${id}::uuid)`;
}

/** One page of cases visible to the actor. */
export async function listCases(
  db: Db,
  ctx: RequestContext,
  query: z.output<typeof caseListQuerySchema>,
): Promise<{ items: CaseListItem[]; nextCursor: string | null }> {
  const scope = caseListScope(ctx.actor);
  if (!scope) throw Forbidden();
  const conditions: (SQL | undefined)[] = [
    "clinicId" in scope ? eq(cases.clinicId, scope.clinicId) : ne(cases.status, "draft"),
    query.status ? eq(cases.status, query.status) : undefined,
    query.priority ? eq(cases.priority, query.priority) : undefined,
    query.slaState ? eq(cases.slaState, query.slaState) : undefined,
    query.clinicId ? eq(cases.clinicId, query.clinicId) : undefined,
    cursorCondition(query.cursor),
  ];
  const rows = await db
    .select({
      c: cases,
      createdKey: sql<string>`${cases.createdAt}::text`,
      clinicName: clinics.name,
      claimedByName: users.name,
      patient: { id: patients.id, mrn: patients.mrn, givenName: patients.givenName, familyName: patients.familyName },
      thumb: sql<string | null>`(select p.id::text from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null order by p.created_at, p.id limit 1)`,
    })
    .from(cases)
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .leftJoin(users, eq(users.id, cases.claimedBy))
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await audit(db, ctx, {
    action: "case.list",
    resourceType: "case",
    details: {
      count: page.length,
      status: query.status ?? null,
      priority: query.priority ?? null,
      slaState: query.slaState ?? null,
      clinicId: query.clinicId ?? null,
    },
  });
  return {
    items: page.map(({ c, clinicName, claimedByName, patient, thumb }) => ({
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
      claimedByName: c.claimedBy ? claimedByName : null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdKey, last.c.id]) : null,
  };
}
