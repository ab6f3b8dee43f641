/**
 * Asking the clinic for more information (SPEC §2): the claim holder's question becomes an
 * `info_request` message, the case moves to `awaiting_info` with the SLA clock paused (`pausedAt`)
 * and the claim released, and the clinic's referrers are told — one transaction.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { messages } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canViewCase } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { caseDetail, type CaseDetail } from "../cases/detail";
import { transition } from "../cases/state";
import { notifyClinic } from "../notifications/create";
import { infoRequestedNotice } from "../notifications/catalog";
import { parseOrThrow } from "../validation";
import { assertHoldsClaim, requireReviewer } from "./claim-guard";

export const MESSAGE_MAX = 4000;

/** A message of the information round trip: required text, trimmed, at most MESSAGE_MAX characters. */
export const messageText = (what: "Question" | "Answer") =>
  z
    .string({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be text`) })
    .trim()
    .min(1, `${what} is required`)
    .max(MESSAGE_MAX, `${what} must be at most ${MESSAGE_MAX} characters`);

export const infoRequestSchema = z.strictObject({ question: messageText("Question") });

/** Ask the clinic a question about a case the actor holds (422 / 404 / 409 as for a reply). */
export async function requestInfo(db: Db, ctx: RequestContext, caseId: string, input: unknown): Promise<CaseDetail> {
  requireReviewer(ctx);
  const { question } = parseOrThrow(infoRequestSchema, input);
  const row = await db.transaction(async (tx) => {
    const current = await loadCaseFor(tx, ctx, caseId, canViewCase, "case.request_info", { forUpdate: true });
    assertHoldsClaim(ctx, current, "ask for information");
    const now = new Date();
    const [msg] = await tx
      .insert(messages)
      .values({ caseId: current.id, kind: "info_request", body: question, authorId: ctx.actor.id, authorRole: ctx.actor.role, createdAt: now })
      .returning({ id: messages.id });
    const updated = await transition(
      tx,
      ctx,
      current.id,
      "request_info",
      { pausedAt: now, claimedBy: null, claimedAt: null, lastActivityAt: null },
      { at: now },
    );
    await notifyClinic(tx, current.clinicId, infoRequestedNotice(current.id, msg!.id), ctx);
    await audit(tx, ctx, { action: "case.request_info", resourceType: "case", resourceId: current.id, patientId: current.patientId });
    return updated;
  });
  return caseDetail(db, row);
}
