import { describe, expect, it } from "vitest";
import {
  DEFAULT_AT_RISK_FRACTION,
  DEFAULT_SLA_HOURS,
  extendDeadline,
  slaDeadline,
  slaSettingsSchema,
  slaState,
} from "@/lib/sla/rules";
import { compareQueueOrder, type QueueOrderKey } from "@/lib/triage/queue-order";

const H = 60 * 60 * 1000;
const T0 = new Date("2025-06-02T08:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("defaults", () => {
  it("are 24 h, 72 h and 7 days, at risk from 75 %", () => {
    expect(DEFAULT_SLA_HOURS).toEqual({ urgent: 24, soon: 72, routine: 168 });
    expect(DEFAULT_AT_RISK_FRACTION).toBe(0.75);
  });
});

describe("slaDeadline", () => {
  it("adds the priority's hours to the submission time", () => {
    expect(slaDeadline(T0, "urgent", DEFAULT_SLA_HOURS).toISOString()).toBe("2025-06-03T08:00:00.000Z");
    expect(slaDeadline(T0, "soon", DEFAULT_SLA_HOURS).toISOString()).toBe("2025-06-05T08:00:00.000Z");
    expect(slaDeadline(T0, "routine").toISOString()).toBe("2025-06-09T08:00:00.000Z");
  });

  it("uses configured hours, including fractions", () => {
    const hours = { urgent: 4, soon: 36.5, routine: 120 };
    expect(slaDeadline(T0, "urgent", hours)).toEqual(at(4 * H));
    expect(slaDeadline(T0, "soon", hours)).toEqual(at(36.5 * H));
  });

  it("does not mutate the submission time", () => {
    const submitted = new Date(T0);
    slaDeadline(submitted, "urgent");
    expect(submitted).toEqual(T0);
  });

  it("refuses non-positive hours", () => {
    expect(() => slaDeadline(T0, "urgent", { urgent: 0, soon: 1, routine: 2 })).toThrow(RangeError);
    expect(() => slaDeadline(T0, "soon", { urgent: 1, soon: Number.NaN, routine: 2 })).toThrow(RangeError);
  });
});

describe("extendDeadline", () => {
  it("adds paused time", () => {
    const deadline = at(24 * H);
    expect(extendDeadline(deadline, 0)).toEqual(deadline);
    expect(extendDeadline(deadline, 5 * H + 30_000)).toEqual(at(29 * H + 30_000));
  });

  it("refuses negative paused time", () => {
    expect(() => extendDeadline(T0, -1)).toThrow(RangeError);
  });
});

describe("slaState", () => {
  const deadline = at(24 * H);

  it("is ok before 75 % of the window", () => {
    expect(slaState(T0, T0, deadline)).toBe("ok");
    expect(slaState(at(18 * H - 1), T0, deadline)).toBe("ok");
  });

  it("is at risk from 75 % of the window up to and including the deadline", () => {
    expect(slaState(at(18 * H), T0, deadline)).toBe("at_risk");
    expect(slaState(deadline, T0, deadline)).toBe("at_risk");
  });

  it("is breached after the deadline", () => {
    expect(slaState(at(24 * H + 1), T0, deadline)).toBe("breached");
  });

  it("honours a custom fraction and an extended deadline", () => {
    expect(slaState(at(12 * H), T0, deadline, 0.5)).toBe("at_risk");
    expect(slaState(at(12 * H - 1), T0, deadline, 0.5)).toBe("ok");
    const extended = extendDeadline(deadline, 8 * H); // window now 32 h, at risk from 24 h
    expect(slaState(at(25 * H), T0, extended)).toBe("at_risk");
    expect(slaState(at(23 * H), T0, extended)).toBe("ok");
  });
});

describe("slaSettingsSchema", () => {
  it("accepts ordered windows and defaults the fraction", () => {
    expect(slaSettingsSchema.parse({ hours: { urgent: 12, soon: 48, routine: 120 } })).toEqual({
      hours: { urgent: 12, soon: 48, routine: 120 },
      atRiskFraction: 0.75,
    });
  });

  it("refuses a more urgent priority with a longer window, non-positive hours and bad fractions", () => {
    expect(slaSettingsSchema.safeParse({ hours: { urgent: 80, soon: 72, routine: 168 } }).success).toBe(false);
    expect(slaSettingsSchema.safeParse({ hours: { urgent: 0, soon: 72, routine: 168 } }).success).toBe(false);
    expect(slaSettingsSchema.safeParse({ hours: { urgent: 24, soon: 72, routine: 168 }, atRiskFraction: 1 }).success).toBe(false);
    expect(slaSettingsSchema.safeParse({ hours: { urgent: 24, soon: 72, routine: 168, extra: 1 } }).success).toBe(false);
  });
});

describe("compareQueueOrder", () => {
  const key = (id: string, priority: QueueOrderKey["priority"], dueH: number, submittedH: number): QueueOrderKey => ({
    id,
    priority,
    slaDueAt: at(dueH * H),
    submittedAt: at(submittedH * H),
  });

  it("orders by priority, then deadline, then submission time, then id", () => {
    const items = [
      key("routine-early", "routine", 1, 0),
      key("soon-late", "soon", 50, 1),
      key("urgent-b", "urgent", 20, 2),
      key("soon-early", "soon", 40, 3),
      key("urgent-a2", "urgent", 10, 5),
      key("urgent-a1", "urgent", 10, 4),
      key("urgent-z", "urgent", 10, 4),
    ];
    expect([...items].sort(compareQueueOrder).map((k) => k.id)).toEqual([
      "urgent-a1",
      "urgent-z",
      "urgent-a2",
      "urgent-b",
      "soon-early",
      "soon-late",
      "routine-early",
    ]);
  });
});
