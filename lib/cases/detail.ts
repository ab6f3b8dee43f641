/** Assembles the case detail of SPEC §8 — patient, photos, events, messages, consultation. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { param, perHandle } from "../db/named";
import { cases } from "../db/schema";
import type { PhotoDto } from "../photos/dto";
import type { CaseRow } from "./access";

/** What every view of a case says about where it stands (the list row and the detail alike). */
export type CaseHead = {
  id: string;
  status: string;
  priority: string | null;
  slaDueAt: string | null;
  slaState: string;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
  clinicId: string;
  /** Display name of the specialist holding the claim, if any. */
  claimedByName: string | null;
};

export type CaseDetail = CaseHead & {
  triageScore: number | null;
  triageReasons: { code: string; label: string; weight: number; level: string }[];
  patient: { id: string; mrn: string; givenName: string; familyName: string; birthDate: string; sex: string; fitzpatrick: number | null };
  history: Record<string, unknown>;
  photos: PhotoDto[];
  events: { from: string | null; to: string; at: string; actorRole: string | null; note: string | null }[];
  messages: { id: string; kind: string; body: string; at: string; authorRole: string | null }[];
  consultation: {
    diagnosis: string;
    diagnosisCode: string | null;
    differential: string | null;
    plan: string;
    disposition: string;
    followUp: string | null;
    at: string;
    specialistName: string;
  } | null;
  claimedBy: string | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A timestamptz as JSON text exactly as `Date#toISOString()` writes it (UTC, milliseconds, "Z"). */
const isoSql = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Everything around a case, as columns correlated with the `cases` row of the enclosing query: the
 * JSON is shaped in PostgreSQL in the API's own key names, so a case detail costs one round trip
 * instead of six (claim-next, every case page). Each object lists the fields of the DTO types
 * above; `photos` matches `photoDto`. Plain SQL text with qualified names, because drizzle prints
 * column references unqualified in a one-table select, which would break the correlation.
 */

const RELATED = {
  patient: sql<CaseDetail["patient"]>`(select json_build_object('id', p.id, 'mrn', p.mrn, 'givenName', p.given_name,
      'familyName', p.family_name, 'birthDate', p.birth_date, 'sex', p.sex, 'fitzpatrick', p.fitzpatrick)
    from patients p where p.id = cases.patient_id)`,
  photos: sql<PhotoDto[]>`coalesce((select json_agg(json_build_object('id', ph.id, 'caseId', ph.case_id, 'view', ph.view,
      'bodySite', ph.body_site, 'status', ph.status, 'rejectReason', ph.reject_reason, 'width', ph.width, 'height', ph.height,
      'quality', ph.quality, 'scale', ph.scale, 'measurement', ph.measurement, 'lesionId', ph.lesion_id,
      'createdAt', ${sql.raw(isoSql("ph.created_at"))}) order by ph.created_at, ph.id)
    from photos ph where ph.case_id = cases.id and ph.deleted_at is null), '[]'::json)`,
  events: sql<CaseDetail["events"]>`coalesce((select json_agg(json_build_object('from', e.from_status, 'to', e.to_status,
      'at', ${sql.raw(isoSql("e.at"))}, 'actorRole', e.actor_role, 'note', e.note) order by e.id)
    from case_events e where e.case_id = cases.id), '[]'::json)`,
  messages: sql<CaseDetail["messages"]>`coalesce((select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'body', m.body,
      'at', ${sql.raw(isoSql("m.created_at"))}, 'authorRole', m.author_role) order by m.created_at, m.id)
    from messages m where m.case_id = cases.id), '[]'::json)`,
  consultation: sql<CaseDetail["consultation"]>`(select json_build_object('diagnosis', c.diagnosis, 'diagnosisCode', c.diagnosis_code,
      'differential', c.differential, 'plan', c.plan, 'disposition', c.disposition, 'followUp', c.follow_up,
      'at', ${sql.raw(isoSql("c.created_at"))}, 'specialistName', u.name)
    from consultations c join users u on u.id = c.specialist_id where c.case_id = cases.id)`,
  claimedByName: sql<string | null>`(select u.name from users u where u.id = cases.claimed_by)`,
};

type Related = { [K in keyof typeof RELATED]: (typeof RELATED)[K]["_"]["type"] };

function assemble(row: CaseRow, r: Related): CaseDetail {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    triageScore: row.triageScore,
    triageReasons: row.triageReasons,
    slaDueAt: iso(row.slaDueAt),
    slaState: row.slaState,
    submittedAt: iso(row.submittedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    clinicId: row.clinicId,
    patient: r.patient!,
    history: row.history,
    photos: r.photos,
    events: r.events,
    messages: r.messages,
    consultation: r.consultation,
    claimedBy: row.claimedBy,
    claimedByName: r.claimedByName,
  };
}

/** The detail queries as named statements (planned once per connection). */
const relatedQuery = perHandle((db) => db.select(RELATED).from(cases).where(eq(cases.id, param("id"))).prepare("case_detail_related"));

/** Everything a permitted viewer sees of `row`. Authorization happened before this call. */
export async function caseDetail(db: Db, row: CaseRow): Promise<CaseDetail> {
  const [related] = await relatedQuery(db).execute({ id: row.id });
  return assemble(row, related!);
}

const byIdsQuery = perHandle((db) =>
  db
    .select({ row: cases, ...RELATED })
    .from(cases)
    .where(sql`${cases.id} = any(${param("ids")}::uuid[])`)
    .prepare("case_details_by_ids"),
);

/** The details of several cases in one read, by id (missing ids are simply absent). */
export async function caseDetailsByIds(db: Db, caseIds: string[]): Promise<Map<string, CaseDetail>> {
  const found = caseIds.length ? await byIdsQuery(db).execute({ ids: caseIds }) : [];
  return new Map(found.map(({ row, ...related }) => [row.id, assemble(row, related)]));
}
