/**
 * Sends of a case's study to the PACS: scheduled automatically when a case reaches the state the
 * settings name (from lib/cases/state.ts `transition`, inside its transaction: the send row and
 * its outbox row commit with the status change or not at all), or by an administrator ("Send to
 * PACS again"); listed on the admin case page.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database, Db } from "../db/client";
import { pacsSends, photos, type PacsResponse, type PacsSendStatus, type PacsSendTrigger } from "../db/schema";
import type { CaseStatus } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { requireAdmin } from "../auth/guard";
import { loadCaseFor } from "../cases/access";
import { Conflict } from "../errors";
import { enqueue, type JobCause } from "../queue/outbox";
import { pacsTrigger } from "./pacs-settings";

const originOf = (url: string) => new URL(url).origin;

async function createSend(tx: Db, caseId: string, trigger: PacsSendTrigger, stowUrl: string, requestedBy: string | null, cause?: JobCause): Promise<string> {
  const [row] = await tx.insert(pacsSends).values({ caseId, trigger, target: originOf(stowUrl), requestedBy }).returning({ id: pacsSends.id });
  await enqueue(tx, "dicom", "stow", { sendId: row!.id }, cause);
  return row!.id;
}

/**
 * Called by `transition` for every status change, inside its transaction: when the PACS settings
 * send on `status`, a pending send and its job are written. Returns the send id, if any.
 */
export async function schedulePacsSendOn(tx: Db, caseId: string, status: CaseStatus, cause?: JobCause): Promise<string | null> {
  if (status !== "answered" && status !== "submitted") return null;
  const trigger = await pacsTrigger(tx);
  if (!trigger || trigger.sendOn !== status) return null;
  return createSend(tx, caseId, status, trigger.stowUrl, null, cause);
}

/** One send as the admin case page shows it. */
export type PacsSendDto = {
  id: string;
  trigger: PacsSendTrigger;
  status: PacsSendStatus;
  target: string;
  instanceCount: number | null;
  attempts: number;
  response: PacsResponse | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** An administrator sends the case's study (again). 409 without a PACS or without processed photos. */
export async function requestPacsSend(db: Database, ctx: RequestContext, caseId: string): Promise<{ id: string }> {
  requireAdmin(ctx.actor);
  return db.transaction(async (tx) => {
    const row = await loadCaseFor(tx, ctx, caseId, canViewCase, "case.pacs_send");
    const trigger = await pacsTrigger(tx);
    if (!trigger) throw Conflict("No PACS is configured: set its STOW-RS URL in Settings first");
    const [ready] = await tx
      .select({ id: photos.id })
      .from(photos)
      .where(and(eq(photos.caseId, row.id), eq(photos.status, "ready"), isNull(photos.deletedAt)))
      .limit(1);
    if (!ready) throw Conflict("The case has no processed photos to send");
    const id = await createSend(tx, row.id, "manual", trigger.stowUrl, ctx.actor.id, ctx);
    await audit(tx, ctx, { action: "case.pacs_send", resourceType: "case", resourceId: row.id, patientId: row.patientId, details: { sendId: id } });
    return { id };
  });
}

/** The case's sends, newest first. Admins only; the case's policy applies (audited 404). */
export async function listPacsSends(db: Db, ctx: RequestContext, caseId: string): Promise<PacsSendDto[]> {
  requireAdmin(ctx.actor);
  const row = await loadCaseFor(db, ctx, caseId, canViewCase, "case.pacs_sends");
  const rows = await db.select().from(pacsSends).where(eq(pacsSends.caseId, row.id)).orderBy(desc(pacsSends.createdAt)).limit(50);
  return rows.map((r) => ({
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    target: r.target,
    instanceCount: r.instanceCount,
    attempts: r.attempts,
    response: r.response,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}
