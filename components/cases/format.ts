/**
 * Formatting helpers every screen shares: body-site names, dates, a patient's listed name and a
 * human duration. The words for codes live in lib/vocabulary.ts.
 */
import { bodySiteLabel } from "@/lib/codes/body-sites";

/** Label of a body-site code, falling back to the code itself. */
export function siteLabel(code: string): string {
  return bodySiteLabel(code) ?? code;
}

const DATE_FMT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME_FMT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

export function formatDate(iso: string): string {
  return DATE_FMT.format(new Date(iso));
}
export function formatDateTime(iso: string): string {
  return DATE_TIME_FMT.format(new Date(iso));
}

/** "Smith, Jane" — how clinic lists name a patient. */
export function patientName(p: { givenName: string; familyName: string }): string {
  return `${p.familyName}, ${p.givenName}`;
}

/** "3 h 20 min", "2 d 4 h", "45 min": a duration for people, not machines. */
export function formatDuration(ms: number): string {
  const min = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
