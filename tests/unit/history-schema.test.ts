import { describe, expect, it } from "vitest";
import { historyDraftSchema, historySchema, missingForSubmit, type HistoryInput } from "@/lib/cases/history";
import type { z } from "zod";
import { parseOrThrow } from "@/lib/validation";
import { DomainError } from "@/lib/errors";

const complete = (): HistoryInput => ({
  referralQuestion: "  Changing mole on the back, please advise on excision.  ",
  suspected: "melanoma",
  requestedUrgency: "soon",
  onset: "3 months",
  evolution: "changed",
  bodySites: ["66643007"],
  sizeMm: 7.5,
  priorTreatments: "none",
  medications: "none",
  allergies: "penicillin",
  consent: { given: true, by: "patient", at: "2025-03-01T10:00:00Z" },
});

const issuePaths = (input: unknown, schema: z.ZodType = historySchema) => {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("historySchema", () => {
  it("accepts a complete history, trims text and fills defaults", () => {
    const h = historySchema.parse(complete());
    expect(h.referralQuestion).toBe("Changing mole on the back, please advise on excision.");
    expect(h.multiple).toBe(false);
    expect(h.immunosuppressed).toBe(false);
    expect(h.symptoms).toEqual({ itch: false, pain: false, bleeding: false, ulceration: false, scaling: false });
    expect(h.abcde).toEqual({ asymmetry: false, border: false, colour: false, diameter: false, evolving: false });
    expect(h.sunExposure).toBeUndefined();
  });

  it("fills missing nested booleans when a nested object is partly given", () => {
    const h = historySchema.parse({ ...complete(), symptoms: { bleeding: true } });
    expect(h.symptoms).toEqual({ itch: false, pain: false, bleeding: true, ulceration: false, scaling: false });
  });

  it("accepts a date as onset and a consent time with an offset", () => {
    const h = historySchema.parse({ ...complete(), onset: "2024-11-02", consent: { given: true, by: "guardian", at: "2025-03-01T10:00:00+01:00" } });
    expect(h.onset).toBe("2024-11-02");
    expect(h.consent.by).toBe("guardian");
  });

  it("refuses an unknown field at the top level", () => {
    expect(issuePaths({ ...complete(), bodysites: ["66643007"] })).toEqual([""]);
    const r = historySchema.safeParse({ ...complete(), notes: "x" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("refuses unknown fields inside symptoms, abcde and consent", () => {
    expect(issuePaths({ ...complete(), symptoms: { itch: true, fever: true } })).toEqual(["symptoms"]);
    expect(issuePaths({ ...complete(), abcde: { color: true } })).toEqual(["abcde"]);
    expect(issuePaths({ ...complete(), consent: { given: true, by: "patient", at: "2025-03-01T10:00:00Z", witness: "x" } })).toEqual(["consent"]);
  });

  it("refuses consent that was not given", () => {
    const r = historySchema.safeParse({ ...complete(), consent: { given: false, by: "patient", at: "2025-03-01T10:00:00Z" } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["consent.given", "Consent must be given before the referral is sent"],
    ]);
  });

  it("refuses a consent time that is not an ISO date-time", () => {
    expect(issuePaths({ ...complete(), consent: { given: true, by: "patient", at: "yesterday" } })).toEqual(["consent.at"]);
    expect(issuePaths({ ...complete(), consent: { given: true, by: "parent", at: "2025-03-01T10:00:00Z" } })).toEqual(["consent.by"]);
  });

  it("refuses unknown body-site codes with a clear message, and empty or oversized lists", () => {
    const r = historySchema.safeParse({ ...complete(), bodySites: ["66643007", "12345"] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["bodySites", 1]);
    expect(r.error?.issues[0]?.message).toMatch(/Unknown body site/);
    expect(issuePaths({ ...complete(), bodySites: [] })).toEqual(["bodySites"]);
    expect(issuePaths({ ...complete(), bodySites: ["66643007", "66643007"] })).toEqual(["bodySites"]);
    expect(issuePaths({ ...complete(), bodySites: Array.from({ length: 11 }, () => "66643007") })).toContain("bodySites");
  });

  it("validates enums, size and text lengths", () => {
    expect(issuePaths({ ...complete(), suspected: "wart" })).toEqual(["suspected"]);
    expect(issuePaths({ ...complete(), evolution: "growing" })).toEqual(["evolution"]);
    expect(issuePaths({ ...complete(), sunExposure: "extreme" })).toEqual(["sunExposure"]);
    expect(issuePaths({ ...complete(), sizeMm: 0 })).toEqual(["sizeMm"]);
    expect(issuePaths({ ...complete(), sizeMm: 501 })).toEqual(["sizeMm"]);
    expect(issuePaths({ ...complete(), sizeMm: "7" })).toEqual(["sizeMm"]);
    expect(issuePaths({ ...complete(), sizeMm: 500 })).toEqual([]);
    expect(issuePaths({ ...complete(), referralQuestion: "x".repeat(2001) })).toEqual(["referralQuestion"]);
    expect(issuePaths({ ...complete(), referralQuestion: "x".repeat(2000) })).toEqual([]);
    expect(issuePaths({ ...complete(), medications: "x".repeat(501) })).toEqual(["medications"]);
    expect(issuePaths({ ...complete(), allergies: "   " })).toEqual(["allergies"]);
    expect(issuePaths({ ...complete(), pregnant: "yes" })).toEqual(["pregnant"]);
  });

  it("names each missing required field through parseOrThrow as a 422", () => {
    try {
      parseOrThrow(historySchema, {}, "history");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.status).toBe(422);
      expect(Object.keys(err.fields ?? {}).sort()).toEqual(
        [
          "history.allergies",
          "history.bodySites",
          "history.consent",
          "history.evolution",
          "history.medications",
          "history.onset",
          "history.priorTreatments",
          "history.referralQuestion",
          "history.requestedUrgency",
          "history.suspected",
        ].sort(),
      );
      expect(err.fields?.["history.suspected"]).toEqual(["Required"]);
    }
  });
});

describe("historyDraftSchema", () => {
  it("accepts an empty draft and a partly filled one without adding defaults", () => {
    expect(historyDraftSchema.parse({})).toEqual({});
    const d = historyDraftSchema.parse({ referralQuestion: "", bodySites: [], symptoms: { pain: true } });
    expect(d).toEqual({ referralQuestion: "", bodySites: [], symptoms: { pain: true } });
  });

  it("still refuses unknown fields, at any level", () => {
    expect(issuePaths({ foo: 1 }, historyDraftSchema)).toEqual([""]);
    expect(issuePaths({ abcde: { colour: true, shape: true } }, historyDraftSchema)).toEqual(["abcde"]);
    expect(issuePaths({ consent: { signature: "x" } }, historyDraftSchema)).toEqual(["consent"]);
  });

  it("still type-checks the fields that are present", () => {
    expect(issuePaths({ suspected: "wart" }, historyDraftSchema)).toEqual(["suspected"]);
    expect(issuePaths({ bodySites: ["999"] }, historyDraftSchema)).toEqual(["bodySites.0"]);
    expect(issuePaths({ sizeMm: -1 }, historyDraftSchema)).toEqual(["sizeMm"]);
    expect(issuePaths({ consent: { given: false } }, historyDraftSchema)).toEqual(["consent.given"]);
    expect(issuePaths({ referralQuestion: "x".repeat(2001) }, historyDraftSchema)).toEqual(["referralQuestion"]);
  });
});

describe("missingForSubmit", () => {
  it("returns nothing for a draft that is complete", () => {
    const draft = historyDraftSchema.parse(complete());
    expect(missingForSubmit(draft)).toEqual([]);
  });

  it("lists every missing required field of an empty draft, in form order", () => {
    expect(missingForSubmit({})).toEqual([
      "history.referralQuestion",
      "history.suspected",
      "history.requestedUrgency",
      "history.onset",
      "history.evolution",
      "history.bodySites",
      "history.priorTreatments",
      "history.medications",
      "history.allergies",
      "history.consent",
    ]);
  });

  it("treats blank text and an empty body-site list as missing, and names incomplete consent parts", () => {
    const { referralQuestion: _q, consent: _c, ...rest } = complete();
    const draft = historyDraftSchema.parse({ ...rest, referralQuestion: "  ", bodySites: [], consent: { given: true } });
    expect(missingForSubmit(draft)).toEqual(["history.referralQuestion", "history.bodySites", "history.consent.by", "history.consent.at"]);
  });

  it("does not require optional fields or booleans", () => {
    const { sizeMm: _s, ...noSize } = complete();
    expect(missingForSubmit(historyDraftSchema.parse(noSize))).toEqual([]);
  });
});
