/**
 * Writes audit rows. Successful actions are audited inside the caller's transaction so the row
 * exists exactly when the change does; denials are written on their own connection because the
 * request that caused them is about to fail and roll back.
 */
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { db as rootDb, type Db } from "../db/client";
import { auditEvents } from "../db/schema";
import type { AuditOutcome } from "../db/schema/enums";
import type { AnyContext } from "../auth/actor";
import { logger } from "../log";

export type AuditEntry = {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
};

/** Append one audit row using `db` (pass the transaction handle to commit with the change). */
export async function audit(db: Db, ctx: AnyContext, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: ctx.actor?.id ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    outcome: entry.outcome ?? "success",
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: entry.details ?? null,
  });
}

/** Record a refused access on the root connection, independent of any failing transaction. */
export async function auditDenial(ctx: AnyContext, entry: Omit<AuditEntry, "outcome">): Promise<void> {
  try {
    await audit(rootDb, ctx, { ...entry, outcome: "denied" });
  } catch (err) {
    logger.error({ err, action: entry.action, requestId: ctx.requestId }, "failed to audit a denial");
  }
}

type SqlValue = SQL | Placeholder;

/** SQL values of one audit row, for a statement that audits itself (see `auditInsertSql`). */
export type AuditRowSql = {
  actorId: SqlValue;
  actorRole: SqlValue;
  action: string;
  resourceType: string;
  resourceId?: SqlValue;
  patientId?: SqlValue;
  ip: SqlValue;
  requestId: SqlValue;
  details?: SqlValue;
};

/**
 * The successful-action audit insert as SQL, for use as a data-modifying CTE: the change (or read)
 * and its audit row are then one statement, committed together, in one round trip. `from` names
 * the CTE the values' column references come from (one audit row per row of it); without it, one
 * row. The chain trigger applies exactly as for `audit`.
 */
export function auditInsertSql(v: AuditRowSql, from?: SQL): SQL {
  const none = sql`null`;
  return sql`insert into ${auditEvents} (actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, ip, request_id, details)
    select ${v.actorId}::uuid, ${v.actorRole}::role, ${v.action}::text, ${v.resourceType}::text, ${v.resourceId ?? none}::text,
           ${v.patientId ?? none}::uuid, 'success', ${v.ip}::text, ${v.requestId}::text, ${v.details ?? none}::jsonb${from ? sql` from ${from}` : sql``}`;
}
