/**
 * The one owner of case lifecycle transitions (SPEC §2). Every status change goes through
 * `transition`, which updates the row only if it is still in an allowed state (a compare-and-set,
 * so two racing requests cannot both succeed) and appends the case_events row in the same
 * transaction. Anything else is a 409 and changes nothing.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { caseEvents, cases } from "../db/schema";
import type { CaseStatus, Role } from "../db/schema/enums";
import type { AnyContext } from "../auth/actor";
import { Conflict, NotFound } from "../errors";
import { schedulePacsSendOn } from "../dicom/pacs-sends";
import { notifySubscribers } from "../fhir/subscription-match";

export const TRANSITIONS = {
  submit: { from: ["draft"], to: "submitted" },
  triage: { from: ["submitted"], to: "triaged" },
  claim: { from: ["triaged"], to: "in_review" },
  release: { from: ["in_review"], to: "triaged" },
  expire_claim: { from: ["in_review"], to: "triaged" },
  request_info: { from: ["in_review"], to: "awaiting_info" },
  answer_info: { from: ["awaiting_info"], to: "triaged" },
  reply: { from: ["in_review"], to: "answered" },
  acknowledge: { from: ["answered"], to: "closed" },
  // Until a specialist holds it; while awaiting information the clinic may also decide to withdraw.
  withdraw: { from: ["submitted", "triaged", "awaiting_info"], to: "withdrawn" },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type TransitionName = keyof typeof TRANSITIONS;

type CaseUpdate = Partial<typeof cases.$inferInsert>;

/** Who a case event names as its actor. */
export type EventActor = { id: string; role: Role };

/** Whether `action` may start from `status`. */
export function canTransition(action: TransitionName, status: CaseStatus): boolean {
  return (TRANSITIONS[action].from as readonly CaseStatus[]).includes(status);
}

const VERB: Record<TransitionName, string> = {
  submit: "submit",
  triage: "triage",
  claim: "claim",
  release: "release",
  expire_claim: "release",
  request_info: "request information on",
  answer_info: "answer information on",
  reply: "reply to",
  acknowledge: "acknowledge",
  withdraw: "withdraw",
};

/**
 * Move case `caseId` by `action`, applying `patch` to the row. The row is locked first, so the
 * check and the change are one step; 409 names the current status when the case is not in an
 * allowed state, 404 when it does not exist. The event's actor is `ctx`'s, or `opts.actor` when the
 * change carries out what someone else asked for earlier (a deferred submission: its requester).
 */
export async function transition(
  tx: Db,
  ctx: AnyContext,
  caseId: string,
  action: TransitionName,
  patch: CaseUpdate = {},
  opts: { note?: string; at?: Date; actor?: EventActor } = {},
): Promise<typeof cases.$inferSelect> {
  const rule = TRANSITIONS[action];
  const at = opts.at ?? new Date();
  const [current] = await tx.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).for("update");
  if (!current) throw NotFound("Case not found");
  if (!canTransition(action, current.status)) {
    throw Conflict(`Cannot ${VERB[action]} a case that is ${current.status.replace("_", " ")}`);
  }
  const [updated] = await tx
    .update(cases)
    .set({ ...patch, status: rule.to, updatedAt: at })
    .where(eq(cases.id, caseId))
    .returning();
  const actor = opts.actor ?? ctx.actor;
  await tx.insert(caseEvents).values({
    caseId,
    fromStatus: current.status,
    toStatus: rule.to,
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    at,
    note: opts.note ?? null,
  });
  // Work that entering a state starts, committed with the change: the PACS push (SPEC §14).
  await schedulePacsSendOn(tx, caseId, rule.to, ctx);
  await notifySubscribers(tx, caseId, rule.to); // FHIR rest-hooks on Task / DiagnosticReport, via the outbox
  return updated!;
}

/** Record the creation of a draft as the first event. */
export async function recordCreated(tx: Db, ctx: AnyContext, caseId: string, at = new Date()): Promise<void> {
  await tx.insert(caseEvents).values({ caseId, fromStatus: null, toStatus: "draft", actorId: ctx.actor?.id ?? null, actorRole: ctx.actor?.role ?? null, at });
}
