/**
 * Filing the reply in the EHR (SPEC §13). `queueWriteBack` runs inside the transaction that
 * answers a case: a case started from a launch is marked pending and gets an outbox row. The
 * worker's `writeBack` is idempotent: a filed case is left alone; otherwise it renders the letter,
 * posts the DocumentReference with the launch's token (refreshed when expired) and marks it filed.
 * An unreachable EHR throws, so BullMQ retries with backoff (the link notes when); when no token
 * can be had, or the retries ran out, the link is put on hold and the case stays pending until the
 * next launch from that EHR adopts it (lib/smart/continue.ts). `writeBackStatus` tells the
 * referrer which of these it is.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { consultations, smartCaseLinks, users, type WritebackHold } from "../db/schema";
import { audit } from "../audit/record";
import { enqueue } from "../queue/outbox";
import { renderCaseLetter } from "../letters/reply-letter";
import { connectionById } from "./connections";
import { buildDocumentReference } from "./document-reference";
import { EhrRequestFailed, ehrRequest, NoEhrToken } from "./ehr-fhir";

/** The columns of a write-back that is queued afresh (answered, or adopted by a launch). */
export const WRITE_BACK_QUEUED = { writebackHold: null, retryAt: null, lastError: null } as const;

/** Inside the answering transaction: mark a launched case pending and queue its write-back. */
export async function queueWriteBack(tx: Db, caseId: string): Promise<void> {
  const [linked] = await tx.update(smartCaseLinks).set({ writebackStatus: "pending", ...WRITE_BACK_QUEUED }).where(eq(smartCaseLinks.caseId, caseId)).returning({ caseId: smartCaseLinks.caseId });
  if (linked) await enqueue(tx, "smart", "write-back", { caseId });
}

export type WriteBackOutcome = "filed" | "already_filed" | "waiting_for_launch" | "not_linked";

/**
 * File the case's reply in the EHR (worker). Throws on transient EHR faults so the job retries;
 * `retryAt` is when that retry comes (null: this was the last attempt, so the link goes on hold).
 */
export async function writeBack(db: Db, caseId: string, requestId: string, opts: { retryAt: Date | null } = { retryAt: null }): Promise<WriteBackOutcome> {
  const [link] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, caseId));
  if (!link || link.writebackStatus === null) return "not_linked";
  if (link.writebackStatus === "filed") return "already_filed";
  const connection = await connectionById(db, link.connectionId);
  const hold = (writebackHold: WritebackHold, lastError: string) => db.update(smartCaseLinks).set({ writebackHold, lastError, retryAt: null }).where(eq(smartCaseLinks.caseId, caseId));
  if (!connection?.active) {
    await hold("connection_inactive", "EHR connection inactive");
    return "waiting_for_launch";
  }
  const [reply] = await db.select({ at: consultations.createdAt, name: users.name }).from(consultations).innerJoin(users, eq(users.id, consultations.specialistId)).where(eq(consultations.caseId, caseId));
  if (!reply) return "not_linked";
  const pdf = await renderCaseLetter(db, caseId);
  const resource = buildDocumentReference({ caseId, ehrPatientId: link.ehrPatientId, ehrServiceRequestId: link.ehrServiceRequestId, answeredAt: reply.at, specialistName: reply.name, pdf });
  await db.update(smartCaseLinks).set({ attempts: link.attempts + 1 }).where(eq(smartCaseLinks.caseId, caseId));
  try {
    const created = await ehrRequest(db, link.launchId, connection.iss, "POST", "DocumentReference", resource);
    const id = (created.json as { id?: unknown } | null)?.id;
    await db.transaction(async (tx) => {
      await tx
        .update(smartCaseLinks)
        .set({ writebackStatus: "filed", filedAt: new Date(), ehrDocumentReference: typeof id === "string" ? `DocumentReference/${id.slice(0, 64)}` : created.location?.slice(0, 500) ?? null, ...WRITE_BACK_QUEUED })
        .where(eq(smartCaseLinks.caseId, caseId));
      await audit(tx, { actor: null, requestId, ip: null }, { action: "smart.write_back", resourceType: "case", resourceId: caseId, details: { connectionId: connection.id } });
    });
    return "filed";
  } catch (err) {
    if (err instanceof NoEhrToken) {
      await hold("no_token", "no usable EHR token");
      return "waiting_for_launch";
    }
    const reason = err instanceof EhrRequestFailed ? `EHR answered ${err.status}` : "EHR unreachable";
    if (opts.retryAt) await db.update(smartCaseLinks).set({ lastError: reason, retryAt: opts.retryAt, writebackHold: null }).where(eq(smartCaseLinks.caseId, caseId));
    else await hold("retries_exhausted", reason);
    throw new Error(`write-back failed: ${reason}`);
  }
}

/**
 * Where the reply stands in the EHR, for the referrer: `sending` (queued or on its way), `retrying`
 * after a failed attempt (why, and when the next comes if one is scheduled), `waiting_for_launch`
 * (only opening the case from the EHR can finish it: why), or `filed`.
 */
export type WriteBackStatusDto =
  | { status: "filed"; filedAt: string | null }
  | { status: "sending" }
  /** `retryAt`: the next try, when one is scheduled and still ahead. */
  | { status: "retrying"; reason: string; retryAt: string | null }
  | { status: "waiting_for_launch"; hold: WritebackHold }
  | null;

/** What the clinic's case page says about the write-back (null: not a launched case or not answered). */
export async function writeBackStatus(db: Db, caseId: string): Promise<WriteBackStatusDto> {
  const [link] = await db
    .select({ s: smartCaseLinks.writebackStatus, filedAt: smartCaseLinks.filedAt, hold: smartCaseLinks.writebackHold, lastError: smartCaseLinks.lastError, retryAt: smartCaseLinks.retryAt })
    .from(smartCaseLinks)
    .where(eq(smartCaseLinks.caseId, caseId));
  if (!link?.s) return null;
  if (link.s === "filed") return { status: "filed", filedAt: link.filedAt?.toISOString() ?? null };
  if (link.hold) return { status: "waiting_for_launch", hold: link.hold };
  if (link.lastError) return { status: "retrying", reason: link.lastError, retryAt: link.retryAt && link.retryAt.getTime() > Date.now() ? link.retryAt.toISOString() : null };
  return { status: "sending" };
}
