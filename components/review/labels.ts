/** Display words for codes the review screens show (priorities, dispositions, views, statuses). */
import type { Disposition, Priority } from "@/lib/db/schema/enums";

export const PRIORITY_LABEL: Record<Priority, string> = { urgent: "Urgent", soon: "Soon", routine: "Routine" };

export const DISPOSITION_LABEL: Record<Disposition, string> = {
  reassure: "Reassure",
  manage_in_primary_care: "Manage in primary care",
  routine_in_person: "Routine in-person appointment",
  urgent_in_person: "Urgent in-person appointment",
  biopsy_recommended: "Biopsy recommended",
};

export const VIEW_LABEL: Record<string, string> = { overview: "Overview", closeup: "Close-up", dermoscopy: "Dermoscopy" };

/** Whole years between a YYYY-MM-DD birth date and `now`. */
export function ageYears(birthDate: string, now: Date = new Date()): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age -= 1;
  return age;
}

/** "3 h 20 min", "2 d 4 h", "45 min": a duration for people, not machines. */
export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
