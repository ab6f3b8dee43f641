/**
 * The specialist queue (SPEC §5, §8 `GET /api/v1/queue`): triaged cases in priority, deadline,
 * submission order, keyset-paginated on exactly the columns of the partial index
 * `cases_queue_idx`, so page 1000 costs what page 1 costs. The cursor carries the timestamps as
 * PostgreSQL text (microseconds intact): a JavaScript Date would round them and a page could skip
 * or repeat a row.
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, clinics, patients } from "../db/schema";
import { PRIORITIES, type Priority } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { canReview } from "../auth/policies";
import { audit } from "../audit/record";
import { BadRequest, Forbidden } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { priorityRank } from "../triage/priority";

export const queueQuerySchema = z.strictObject({
  priority: z.enum(PRIORITIES).optional(),
  clinicId: z.string().uuid().optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.output<typeof queueQuerySchema>;

export type QueueItem = {
  id: string;
  priority: Priority;
  slaDueAt: string;
  slaState: string;
  submittedAt: string;
  clinicId: string;
  clinicName: string;
  bodySites: string[];
  suspected: string | null;
  triageScore: number | null;
  triageReasons: { code: string; label: string; weight: number; level: string }[];
  thumbnailPhotoId: string | null;
  photoCount: number;
  patientBirthDate: string;
  patientSex: string;
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

/** The queue's order (SPEC §5): priority, deadline, submission; the id makes it total. Matches `cases_queue_idx`. */
export const QUEUE_ORDER = [asc(cases.priorityRank), asc(cases.slaDueAt), asc(cases.submittedAt), asc(cases.id)] as const;

type CursorKey = [number, string, string, string];
/** A timestamptz as PostgreSQL prints it ("2030-01-01 00:00:00.000003+00"). */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

function cursorCondition(cursor: string | undefined): SQL | undefined {
  const after = decodeCursor(cursor, 4);
  if (!after) return undefined;
  const [rank, due, submitted, id] = after as CursorKey;
  const valid =
    Number.isInteger(rank) &&
    typeof due === "string" &&
    typeof submitted === "string" &&
    typeof id === "string" &&
    PG_TIMESTAMP.test(due) &&
    PG_TIMESTAMP.test(submitted) &&
    z.string().uuid().safeParse(id).success;
  if (!valid) throw BadRequest("Invalid cursor");
  return sql`(${cases.priorityRank}, ${cases.slaDueAt}, ${cases.submittedAt}, ${cases.id}) > (${rank}::smallint, ${due}::timestamptz, ${submitted}::timestamptz, ${id}::uuid)`;
}

/**
 * The query behind one queue page, unexecuted: the API runs it, and `npm run bench:queue`
 * compares the endpoint against its bare SQL (`.toSQL()`).
 */
export function queuePageQuery(db: Db, query: QueueQuery) {
  const where = and(
    eq(cases.status, "triaged"),
    query.priority ? eq(cases.priorityRank, priorityRank(query.priority)) : undefined,
    query.clinicId ? eq(cases.clinicId, query.clinicId) : undefined,
    cursorCondition(query.cursor),
  );
  return db
    .select({
      id: cases.id,
      priority: cases.priority,
      priorityRank: cases.priorityRank,
      slaDueAt: cases.slaDueAt,
      slaState: cases.slaState,
      submittedAt: cases.submittedAt,
      dueKey: sql<string>`${cases.slaDueAt}::text`,
      submittedKey: sql<string>`${cases.submittedAt}::text`,
      clinicId: cases.clinicId,
      clinicName: clinics.name,
      history: cases.history,
      triageScore: cases.triageScore,
      triageReasons: cases.triageReasons,
      patientBirthDate: patients.birthDate,
      patientSex: patients.sex,
      thumb: sql<string | null>`(select p.id::text from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null order by p.created_at, p.id limit 1)`,
      photoCount: sql<number>`(select count(*)::int from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null)`,
    })
    .from(cases)
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .where(where)
    .orderBy(...QUEUE_ORDER)
    .limit(query.limit + 1);
}

type QueueRow = Awaited<ReturnType<typeof queuePageQuery>>[number];

function toItem(r: QueueRow): QueueItem {
  const h = r.history;
  return {
    id: r.id,
    priority: r.priority!,
    slaDueAt: r.slaDueAt!.toISOString(),
    slaState: r.slaState,
    submittedAt: r.submittedAt!.toISOString(),
    clinicId: r.clinicId,
    clinicName: r.clinicName,
    bodySites: Array.isArray(h.bodySites) ? (h.bodySites as string[]) : [],
    suspected: typeof h.suspected === "string" ? h.suspected : null,
    triageScore: r.triageScore,
    triageReasons: r.triageReasons,
    thumbnailPhotoId: r.thumb,
    photoCount: r.photoCount,
    patientBirthDate: r.patientBirthDate,
    patientSex: r.patientSex,
  };
}

/**
 * One page of the queue for a specialist. Scope: every triaged case (specialists serve all
 * clinics); other roles are refused. The read is audited (it lists clinical details).
 */
export async function listQueue(db: Db, ctx: RequestContext, query: QueueQuery): Promise<QueuePage> {
  if (!canReview(ctx.actor)) throw Forbidden();
  const [rows] = await Promise.all([
    queuePageQuery(db, query),
    // Independent of the read, so it runs alongside it on its own connection: one durable,
    // autocommitted insert (measured cheaper here than a relaxed-commit transaction's four trips).
    audit(db, ctx, {
      action: "queue.list",
      resourceType: "case",
      details: { priority: query.priority ?? null, clinicId: query.clinicId ?? null, paged: Boolean(query.cursor) },
    }),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.priorityRank!, last.dueKey, last.submittedKey, last.id]) : null,
  };
}

/** Active clinics, for the queue's clinic filter. */
export async function queueClinics(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(eq(clinics.active, true)).orderBy(asc(clinics.name));
}
