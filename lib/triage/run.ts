/**
 * The triage step of the lifecycle: once a submitted case's photos are settled, compute its
 * priority and reasons, set the SLA deadline from the settings in force, move it to `triaged`.
 * Idempotent: a case that is no longer `submitted` is left alone.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { cases, patients, photos } from "../db/schema";
import type { SystemContext } from "../auth/actor";
import { audit } from "../audit/record";
import { historySchema } from "../cases/history";
import { transition } from "../cases/state";
import { notifyRole } from "../notifications/create";
import { urgentQueuedNotice } from "../notifications/catalog";
import { getSlaSettings } from "../sla/settings";
import { computeTriage, priorityRank, TRIAGE_RULES_VERSION } from "./priority";
import { slaDeadline } from "../sla/rules";

/** Thrown while photos are still processing; the job retries with backoff. */
export class PhotosPendingError extends Error {
  constructor() {
    super("photos still processing");
  }
}

export type TriageOutcome = { status: "triaged"; priority: string } | { status: "skipped" };

/** Triage case `caseId` if it is waiting for it. */
export async function triageCase(db: Db, ctx: SystemContext, caseId: string, now = new Date()): Promise<TriageOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ c: cases, birthDate: patients.birthDate })
      .from(cases)
      .innerJoin(patients, eq(patients.id, cases.patientId))
      .where(eq(cases.id, caseId))
      .for("update", { of: cases });
    if (!row || row.c.status !== "submitted") return { status: "skipped" } as const;
    const pending = await tx.select({ id: photos.id }).from(photos).where(and(eq(photos.caseId, caseId), eq(photos.status, "processing"))).limit(1);
    if (pending.length > 0) throw new PhotosPendingError();

    const submittedAt = row.c.submittedAt ?? new Date();
    const result = computeTriage({ history: historySchema.parse(row.c.history), patientBirthDate: row.birthDate, at: submittedAt });
    const sla = await getSlaSettings(tx);
    await transition(
      tx,
      ctx,
      caseId,
      "triage",
      {
        priority: result.priority,
        priorityRank: priorityRank(result.priority),
        triageScore: result.score,
        triageReasons: result.reasons,
        triagedAt: now,
        slaDueAt: slaDeadline(submittedAt, result.priority, sla.hours),
      },
      { at: now, note: `rules v${TRIAGE_RULES_VERSION}` },
    );
    // The one place a case becomes triaged, so the one place "urgent case waiting" is announced.
    if (result.priority === "urgent") await notifyRole(tx, "specialist", urgentQueuedNotice(caseId), undefined, ctx);
    await audit(tx, ctx, {
      action: "case.triage",
      resourceType: "case",
      resourceId: caseId,
      patientId: row.c.patientId,
      details: { priority: result.priority, score: result.score, rulesVersion: TRIAGE_RULES_VERSION },
    });
    return { status: "triaged", priority: result.priority } as const;
  });
}
