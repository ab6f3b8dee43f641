/**
 * Quality signals per clinic for service managers: of the photos sent with cases submitted in the
 * range, the share the quality check flagged (blurry, under/over-exposed, low resolution) and the
 * share rejected as unreadable; and the share of cases that needed an information request. High
 * numbers point at a clinic that would benefit from photography or referral-writing training.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { PHOTO_FLAGS, type PhotoFlag } from "../db/schema/enums";
import { requireAdmin } from "../auth/guard";
import type { DateRange } from "./range";

export type ClinicQuality = {
  clinicId: string;
  clinicName: string;
  cases: number;
  casesWithInfoRequest: number;
  infoRequestPct: number | null;
  photos: number;
  photosFlagged: number;
  photosRejected: number;
  flaggedPct: number | null;
  rejectedPct: number | null;
  flags: Record<PhotoFlag, number>;
};

/** A photo (aliased `p`) the quality check flagged: read, with at least one flag. */
export const PHOTO_FLAGGED = sql`p.status = 'ready' and jsonb_array_length(coalesce(p.quality->'flags', '[]'::jsonb)) > 0`;
/** A photo (aliased `p`) rejected as unreadable. */
export const PHOTO_REJECTED = sql`p.status = 'rejected'`;

type Row = {
  clinic_id: string;
  clinic_name: string;
  cases: string;
  info_cases: string;
  photos: string;
  flagged: string;
  rejected: string;
} & Record<PhotoFlag, string>;

/** A share as the dashboard shows it: percent with one decimal, null when there is nothing to divide by. */
export const pct = (n: number, d: number) => (d === 0 ? null : Number(((100 * n) / d).toFixed(1)));

/** Per-clinic photo quality and info-request shares for cases submitted in `range`. Administrators only. */
export async function qualityByClinic(db: Db, actor: Actor, range: DateRange): Promise<ClinicQuality[]> {
  requireAdmin(actor);
  const flagCounts = sql.join(
    PHOTO_FLAGS.map((f) => sql`count(*) filter (where p.status = 'ready' and p.quality->'flags' ? ${f})::text as ${sql.identifier(f)}`),
    sql`, `,
  );
  const { rows } = await db.execute<Row>(sql`
    with sub as (
      select m.case_id, m.pause_entries > 0 as had_info from case_milestones m
      where m.submitted_at >= ${range.start.toISOString()}::timestamptz and m.submitted_at < ${range.end.toISOString()}::timestamptz
    ),
    per_case as (
      select c.clinic_id, s.had_info
      from sub s join cases c on c.id = s.case_id
    ),
    case_stats as (
      select clinic_id, count(*) as cases, count(*) filter (where had_info) as info_cases from per_case group by clinic_id
    ),
    photo_stats as (
      select p.clinic_id, count(*) as photos,
             count(*) filter (where ${PHOTO_FLAGGED}) as flagged,
             count(*) filter (where ${PHOTO_REJECTED}) as rejected,
             ${flagCounts}
      from photos p join sub s on s.case_id = p.case_id
      where p.deleted_at is null
      group by p.clinic_id
    )
    select cl.id as clinic_id, cl.name as clinic_name, cs.cases::text, cs.info_cases::text,
           coalesce(ps.photos, 0)::text as photos, coalesce(ps.flagged, 0)::text as flagged, coalesce(ps.rejected, 0)::text as rejected,
           ${sql.join(PHOTO_FLAGS.map((f) => sql`coalesce(ps.${sql.identifier(f)}, '0') as ${sql.identifier(f)}`), sql`, `)}
    from case_stats cs
    join clinics cl on cl.id = cs.clinic_id
    left join photo_stats ps on ps.clinic_id = cs.clinic_id
    order by cl.name`);
  return rows.map((r) => {
    const cases = Number(r.cases);
    const photos = Number(r.photos);
    const flagged = Number(r.flagged);
    const rejected = Number(r.rejected);
    const info = Number(r.info_cases);
    return {
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      cases,
      casesWithInfoRequest: info,
      infoRequestPct: pct(info, cases),
      photos,
      photosFlagged: flagged,
      photosRejected: rejected,
      flaggedPct: pct(flagged, photos),
      rejectedPct: pct(rejected, photos),
      flags: Object.fromEntries(PHOTO_FLAGS.map((f) => [f, Number(r[f])])) as Record<PhotoFlag, number>,
    };
  });
}
