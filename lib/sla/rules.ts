/**
 * Service-level arithmetic (SPEC §5, §7): the deadline a priority gives, its extension by time
 * spent awaiting information, and whether a case is on time, at risk or breached. Pure functions
 * over instants so the sweeper, the queue countdown and the metrics agree to the millisecond.
 */
import { z } from "zod";
import { PRIORITIES, type CaseStatus, type Priority, type SlaState } from "@/lib/db/schema/enums";

const HOUR_MS = 60 * 60 * 1000;

/** Default hours to answer per priority: urgent 24 h, soon 72 h, routine 7 days. */
export const DEFAULT_SLA_HOURS: Readonly<Record<Priority, number>> = Object.freeze({
  urgent: 24,
  soon: 72,
  routine: 168,
});

/** Share of the window after which an open case is flagged at risk. */
export const DEFAULT_AT_RISK_FRACTION = 0.75;


/** Longest configurable window: 90 days. */
export const MAX_SLA_HOURS = 90 * 24;

const hours = z.number().positive().max(MAX_SLA_HOURS);
/**
 * Admin SLA settings: hours per priority, a more urgent priority never having a longer window,
 * and the at-risk fraction.
 */
export const slaSettingsSchema = z
  .strictObject({
    hours: z.strictObject({ urgent: hours, soon: hours, routine: hours }),
    atRiskFraction: z.number().gt(0).lt(1).default(DEFAULT_AT_RISK_FRACTION),
  })
  .refine((s) => s.hours.urgent <= s.hours.soon && s.hours.soon <= s.hours.routine, {
    message: "A more urgent priority cannot have a longer window",
    path: ["hours"],
  });
export type SlaSettings = z.output<typeof slaSettingsSchema>;

/** Deadline for a case of `priority` submitted at `submittedAt`. */
export function slaDeadline(
  submittedAt: Date,
  priority: Priority,
  hoursByPriority: Readonly<Record<Priority, number>> = DEFAULT_SLA_HOURS,
): Date {
  const h = hoursByPriority[priority];
  if (!PRIORITIES.includes(priority) || !Number.isFinite(h) || h <= 0) {
    throw new RangeError("SLA hours must be a positive number for every priority");
  }
  return new Date(submittedAt.getTime() + h * HOUR_MS);
}

/** The deadline pushed back by time the clock was paused (awaiting information). */
export function extendDeadline(deadline: Date, pausedMs: number): Date {
  if (!Number.isFinite(pausedMs) || pausedMs < 0) throw new RangeError("pausedMs must be ≥ 0");
  return new Date(deadline.getTime() + pausedMs);
}

/**
 * State of an open case at `now`: `breached` once `now` is past the deadline (answering exactly
 * at the deadline meets it), `at_risk` once `atRiskFraction` of the window from submission to
 * deadline has elapsed, otherwise `ok`. Pass the extended deadline when the clock was paused.
 */
export function slaState(
  now: Date,
  submittedAt: Date,
  deadline: Date,
  atRiskFraction: number = DEFAULT_AT_RISK_FRACTION,
): SlaState {
  const t = now.getTime();
  const due = deadline.getTime();
  if (t > due) return "breached";
  const start = submittedAt.getTime();
  const atRiskFrom = start + (due - start) * atRiskFraction;
  return t >= atRiskFrom ? "at_risk" : "ok";
}

/**
 * Statuses in which the SLA clock runs, so the sweeper moves their stored state: before triage a
 * case has no deadline, and while it awaits information its clock is paused.
 */
export const SLA_CLOCK_RUNNING = ["triaged", "in_review"] as const satisfies readonly CaseStatus[];
