/**
 * The specialist queue (SPEC §5, §8 `GET /api/v1/queue`): triaged cases in priority, deadline,
 * submission order, keyset-paginated on exactly the columns of the partial index
 * `cases_queue_idx`, so page 1000 costs what page 1 costs. The cursor carries the timestamps as
 * PostgreSQL text (microseconds intact): a JavaScript Date would round them and a page could skip
 * or repeat a row.
 */
import { and, asc, eq, fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "../db/client";
import { cases, clinics, patients } from "../db/schema";
import { PRIORITIES, type Priority } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { canReview } from "../auth/policies";
import { auditInsertSql } from "../audit/record";
import { literal, namedStatement, param, statementText, type NamedStatement } from "../db/named";
import { BadRequest, Forbidden } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { priorityRank } from "../triage/priority";
import { queueKeyTuple, queueOrderBy } from "../triage/queue-order";
import { isUuid } from "../validation";

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

/** The queue's order (SPEC §5, lib/triage/queue-order.ts): priority, deadline, submission, id. Matches `cases_queue_idx`. */
export const QUEUE_ORDER = queueOrderBy();

type CursorKey = [number, string, string, string];
/** A timestamptz as PostgreSQL prints it ("2030-01-01 00:00:00.000003+00"). */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/** The cursor's key, checked: it goes into SQL as typed parameters, never as text. */
function cursorKey(cursor: string | undefined): CursorKey | null {
  const after = decodeCursor(cursor, 4);
  if (!after) return null;
  const [rank, due, submitted, id] = after as CursorKey;
  const valid =
    Number.isInteger(rank) &&
    typeof due === "string" &&
    typeof submitted === "string" &&
    typeof id === "string" &&
    PG_TIMESTAMP.test(due) &&
    PG_TIMESTAMP.test(submitted) &&
    isUuid(id);
  if (!valid) throw BadRequest("Invalid cursor");
  return [rank, due, submitted, id];
}

/** Which filters a page uses: each combination is its own named statement, so each keeps an index-friendly plan. */
type Shape = { priority: boolean; clinic: boolean; cursor: boolean };

/**
 * The page's columns under the names its rows carry: the audited page is a named statement
 * (lib/db/named.ts), whose rows come back as PostgreSQL sends them. `birth_date` is read as text,
 * as the schema's date columns are everywhere (a JavaScript Date would shift it by the time zone).
 */
const PAGE_COLUMNS = {
  id: cases.id,
  priority: cases.priority,
  priority_rank: cases.priorityRank,
  sla_due_at: cases.slaDueAt,
  sla_state: cases.slaState,
  submitted_at: cases.submittedAt,
  due_key: sql`${cases.slaDueAt}::text`,
  submitted_key: sql`${cases.submittedAt}::text`,
  clinic_id: cases.clinicId,
  clinic_name: clinics.name,
  // Only the two history fields an item shows: the rest of the history (medications, allergies,
  // the referral question) is not read into the web process for a queue page.
  body_sites: sql`case when jsonb_typeof(${cases.history}->'bodySites') = 'array' then ${cases.history}->'bodySites' else '[]'::jsonb end`,
  suspected: sql`case when jsonb_typeof(${cases.history}->'suspected') = 'string' then ${cases.history}->>'suspected' end`,
  triage_score: cases.triageScore,
  triage_reasons: cases.triageReasons,
  patient_birth_date: sql`${patients.birthDate}::text`,
  patient_sex: patients.sex,
  thumb: sql`(select p.id::text from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null order by p.created_at, p.id limit 1)`,
  photo_count: sql`(select count(*)::int from photos p where p.case_id = ${cases.id} and p.status = 'ready' and p.deleted_at is null)`,
};
const pageSelection = Object.fromEntries(Object.entries(PAGE_COLUMNS).map(([name, value]) => [name, sql`${value}`.as(name)]));

/** One row of the page, as the named statement returns it. */
type QueueRow = {
  id: string;
  priority: Priority;
  priority_rank: number;
  sla_due_at: Date;
  sla_state: string;
  submitted_at: Date;
  due_key: string;
  submitted_key: string;
  clinic_id: string;
  clinic_name: string;
  body_sites: string[];
  suspected: string | null;
  triage_score: number | null;
  triage_reasons: QueueItem["triageReasons"];
  patient_birth_date: string;
  patient_sex: string;
  thumb: string | null;
  photo_count: number;
};

const qb = new QueryBuilder({ casing: "snake_case" });

/** The page's select, started from the query builder or from `qb.with(…)`. */
function pageSelect(start: Pick<QueryBuilder, "select">, shape: Shape): SQL {
  const where = and(
    eq(cases.status, literal("triaged")),
    shape.priority ? eq(cases.priorityRank, param("rank")) : undefined,
    shape.clinic ? eq(cases.clinicId, param("clinicId")) : undefined,
    shape.cursor
      ? sql`${queueKeyTuple()} > (${param("afterRank")}::smallint, ${param("afterDue")}::timestamptz, ${param("afterSubmitted")}::timestamptz, ${param("afterId")}::uuid)`
      : undefined,
  );
  return start
    .select(pageSelection)
    .from(cases)
    .innerJoin(clinics, eq(clinics.id, cases.clinicId))
    .innerJoin(patients, eq(patients.id, cases.patientId))
    .where(where)
    .orderBy(...QUEUE_ORDER)
    .limit(param("limit"))
    .getSQL();
}

const shapeOf = (query: QueueQuery): Shape => ({ priority: Boolean(query.priority), clinic: Boolean(query.clinicId), cursor: Boolean(query.cursor) });
const shapeName = (s: Shape) => `${s.priority ? "p" : ""}${s.clinic ? "c" : ""}${s.cursor ? "k" : ""}`;

/** The placeholder values of one page (one row more than asked, to learn whether another page follows). */
function pageValues(query: QueueQuery): Record<string, unknown> {
  const after = cursorKey(query.cursor);
  return {
    rank: query.priority ? priorityRank(query.priority) : null,
    clinicId: query.clinicId ?? null,
    afterRank: after?.[0] ?? null,
    afterDue: after?.[1] ?? null,
    afterSubmitted: after?.[2] ?? null,
    afterId: after?.[3] ?? null,
    limit: query.limit + 1,
  };
}

/**
 * The audited page: the read and its audit row are one statement (the insert is a data-modifying
 * CTE, which PostgreSQL runs to completion though nothing selects from it), so a page costs one
 * round trip and one commit, and no page is served without its audit row.
 */
function auditedSelect(shape: Shape): SQL {
  const audited = qb.$with("audited", {}).as(
    auditInsertSql({
      actorId: param("actorId"),
      actorRole: param("actorRole"),
      action: "queue.list",
      resourceType: "case",
      ip: param("ip"),
      requestId: param("requestId"),
      details: param("details"),
    }),
  );
  return pageSelect(qb.with(audited), shape);
}

/** The audited page of each shape, as a named statement (planned once per connection), made on first use. */
const auditedPages = new Map<string, NamedStatement<QueueRow>>();
function auditedPage(shape: Shape): NamedStatement<QueueRow> {
  const name = `queue_page_${shapeName(shape)}`;
  let q = auditedPages.get(name);
  if (!q) auditedPages.set(name, (q = namedStatement<QueueRow>(name, auditedSelect(shape))));
  return q;
}

/**
 * The bare SQL of one page, without auth or audit, for `npm run bench:queue` to compare the
 * endpoint against: same select, same placeholders filled in, run by the bench as a named
 * statement. With `audit`, the statement the endpoint runs: the same select plus its audit row.
 */
export function queuePageSql(
  query: QueueQuery,
  audit?: { actorId: string; actorRole: string; requestId: string },
): { name: string; text: string; values: unknown[] } {
  const shape = shapeOf(query);
  const { text, params } = statementText(audit ? auditedSelect(shape) : pageSelect(qb, shape));
  const values = { ...pageValues(query), ...audit, ip: null, details: null };
  return { name: `bench_queue_page_${shapeName(shape)}${audit ? "_audited" : ""}`, text, values: fillPlaceholders(params, values) };
}

function toItem(r: QueueRow): QueueItem {
  return {
    id: r.id,
    priority: r.priority,
    slaDueAt: r.sla_due_at.toISOString(),
    slaState: r.sla_state,
    submittedAt: r.submitted_at.toISOString(),
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    bodySites: r.body_sites,
    suspected: r.suspected,
    triageScore: r.triage_score,
    triageReasons: r.triage_reasons,
    thumbnailPhotoId: r.thumb,
    photoCount: r.photo_count,
    patientBirthDate: r.patient_birth_date,
    patientSex: r.patient_sex,
  };
}

/**
 * One page of the queue for a specialist. Scope: every triaged case (specialists serve all
 * clinics); other roles are refused. The read is audited (it lists clinical details). The
 * statement runs on the pool, committing on its own (like claim-next): the queue is never read
 * inside a caller's transaction.
 */
export async function listQueue(ctx: RequestContext, query: QueueQuery): Promise<QueuePage> {
  if (!canReview(ctx.actor)) throw Forbidden();
  const rows = await auditedPage(shapeOf(query))({
    ...pageValues(query),
    actorId: ctx.actor.id,
    actorRole: ctx.actor.role,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: JSON.stringify({ priority: query.priority ?? null, clinicId: query.clinicId ?? null, paged: Boolean(query.cursor) }),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.priority_rank, last.due_key, last.submitted_key, last.id]) : null,
  };
}

/** Active clinics, for the queue's clinic filter. */
export async function queueClinics(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: clinics.id, name: clinics.name }).from(clinics).where(eq(clinics.active, true)).orderBy(asc(clinics.name));
}
