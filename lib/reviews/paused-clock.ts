/**
 * The paused SLA clock of an info round trip (SPEC §2): time spent `awaiting_info` is added to the
 * deadline and accumulated in `pausedMs` (which the turnaround metrics subtract). Pure, so the
 * arithmetic is unit-tested apart from the database.
 */
import { extendDeadline } from "../sla/rules";

export type PausedClock = { pausedAt: Date | null; pausedMs: number; slaDueAt: Date | null };

/**
 * The clock after resuming at `now`: `pausedMs` grows by `now − pausedAt`, the deadline moves by
 * the same amount, `pausedAt` is cleared. A clock that was not paused (or a `now` before the
 * pause, e.g. clock skew) adds nothing.
 */
export function resumeClock(clock: PausedClock, now: Date): { pausedAt: null; pausedMs: number; slaDueAt: Date | null; pausedForMs: number } {
  const pausedForMs = clock.pausedAt ? Math.max(0, now.getTime() - clock.pausedAt.getTime()) : 0;
  return {
    pausedAt: null,
    pausedMs: clock.pausedMs + pausedForMs,
    slaDueAt: clock.slaDueAt ? extendDeadline(clock.slaDueAt, pausedForMs) : null,
    pausedForMs,
  };
}
