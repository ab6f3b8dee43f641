/**
 * The worker's side of a PACS send (queue `dicom`, job `stow`): re-read the send, write the
 * case's objects and STOW them, record the outcome. Idempotent: only a `pending` send goes out,
 * and the row's status moves under a status guard. A transient fault (PACS down, 5xx, timeout)
 * records the attempt and throws so BullMQ retries with backoff; a permanent one (4xx, redirect,
 * refused instances, no PACS configured) or the last attempt marks the send `failed` with the
 * reason. No PHI in the reasons: they name HTTP statuses, counts and DICOM failure codes only.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { pacsSends } from "../db/schema";
import type { SystemContext } from "../auth/actor";
import { audit } from "../audit/record";
import { logger } from "../log";
import { caseDicomObjects, planCaseExport } from "./objects";
import { pacsConfig } from "./pacs-settings";
import { assertSendableTarget } from "./pacs-target";
import { StowError, stowRs } from "./stow";

export type PacsSendOutcome = "sent" | "failed" | "retry" | "skipped";

/** Thrown after a transient failure that will be retried. */
export class PacsRetryError extends Error {
  name = "PacsRetryError";
}

/**
 * Run send `sendId`. `finalAttempt` says whether a transient failure ends it (BullMQ's last try).
 * @throws PacsRetryError after a transient failure that is not final
 */
export async function runPacsSend(db: Db, ctx: SystemContext, sendId: string, finalAttempt: boolean, opts: { timeoutMs?: number } = {}): Promise<PacsSendOutcome> {
  const [send] = await db.select().from(pacsSends).where(eq(pacsSends.id, sendId));
  if (!send || send.status !== "pending") return "skipped";
  const pending = and(eq(pacsSends.id, sendId), eq(pacsSends.status, "pending"));
  const fail = async (reason: string, response: StowError["response"] = null) => {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(pacsSends)
        .set({ status: "failed", lastError: reason.slice(0, 500), response, attempts: sql`${pacsSends.attempts} + 1`, updatedAt: new Date() })
        .where(pending)
        .returning({ id: pacsSends.id });
      if (row) await audit(tx, ctx, { action: "case.pacs_send", resourceType: "case", resourceId: send.caseId, outcome: "error", details: { sendId, reason: reason.slice(0, 200) } });
    });
    logger.warn({ sendId, requestId: ctx.requestId }, "PACS send failed");
    return "failed" as const;
  };

  const config = await pacsConfig(db);
  if (!config) return fail("No PACS is configured any more");
  const plan = await planCaseExport(db, send.caseId);
  if (plan.inputs.length === 0) return fail("The case has no processed photos to send");
  try {
    await assertSendableTarget(config.stowUrl);
    const response = await stowRs(config.stowUrl, config.headers, caseDicomObjects(plan), opts);
    await db.transaction(async (tx) => {
      const now = new Date();
      const [row] = await tx
        .update(pacsSends)
        .set({ status: "sent", response, lastError: null, instanceCount: plan.inputs.length, target: new URL(config.stowUrl).origin, attempts: sql`${pacsSends.attempts} + 1`, sentAt: now, updatedAt: now })
        .where(pending)
        .returning({ id: pacsSends.id });
      if (row) {
        await audit(tx, ctx, { action: "case.pacs_send", resourceType: "case", resourceId: send.caseId, patientId: plan.patientId, details: { sendId, instances: plan.inputs.length } });
      }
    });
    logger.info({ sendId, instances: plan.inputs.length, requestId: ctx.requestId }, "PACS send stored");
    return "sent";
  } catch (err) {
    const stow = err instanceof StowError ? err : null;
    const reason = stow ? stow.message : (err as Error).message;
    if ((stow && stow.permanent) || !stow || finalAttempt) {
      // Faults that are not the PACS's (our target rules, a missing master) do not heal by waiting.
      return fail(reason, stow?.response ?? null);
    }
    await db
      .update(pacsSends)
      .set({ lastError: reason.slice(0, 500), instanceCount: plan.inputs.length, attempts: sql`${pacsSends.attempts} + 1`, updatedAt: new Date() })
      .where(pending);
    throw new PacsRetryError(reason);
  }
}
