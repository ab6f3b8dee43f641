/**
 * The query every metrics endpoint shares: a date range (whole UTC days, both ends inclusive) and
 * a grouping. Cases belong to the range by the day they were submitted, so a week's figures never
 * change because a case was answered later than another.
 */
import { z } from "zod";

export const GROUP_BYS = ["none", "clinic", "specialist", "priority", "week", "skin_type"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Longest range one request may ask for. */
export const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const isoDay = z.iso.date({ message: "Use a date like 2025-01-31" });

export const metricsQuerySchema = z
  .strictObject({
    from: isoDay.optional(),
    to: isoDay.optional(),
    groupBy: z.enum(GROUP_BYS, { message: `Group by one of: ${GROUP_BYS.join(", ")}` }).default("week"),
    format: z.enum(["json", "csv"]).optional(),
  })
  .transform((q, ctx) => {
    const range = resolveRange(q.from, q.to);
    if (range.toDay < range.fromDay) ctx.addIssue({ code: "custom", path: ["to"], message: "The end of the range is before its start" });
    else if (range.days > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `A range is at most ${MAX_RANGE_DAYS} days` });
    return { ...range, groupBy: q.groupBy, format: q.format };
  });
export type MetricsQuery = z.output<typeof metricsQuerySchema>;

export type DateRange = {
  /** First day, YYYY-MM-DD (UTC). */
  fromDay: string;
  /** Last day, YYYY-MM-DD (UTC), inclusive. */
  toDay: string;
  /** Instant the range starts (inclusive). */
  start: Date;
  /** Instant the range ends (exclusive): midnight after `toDay`. */
  end: Date;
  days: number;
};

/** Default range: the 12 whole weeks (84 days) ending today. */
export const DEFAULT_RANGE_DAYS = 84;

/** Resolve optional day strings into a range; missing ends default to today and 84 days before. */
export function resolveRange(from?: string, to?: string, now = new Date()): DateRange {
  const toDay = to ?? now.toISOString().slice(0, 10);
  const end = new Date(Date.parse(`${toDay}T00:00:00Z`) + DAY_MS);
  const fromDay = from ?? new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${fromDay}T00:00:00Z`);
  return { fromDay, toDay, start, end, days: Math.round((end.getTime() - start.getTime()) / DAY_MS) };
}
