/**
 * Fitzpatrick skin type as the metrics group by it: the patient's recorded type I–VI, or
 * "unknown" when none (or an out-of-range value) is recorded. One SQL expression, used by the
 * turnaround report's `skin_type` grouping and the equity view, so both bucket a case alike.
 */
import { sql, type SQL } from "drizzle-orm";

export const SKIN_TYPES = ["I", "II", "III", "IV", "V", "VI", "unknown"] as const;
export type SkinType = (typeof SKIN_TYPES)[number];

export const SKIN_TYPE_LABEL: Readonly<Record<SkinType, string>> = {
  I: "Type I",
  II: "Type II",
  III: "Type III",
  IV: "Type IV",
  V: "Type V",
  VI: "Type VI",
  unknown: "Not recorded",
};

/** The skin-type key of the patient joined as `alias` (an array subscript out of 1–6 is null → unknown). */
export function skinTypeSql(alias: string): SQL {
  return sql`coalesce((array['I','II','III','IV','V','VI'])[${sql.identifier(alias)}.fitzpatrick], 'unknown')`;
}
