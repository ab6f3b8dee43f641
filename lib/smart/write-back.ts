/**
 * Filing the reply in the EHR (SPEC §13). `queueWriteBack` runs inside the transaction that
 * answers a case: a case started from a launch is marked pending and gets an outbox row. The
 * worker's `writeBack` is idempotent: a filed case is left alone; otherwise it renders the letter,
 * posts the DocumentReference with the launch's token (refreshed when expired) and marks it filed.
 * An unreachable EHR throws, so BullMQ retries with backoff; when no token can be had the case
 * stays pending until the next launch from that EHR adopts it (lib/smart/continue.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { consultations, smartCaseLinks, users } from "../db/schema";
import { audit } from "../audit/record";
import { enqueue } from "../queue/outbox";
import { renderCaseLetter } from "../letters/reply-letter";
import { connectionById } from "./connections";
import { buildDocumentReference } from "./document-reference";
import { EhrRequestFailed, ehrRequest, NoEhrToken } from "./ehr-fhir";

/** Inside the answering transaction: mark a launched case pending and queue its write-back. */
export async function queueWriteBack(tx: Db, caseId: string): Promise<void> {
  const [linked] = await tx.update(smartCaseLinks).set({ writebackStatus: "pending" }).where(eq(smartCaseLinks.caseId, caseId)).returning({ caseId: smartCaseLinks.caseId });
  if (linked) await enqueue(tx, "smart", "write-back", { caseId });
}

export type WriteBackOutcome = "filed" | "already_filed" | "waiting_for_launch" | "not_linked";

/** File the case's reply in the EHR (worker). Throws on transient EHR faults so the job retries. */
export async function writeBack(db: Db, caseId: string, requestId: string): Promise<WriteBackOutcome> {
  const [link] = await db.select().from(smartCaseLinks).where(eq(smartCaseLinks.caseId, caseId));
  if (!link || link.writebackStatus === null) return "not_linked";
  if (link.writebackStatus === "filed") return "already_filed";
  const connection = await connectionById(db, link.connectionId);
  if (!connection?.active) return "waiting_for_launch";
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
        .set({ writebackStatus: "filed", filedAt: new Date(), ehrDocumentReference: typeof id === "string" ? `DocumentReference/${id.slice(0, 64)}` : created.location?.slice(0, 500) ?? null, lastError: null })
        .where(eq(smartCaseLinks.caseId, caseId));
      await audit(tx, { actor: null, requestId, ip: null }, { action: "smart.write_back", resourceType: "case", resourceId: caseId, details: { connectionId: connection.id } });
    });
    return "filed";
  } catch (err) {
    if (err instanceof NoEhrToken) {
      await db.update(smartCaseLinks).set({ lastError: "no usable EHR token" }).where(eq(smartCaseLinks.caseId, caseId));
      return "waiting_for_launch";
    }
    const reason = err instanceof EhrRequestFailed ? `EHR answered ${err.status}` : "EHR unreachable";
    await db.update(smartCaseLinks).set({ lastError: reason }).where(eq(smartCaseLinks.caseId, caseId));
    throw new Error(`write-back failed: ${reason}`);
  }
}

export type WriteBackStatusDto = { status: "pending" | "filed"; filedAt: string | null } | null;

/** What the clinic's case page says about the write-back (null: not a launched case or not answered). */
export async function writeBackStatus(db: Db, caseId: string): Promise<WriteBackStatusDto> {
  const [link] = await db.select({ s: smartCaseLinks.writebackStatus, filedAt: smartCaseLinks.filedAt }).from(smartCaseLinks).where(eq(smartCaseLinks.caseId, caseId));
  if (!link?.s) return null;
  return { status: link.s, filedAt: link.filedAt?.toISOString() ?? null };
}
