/**
 * The audit-log viewer's queries: filtered, keyset-paginated reads (newest first), CSV export and
 * the hash-chain verification. Reading, exporting and verifying the log are themselves audited —
 * after the read, so a page never shows its own read.
 */
import { and, desc, eq, gte, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { auditEvents } from "../db/schema";
import { AUDIT_OUTCOMES, ROLES } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { audit } from "./record";
import { verifyAuditChain, type ChainVerification } from "./verify";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { requireAdmin } from "../auth/guard";
import { toCsv } from "../csv";

const day = z.iso.date({ message: "Use a date like 2025-01-31" });

export const auditQuerySchema = z
  .strictObject({
    actorId: z.string().uuid("Not a valid user id").optional(),
    actorRole: z.enum(ROLES).optional(),
    resourceType: z.string().trim().max(40).optional(),
    resourceId: z.string().trim().max(100).optional(),
    patientId: z.string().uuid("Not a valid patient id").optional(),
    /** Exact action, or a prefix ending in "." or "*" ("case." / "case.*"). */
    action: z.string().trim().max(80).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    format: z.enum(["json", "csv"]).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The end of the range is before its start" });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export type AuditEventDto = {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

/** Most rows one CSV export carries; narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 50_000;

const DAY_MS = 86_400_000;
const emptyToUndef = (v: string | undefined) => (v ? v : undefined);

function conditions(q: AuditQuery): (SQL | undefined)[] {
  const action = emptyToUndef(q.action);
  const prefix = action && /[.*]$/.test(action) ? action.replace(/\*$/, "").replace(/[\\%_]/g, (c) => `\\${c}`) : null;
  return [
    q.actorId ? eq(auditEvents.actorId, q.actorId) : undefined,
    q.actorRole ? eq(auditEvents.actorRole, q.actorRole) : undefined,
    emptyToUndef(q.resourceType) ? eq(auditEvents.resourceType, q.resourceType!) : undefined,
    emptyToUndef(q.resourceId) ? eq(auditEvents.resourceId, q.resourceId!) : undefined,
    q.patientId ? eq(auditEvents.patientId, q.patientId) : undefined,
    action ? (prefix !== null ? like(auditEvents.action, `${prefix}%`) : eq(auditEvents.action, action)) : undefined,
    q.outcome ? eq(auditEvents.outcome, q.outcome) : undefined,
    q.from ? gte(auditEvents.at, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(auditEvents.at, new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS)) : undefined,
  ];
}

const COLUMNS = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorId: auditEvents.actorId,
  actorRole: auditEvents.actorRole,
  action: auditEvents.action,
  resourceType: auditEvents.resourceType,
  resourceId: auditEvents.resourceId,
  patientId: auditEvents.patientId,
  outcome: auditEvents.outcome,
  ip: auditEvents.ip,
  requestId: auditEvents.requestId,
  details: auditEvents.details,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]["_"]["data"] | null } & { id: number; at: Date; action: string; resourceType: string; outcome: string };
const toDto = (r: Row): AuditEventDto => ({ ...r, at: r.at.toISOString() });

/** The filters that were used, for the audit row of the read itself. */
const filtersOf = (q: AuditQuery) => Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== undefined && !["cursor", "limit", "format"].includes(k)));

/** One page of audit events, newest first. */
export async function listAuditEvents(db: Db, ctx: RequestContext, q: AuditQuery): Promise<{ items: AuditEventDto[]; nextCursor: string | null }> {
  requireAdmin(ctx.actor);
  const after = decodeCursor(q.cursor, 1);
  const rows = (await db
    .select(COLUMNS)
    .from(auditEvents)
    .where(and(...conditions(q), after ? lt(auditEvents.id, Number(after[0])) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(q.limit + 1)) as Row[];
  const page = rows.slice(0, q.limit);
  await audit(db, ctx, { action: "audit.read", resourceType: "audit_log", details: { filters: filtersOf(q), rows: page.length } });
  return { items: page.map(toDto), nextCursor: rows.length > q.limit ? encodeCursor([page.at(-1)!.id]) : null };
}

export const AUDIT_CSV_HEADER = ["id", "at", "actor_id", "actor_role", "action", "resource_type", "resource_id", "patient_id", "outcome", "ip", "request_id", "details"];

/** Every matching event (up to AUDIT_EXPORT_MAX, newest first) as CSV. */
export async function exportAuditCsv(db: Db, ctx: RequestContext, q: AuditQuery): Promise<{ csv: string; rows: number; truncated: boolean }> {
  requireAdmin(ctx.actor);
  const rows = (await db.select(COLUMNS).from(auditEvents).where(and(...conditions(q))).orderBy(desc(auditEvents.id)).limit(AUDIT_EXPORT_MAX + 1)) as Row[];
  const truncated = rows.length > AUDIT_EXPORT_MAX;
  const kept = rows.slice(0, AUDIT_EXPORT_MAX);
  await audit(db, ctx, { action: "audit.export", resourceType: "audit_log", details: { filters: filtersOf(q), rows: kept.length, truncated } });
  const csv = toCsv(
    AUDIT_CSV_HEADER,
    kept.map((r) => [r.id, r.at.toISOString(), r.actorId, r.actorRole, r.action, r.resourceType, r.resourceId, r.patientId, r.outcome, r.ip, r.requestId, r.details ? JSON.stringify(r.details) : null]),
  );
  return { csv, rows: kept.length, truncated };
}

/** Recompute the hash chain; the verification and its result are audited. */
export async function verifyAuditLog(db: Db, ctx: RequestContext): Promise<ChainVerification & { checkedAt: string }> {
  requireAdmin(ctx.actor);
  const result = await verifyAuditChain(db);
  await audit(db, ctx, { action: "audit.verify", resourceType: "audit_log", outcome: result.ok ? "success" : "error", details: { ...result } });
  return { ...result, checkedAt: new Date().toISOString() };
}
