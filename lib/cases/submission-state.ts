/**
 * The submission state of a draft (lib/cases/submit-when-ready.ts): none, `pending` (to be
 * submitted once its photos are processed) or `held` (that stopped; the clinic must act). One
 * rule, in TypeScript for mapped rows and in SQL for searches, tested to agree.
 */
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { cases } from "../db/schema";

/** Where a requested submission of a draft stands: waiting for its photos, or stopped. */
export const SUBMISSION_STATES = ["pending", "held"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

type SubmissionColumns = { status: string; submitRequestedAt: Date | null; submitHeldReason: string | null };

/** The submission state of a case row (null: no submission was requested, or it happened). */
export function submissionState(c: SubmissionColumns): SubmissionState | null {
  if (c.status !== "draft" || !c.submitRequestedAt) return null;
  return c.submitHeldReason ? "held" : "pending";
}

/** {@link submissionState} as a condition on `cases` (null: none requested); the same rule in SQL. */
export function submissionStateSql(state: SubmissionState | null): SQL {
  const draft = eq(cases.status, "draft");
  if (state === null) return sql`not (${and(draft, isNotNull(cases.submitRequestedAt))})`;
  return and(draft, isNotNull(cases.submitRequestedAt), state === "held" ? isNotNull(cases.submitHeldReason) : isNull(cases.submitHeldReason))!;
}
