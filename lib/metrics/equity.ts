/**
 * The equity view (SPEC §16, issue 15): for cases submitted in the range, by the patient's
 * Fitzpatrick skin type (I–VI, not recorded), the share of photos the quality check flagged and
 * the share rejected as unreadable, turnaround (median, p90, % within SLA — the turnaround report
 * grouped by `skin_type`, so the definitions are the report's own) and the mix of dispositions of
 * the answered cases. A gap between types points at a capture or review practice that serves some
 * skin worse than others. Every type is listed, with zeros when it has no cases.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/guard";
import { DISPOSITIONS, type Disposition } from "../db/schema/enums";
import { caseFactsCte } from "./case-facts";
import { PHOTO_FLAGGED, PHOTO_REJECTED, pct } from "./quality";
import type { DateRange } from "./range";
import { SKIN_TYPE_LABEL, SKIN_TYPES, skinTypeSql, type SkinType } from "./skin-type";
import { runReportSql, turnaroundReport, type Spread } from "./turnaround";

export type EquityRow = {
  skinType: SkinType;
  label: string;
  cases: number;
  answered: number;
  photos: number;
  photosFlagged: number;
  photosRejected: number;
  flaggedPct: number | null;
  rejectedPct: number | null;
  turnaroundHours: Spread;
  slaMet: number;
  slaMissed: number;
  slaMetPct: number | null;
  /** Answered cases by disposition. */
  dispositions: Record<Disposition, number>;
};

export type EquityReport = { from: string; to: string; timezone: "UTC"; rows: EquityRow[] };

type Row = { kind: "photos" | "disposition"; skin_type: string; disposition: string | null; photos: string | null; flagged: string | null; rejected: string | null; n: string | null };

function equitySql(range: DateRange, now: Date) {
  return sql`
    with ${caseFactsCte(range, now)},
    fc as (
      select f.case_id, f.answered_at, ${skinTypeSql("pt")} as skin_type
      from facts f join cases c on c.id = f.case_id left join patients pt on pt.id = c.patient_id
    )
    select 'photos' as kind, fc.skin_type, null as disposition,
           count(*)::text as photos,
           count(*) filter (where ${PHOTO_FLAGGED})::text as flagged,
           count(*) filter (where ${PHOTO_REJECTED})::text as rejected,
           null as n
    from photos p join fc on fc.case_id = p.case_id
    where p.deleted_at is null
    group by fc.skin_type
    union all
    select 'disposition', fc.skin_type, co.disposition::text, null, null, null, count(*)::text
    from consultations co join fc on fc.case_id = co.case_id
    where fc.answered_at is not null
    group by fc.skin_type, co.disposition`;
}

/** The equity view for cases submitted in `range`. Administrators only. */
export async function equityReport(db: Db, actor: Actor, range: DateRange, now = new Date()): Promise<EquityReport> {
  requireAdmin(actor);
  const [turnaround, rows] = await Promise.all([
    turnaroundReport(db, actor, { range, groupBy: "skin_type" }, now),
    runReportSql<Row>(db, equitySql(range, now)),
  ]);
  return {
    from: range.fromDay,
    to: range.toDay,
    timezone: "UTC",
    rows: SKIN_TYPES.map((skinType) => {
      const t = turnaround.groups.find((g) => g.key === skinType);
      const p = rows.find((r) => r.kind === "photos" && r.skin_type === skinType);
      const photos = Number(p?.photos ?? 0);
      const flagged = Number(p?.flagged ?? 0);
      const rejected = Number(p?.rejected ?? 0);
      const dispositions = Object.fromEntries(
        DISPOSITIONS.map((d) => [d, Number(rows.find((r) => r.kind === "disposition" && r.skin_type === skinType && r.disposition === d)?.n ?? 0)]),
      ) as Record<Disposition, number>;
      return {
        skinType,
        label: SKIN_TYPE_LABEL[skinType],
        cases: t?.count ?? 0,
        answered: t?.answered ?? 0,
        photos,
        photosFlagged: flagged,
        photosRejected: rejected,
        flaggedPct: pct(flagged, photos),
        rejectedPct: pct(rejected, photos),
        turnaroundHours: t?.turnaroundHours ?? { median: null, p90: null },
        slaMet: t?.slaMet ?? 0,
        slaMissed: t?.slaMissed ?? 0,
        slaMetPct: t?.slaMetPct ?? null,
        dispositions,
      };
    }),
  };
}
