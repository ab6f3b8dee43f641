/**
 * The SLA sweeper (SPEC §5), run every minute by the maintenance queue: returns idle claims to the
 * queue, then moves each open case's `sla_state` to what its deadline says (ok → at risk once the
 * configured share of its window has passed → breached after the deadline) and notifies every
 * active administrator once per case and state. Cases awaiting information keep their state: their
 * clock is paused. Idempotent and safe to run concurrently: the state change is one UPDATE that only
 * touches rows whose stored state differs, and notifications carry a per-case-and-state dedupe key.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { SlaState } from "../db/schema/enums";
import { SLA_CLOCK_RUNNING } from "./rules";
import { slaStateSql } from "./state-sql";
import { getSlaSettings } from "./settings";
import { notifyRole, type NewNotification } from "../notifications/create";
// Claim expiry belongs to the review module (lib/reviews/claims.ts); the sweeper only schedules it.
import { expireIdleClaims } from "../reviews/claims";

export type SweepResult = { expiredClaims: number; atRisk: number; breached: number; backToOk: number; notified: number };

/** The admin notification for a case entering `state` (PHI-free: no names, no clinical content). */
export function slaNotice(caseId: string, state: Exclude<SlaState, "ok">): NewNotification {
  return {
    kind: `sla.${state}`,
    title: state === "breached" ? "A referral has passed its SLA deadline" : "A referral is at risk of missing its SLA deadline",
    link: `/admin/cases/${caseId}`,
    caseId,
    dedupeKey: `sla:${state}:${caseId}`,
  };
}

/** One sweep at `now`. */
export async function runSlaSweep(db: Database, now = new Date()): Promise<SweepResult> {
  const expired = await expireIdleClaims(db, now);
  const { atRiskFraction } = await getSlaSettings(db);
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const running = sql.join(
      SLA_CLOCK_RUNNING.map((st) => sql.raw(`'${st}'`)),
      sql`, `,
    );
    const { rows } = await tx.execute<{ id: string; state: SlaState }>(sql`
      update cases c set sla_state = x.state
      from (
        select id, ${slaStateSql(nowTs, sql`submitted_at`, sql`sla_due_at`, atRiskFraction)} as state
        from cases
        where status in (${running}) and sla_due_at is not null and submitted_at is not null
      ) x
      where c.id = x.id and c.status in (${running}) and c.sla_state <> x.state
      returning c.id, c.sla_state as state`);
    let notified = 0;
    for (const r of rows) if (r.state !== "ok") notified += await notifyRole(tx, "admin", slaNotice(r.id, r.state));
    const count = (s: SlaState) => rows.filter((r) => r.state === s).length;
    return { expiredClaims: expired.length, atRisk: count("at_risk"), breached: count("breached"), backToOk: count("ok"), notified };
  });
}
