import { describe, expect, it } from "vitest";
import { resumeClock } from "@/lib/reviews/paused-clock";

const HOUR = 3600_000;
const t = (h: number) => new Date(Date.UTC(2030, 0, 1) + h * HOUR);

describe("resumeClock (the paused SLA clock of an info round trip)", () => {
  it("adds the paused time to the deadline and to pausedMs", () => {
    const r = resumeClock({ pausedAt: t(10), pausedMs: 0, slaDueAt: t(24) }, t(15));
    expect(r).toEqual({ pausedAt: null, pausedMs: 5 * HOUR, slaDueAt: t(29), pausedForMs: 5 * HOUR });
  });

  it("accumulates over several round trips", () => {
    const first = resumeClock({ pausedAt: t(1), pausedMs: 0, slaDueAt: t(24) }, t(3));
    const second = resumeClock({ pausedAt: t(6), pausedMs: first.pausedMs, slaDueAt: first.slaDueAt }, t(6.5));
    expect(second.pausedMs).toBe(2.5 * HOUR);
    expect(second.slaDueAt).toEqual(t(26.5));
  });

  it("adds nothing when the clock was not paused or `now` precedes the pause", () => {
    expect(resumeClock({ pausedAt: null, pausedMs: 7, slaDueAt: t(24) }, t(30))).toMatchObject({ pausedMs: 7, slaDueAt: t(24), pausedForMs: 0 });
    expect(resumeClock({ pausedAt: t(5), pausedMs: 0, slaDueAt: t(24) }, t(4))).toMatchObject({ pausedMs: 0, slaDueAt: t(24) });
  });

  it("keeps a missing deadline missing", () => {
    expect(resumeClock({ pausedAt: t(0), pausedMs: 0, slaDueAt: null }, t(1)).slaDueAt).toBeNull();
  });
});
