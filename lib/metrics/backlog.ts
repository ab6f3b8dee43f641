/**
 * The current backlog (SPEC §7): every open case — submitted, queued, in review or awaiting
 * information — by priority and by age since submission, with how many are at risk or breached.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireAdmin } from "../auth/guard";
import { REPORT_PRIORITIES, REPORT_PRIORITY_LABEL } from "../vocabulary";

export const AGE_BUCKETS = [
  { key: "lt1d", label: "Under 1 day", maxHours: 24 },
  { key: "1to3d", label: "1–3 days", maxHours: 72 },
  { key: "3to7d", label: "3–7 days", maxHours: 168 },
  { key: "gt7d", label: "Over 7 days", maxHours: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

export const BACKLOG_PRIORITIES = REPORT_PRIORITIES.map((key) => ({ key, label: REPORT_PRIORITY_LABEL[key] }));

export type BacklogRow = {
  priority: string;
  label: string;
  total: number;
  atRisk: number;
  breached: number;
  awaitingInfo: number;
  byAge: Record<AgeBucket, number>;
};

export type Backlog = { asOf: string; total: number; atRisk: number; breached: number; rows: BacklogRow[] };

type Row = { priority: string; bucket: AgeBucket; n: string; at_risk: string; breached: string; awaiting: string };

/** The open cases right now, by priority × age bucket. Administrators only. */
export async function backlog(db: Db, actor: Actor, now = new Date()): Promise<Backlog> {
  requireAdmin(actor);
  const age = sql`(${now.toISOString()}::timestamptz - coalesce(submitted_at, created_at))`;
  const { rows } = await db.execute<Row>(sql`
    select coalesce(priority::text, 'untriaged') as priority,
           case when ${age} < interval '24 hours' then 'lt1d'
                when ${age} < interval '72 hours' then '1to3d'
                when ${age} < interval '168 hours' then '3to7d'
                else 'gt7d' end as bucket,
           count(*)::text as n,
           count(*) filter (where sla_state = 'at_risk')::text as at_risk,
           count(*) filter (where sla_state = 'breached')::text as breached,
           count(*) filter (where status = 'awaiting_info')::text as awaiting
    from cases
    where status in ('submitted', 'triaged', 'in_review', 'awaiting_info')
    group by 1, 2`);
  const result: BacklogRow[] = BACKLOG_PRIORITIES.map((p) => ({
    priority: p.key,
    label: p.label,
    total: 0,
    atRisk: 0,
    breached: 0,
    awaitingInfo: 0,
    byAge: { lt1d: 0, "1to3d": 0, "3to7d": 0, gt7d: 0 },
  }));
  for (const r of rows) {
    const target = result.find((x) => x.priority === r.priority);
    if (!target) continue;
    target.byAge[r.bucket] += Number(r.n);
    target.total += Number(r.n);
    target.atRisk += Number(r.at_risk);
    target.breached += Number(r.breached);
    target.awaitingInfo += Number(r.awaiting);
  }
  const sum = (f: (r: BacklogRow) => number) => result.reduce((a, r) => a + f(r), 0);
  return { asOf: now.toISOString(), total: sum((r) => r.total), atRisk: sum((r) => r.atRisk), breached: sum((r) => r.breached), rows: result };
}
