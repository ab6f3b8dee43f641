import { describe, expect, it } from "vitest";
import { ABCDE_KEYS, CONSENT_BY, EVOLUTIONS, REQUESTED_URGENCIES, SUN_EXPOSURES, SUSPECTED, SYMPTOM_KEYS } from "@/lib/cases/history";
import { CASE_STATUSES, DISPOSITIONS, MESSAGE_KINDS, PHOTO_FLAGS, PHOTO_VIEWS, PRIORITIES, ROLES, SEXES, SLA_STATES } from "@/lib/db/schema/enums";
import * as v from "@/lib/vocabulary";

const tables: [string, readonly string[], Readonly<Record<string, string>>][] = [
  ["role", ROLES, v.ROLE_LABEL],
  ["status", CASE_STATUSES, v.STATUS_LABEL],
  ["priority", PRIORITIES, v.PRIORITY_LABEL],
  ["report priority", v.REPORT_PRIORITIES, v.REPORT_PRIORITY_LABEL],
  ["SLA state", SLA_STATES, v.SLA_STATE_LABEL],
  ["disposition", DISPOSITIONS, v.DISPOSITION_LABEL],
  ["view", PHOTO_VIEWS, v.VIEW_LABEL],
  ["photo state", v.PHOTO_STATES, v.PHOTO_STATE_LABEL],
  ["photo flag", PHOTO_FLAGS, v.PHOTO_FLAG_LABEL],
  ["sex", SEXES, v.SEX_LABEL],
  ["message kind", MESSAGE_KINDS, v.MESSAGE_KIND_LABEL],
  ["suspected", SUSPECTED, v.SUSPECTED_LABEL],
  ["urgency", REQUESTED_URGENCIES, v.URGENCY_LABEL],
  ["evolution", EVOLUTIONS, v.EVOLUTION_LABEL],
  ["sun", SUN_EXPOSURES, v.SUN_LABEL],
  ["consent by", CONSENT_BY, v.CONSENT_BY_LABEL],
  ["symptom", SYMPTOM_KEYS, v.SYMPTOM_LABEL],
  ["ABCDE", ABCDE_KEYS, v.ABCDE_LABEL],
];

describe("vocabulary", () => {
  it.each(tables)("words every %s code, and only those codes, each word distinct", (_name, codes, table) => {
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
    const words = codes.map((c) => table[c]);
    for (const w of words) expect(w).toMatch(/^\S.*\S$/);
    expect(new Set(words).size).toBe(words.length);
  });

  it("uses the clinical words where the old copies disagreed", () => {
    expect(v.ROLE_LABEL.referrer).toBe("Referring clinician");
    expect(v.SUSPECTED_LABEL.inflammatory).toBe("Inflammatory condition");
    expect(v.SUSPECTED_LABEL.unknown).toBe("Uncertain");
  });

  it("labelOf falls back to the code, and to blank for no code", () => {
    expect(v.labelOf(v.PRIORITY_LABEL, "urgent")).toBe("Urgent");
    expect(v.labelOf(v.PRIORITY_LABEL, "legacy_code")).toBe("legacy_code");
    expect(v.labelOf(v.PRIORITY_LABEL, null)).toBe("");
  });
});
