/**
 * The clinic answers a specialist's question (SPEC §2, §8 `POST /api/v1/cases/{id}/info-responses`):
 * the answer becomes an `info_response` message, the clock resumes (deadline extended by the
 * paused time), and the case returns to `triaged` with its priority unchanged. The specialist who
 * asked is notified; the case is open to any specialist again, so the queue never waits on one
 * person. Photos the referrer adds meanwhile go through the normal upload pipeline.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { messages } from "../db/schema";
import type { RequestContext } from "../auth/actor";
import { canActAsReferrer } from "../auth/policies";
import { audit } from "../audit/record";
import { loadCaseFor } from "../cases/access";
import { caseDetail, type CaseDetail } from "../cases/detail";
import { transition } from "../cases/state";
import { notifyUsers } from "../notifications/create";
import { infoAnsweredNotice } from "../notifications/catalog";
import { getSlaSettings } from "../sla/settings";
import { slaState } from "../sla/rules";
import { parseOrThrow } from "../validation";
import { messageText } from "./info-requests";
import { resumeClock } from "./paused-clock";

export const infoResponseSchema = z.strictObject({ answer: messageText("Answer") });

/** Answer the open question on a case of the actor's clinic (404 for other clinics, 409 when no question is open). */
export async function answerInfoRequest(db: Db, ctx: RequestContext, caseId: string, input: unknown): Promise<CaseDetail> {
  const { answer } = parseOrThrow(infoResponseSchema, input);
  const row = await db.transaction(async (tx) => {
    const current = await loadCaseFor(tx, ctx, caseId, canActAsReferrer, "case.answer_info", { forUpdate: true });
    const now = new Date();
    const clock = resumeClock(current, now);
    const sla = await getSlaSettings(tx);
    const state =
      clock.slaDueAt && current.submittedAt ? slaState(now, current.submittedAt, clock.slaDueAt, sla.atRiskFraction) : current.slaState;
    // transition() refuses (409) unless the case is awaiting information, before anything is written.
    const updated = await transition(
      tx,
      ctx,
      current.id,
      "answer_info",
      { pausedAt: null, pausedMs: clock.pausedMs, slaDueAt: clock.slaDueAt, slaState: state },
      { at: now, note: `clock paused ${Math.round(clock.pausedForMs / 1000)} s` },
    );
    const [msg] = await tx
      .insert(messages)
      .values({ caseId: current.id, kind: "info_response", body: answer, authorId: ctx.actor.id, authorRole: ctx.actor.role, createdAt: now })
      .returning({ id: messages.id });
    const [asked] = await tx
      .select({ authorId: messages.authorId })
      .from(messages)
      .where(and(eq(messages.caseId, current.id), eq(messages.kind, "info_request")))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    if (asked?.authorId) await notifyUsers(tx, [asked.authorId], infoAnsweredNotice(current.id, msg!.id), ctx);
    await audit(tx, ctx, { action: "case.answer_info", resourceType: "case", resourceId: current.id, patientId: current.patientId });
    return updated;
  });
  return caseDetail(db, row);
}
