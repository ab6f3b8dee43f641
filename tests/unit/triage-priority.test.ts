import { afterEach, describe, expect, it, vi } from "vitest";
import { historySchema, type History, type HistoryInput } from "@/lib/cases/history";
import { computeTriage, priorityRank, RED_FLAG_WEIGHT, type TriageResult } from "@/lib/triage/priority";
import { ageInYears } from "@/lib/triage/age";

const AT = new Date("2025-06-15T12:00:00Z");
const YOUNG = "1990-01-01"; // 35 at AT
const OLDER = "1960-01-01"; // 65 at AT

type Overrides = Omit<Partial<HistoryInput>, "symptoms" | "abcde"> & {
  symptoms?: Partial<History["symptoms"]>;
  abcde?: Partial<History["abcde"]>;
};

/** A history with no flag at all; each test switches on what it needs. */
function history(over: Overrides = {}): History {
  return historySchema.parse({
    referralQuestion: "Please advise",
    suspected: "inflammatory",
    requestedUrgency: "routine",
    onset: "2 years",
    evolution: "stable",
    bodySites: ["75093004"],
    priorTreatments: "none",
    medications: "none",
    allergies: "none",
    consent: { given: true, by: "patient", at: "2025-06-01T09:00:00Z" },
    ...over,
  });
}

const triage = (over: Overrides = {}, birthDate = YOUNG, at = AT) =>
  computeTriage({ history: history(over), patientBirthDate: birthDate, at });
const codes = (r: TriageResult) => r.reasons.map((x) => x.code);

afterEach(() => {
  vi.useRealTimers();
});

describe("baseline", () => {
  it("a history without flags is routine with no reasons", () => {
    expect(triage()).toEqual({ priority: "routine", score: 0, reasons: [] });
  });

  it("non-flag answers alone stay routine", () => {
    const r = triage({ symptoms: { itch: true, scaling: true }, abcde: { diameter: true }, multiple: true, sizeMm: 12, sunExposure: "high", pregnant: true, evolution: "new" });
    expect(r.priority).toBe("routine");
  });
});

describe("red flags: each alone gives urgent", () => {
  const cases: Array<[string, Overrides, string, string?]> = [
    ["suspected melanoma", { suspected: "melanoma" }, "suspected_melanoma", "Suspected melanoma"],
    ["suspected SCC", { suspected: "scc" }, "suspected_scc", "Suspected squamous cell carcinoma"],
    ["pigmented lesion that changed", { abcde: { colour: true }, evolution: "changed" }, "pigmented_lesion_changed", "Pigmented lesion changed in size, shape or colour"],
    ["bleeding", { symptoms: { bleeding: true } }, "bleeding_or_ulceration", "Bleeding lesion"],
    ["ulceration", { symptoms: { ulceration: true } }, "bleeding_or_ulceration", "Ulcerated lesion"],
    ["new lesion, immunosuppressed", { immunosuppressed: true, evolution: "new" }, "immunosuppressed_new_or_growing", "New lesion in an immunosuppressed patient"],
    ["three ABCDE features", { abcde: { asymmetry: true, border: true, diameter: true } }, "abcde_3_or_more", "3 ABCDE features (asymmetry, border, diameter)"],
  ];
  for (const [name, over, code, label] of cases) {
    it(name, () => {
      const r = triage(over);
      expect(r.priority).toBe("urgent");
      expect(codes(r)).toEqual([code]);
      expect(r.reasons[0]).toEqual({ code, label, weight: RED_FLAG_WEIGHT, level: "red_flag" });
      expect(r.score).toBe(RED_FLAG_WEIGHT);
    });
  }

  it("growing lesion in an immunosuppressed patient (changed, not pigmented)", () => {
    const r = triage({ immunosuppressed: true, evolution: "changed" });
    expect(r.priority).toBe("urgent");
    expect(codes(r)).toEqual(["immunosuppressed_new_or_growing"]);
    expect(r.reasons[0]?.label).toBe("Changing lesion in an immunosuppressed patient");
  });

  it("immunosuppression with a stable lesion is not a flag", () => {
    expect(triage({ immunosuppressed: true }).priority).toBe("routine");
  });

  it("ABCDE 'evolving' counts as change for a pigmented lesion", () => {
    const r = triage({ abcde: { border: true, evolving: true } });
    expect(r.priority).toBe("urgent");
    expect(codes(r)).toContain("pigmented_lesion_changed");
  });

  it("bleeding and ulceration together are one reason", () => {
    const r = triage({ symptoms: { bleeding: true, ulceration: true } });
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]?.label).toBe("Bleeding and ulcerated lesion");
  });

  it("five ABCDE features are reported by name", () => {
    const r = triage({ abcde: { asymmetry: true, border: true, colour: true, diameter: true, evolving: true } });
    expect(r.reasons.find((x) => x.code === "abcde_3_or_more")?.label).toBe(
      "5 ABCDE features (asymmetry, border, colour, diameter, evolving)",
    );
  });
});

describe("new pigmented lesion at age 50", () => {
  const over: Overrides = { evolution: "new", abcde: { border: true } };

  it("is urgent at 50 and routine at 49, switching exactly on the birthday (UTC)", () => {
    const born = "1975-06-15";
    const before = triage(over, born, new Date("2025-06-14T23:59:59Z"));
    const on = triage(over, born, new Date("2025-06-15T00:00:00Z"));
    expect(before.priority).toBe("routine");
    expect(before.reasons).toEqual([]);
    expect(on.priority).toBe("urgent");
    expect(codes(on)).toEqual(["new_pigmented_lesion_age_50"]);
    expect(on.reasons[0]?.label).toBe("New pigmented lesion at age 50");
  });

  it("a new non-pigmented lesion at 65 is not a red flag", () => {
    expect(triage({ evolution: "new" }, OLDER).priority).toBe("routine");
  });
});

describe("lesser flags: each alone gives soon", () => {
  const cases: Array<[string, Overrides, string, string, number, string?]> = [
    ["referrer asks for urgent", { requestedUrgency: "urgent" }, "referrer_requested_urgent", "Referrer requested urgent review", 30],
    ["referrer asks for soon", { requestedUrgency: "soon" }, "referrer_requested_soon", "Referrer requested review soon", 20],
    ["suspected BCC", { suspected: "bcc" }, "suspected_bcc", "Suspected basal cell carcinoma", 20],
    ["personal history of skin cancer", { personalSkinCancer: true }, "personal_skin_cancer", "Personal history of skin cancer", 20],
    ["two ABCDE features", { abcde: { colour: true, diameter: true } }, "abcde_2", "2 ABCDE features (colour, diameter)", 20],
    ["pain", { symptoms: { pain: true } }, "pain", "Painful lesion", 10],
    ["changed lesion, not pigmented", { evolution: "changed" }, "lesion_changed", "Lesion has changed", 15],
  ];
  for (const [name, over, code, label, weight] of cases) {
    it(name, () => {
      const r = triage(over);
      expect(r.priority).toBe("soon");
      expect(r.reasons).toEqual([{ code, label, weight, level: "minor" }]);
      expect(r.score).toBe(weight);
    });
  }

  it("a referrer's 'urgent' request alone yields soon, not urgent, and says why", () => {
    const r = triage({ requestedUrgency: "urgent" });
    expect(r.priority).toBe("soon");
    expect(r.reasons.map((x) => x.label)).toEqual(["Referrer requested urgent review"]);
  });

  it("family history counts only with a pigmented lesion", () => {
    const withPigment = triage({ familySkinCancer: true, abcde: { colour: true } });
    expect(withPigment.priority).toBe("soon");
    expect(codes(withPigment)).toEqual(["family_skin_cancer_pigmented"]);
    expect(triage({ familySkinCancer: true }).priority).toBe("routine");
  });

  it("uncertain diagnosis counts from age 50", () => {
    const older = triage({ suspected: "unknown" }, OLDER);
    expect(older.priority).toBe("soon");
    expect(older.reasons).toEqual([{ code: "uncertain_diagnosis_age_50", label: "Uncertain diagnosis at age 65", weight: 10, level: "minor" }]);
    expect(triage({ suspected: "unknown" }, YOUNG).priority).toBe("routine");
  });

  it("a change already counted as a red flag is not counted again as a lesser flag", () => {
    expect(codes(triage({ evolution: "changed", abcde: { colour: true } }))).not.toContain("lesion_changed");
    expect(codes(triage({ evolution: "changed", immunosuppressed: true }))).not.toContain("lesion_changed");
  });
});

describe("score and reasons", () => {
  it("score is the sum of weights and reasons are sorted by weight, red flags first", () => {
    const r = triage({ suspected: "melanoma", evolution: "changed", requestedUrgency: "urgent", symptoms: { pain: true }, personalSkinCancer: true });
    expect(r.priority).toBe("urgent");
    expect(codes(r)).toEqual(["suspected_melanoma", "pigmented_lesion_changed", "referrer_requested_urgent", "personal_skin_cancer", "pain"]);
    expect(r.score).toBe(100 + 100 + 30 + 20 + 10);
    const weights = r.reasons.map((x) => x.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("orders cases within a priority: more and heavier flags score higher", () => {
    const oneRed = triage({ suspected: "scc" });
    const redPlusMinor = triage({ suspected: "scc", symptoms: { pain: true } });
    const twoRed = triage({ suspected: "scc", symptoms: { bleeding: true } });
    expect(redPlusMinor.score).toBeGreaterThan(oneRed.score);
    expect(twoRed.score).toBeGreaterThan(redPlusMinor.score);

    const soonLow = triage({ symptoms: { pain: true } });
    const soonHigh = triage({ requestedUrgency: "urgent", suspected: "bcc" });
    expect(soonHigh.priority).toBe("soon");
    expect(soonHigh.score).toBeGreaterThan(soonLow.score);
    // Any urgent case outranks any soon case in score too.
    expect(oneRed.score).toBeGreaterThan(triage({ requestedUrgency: "urgent", suspected: "bcc", personalSkinCancer: true, symptoms: { pain: true } }).score);
  });

  it("is deterministic and ignores the wall clock", () => {
    const input = { history: history({ suspected: "unknown", evolution: "new", abcde: { colour: true } }), patientBirthDate: "1975-06-16", at: AT };
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const a = computeTriage(input);
    vi.setSystemTime(new Date("2001-01-01T00:00:00Z"));
    const b = computeTriage(input);
    expect(a).toEqual(b);
    expect(a.priority).toBe("routine"); // 50th birthday is the day after AT
  });
});

describe("priorityRank", () => {
  it("ranks urgent before soon before routine", () => {
    expect([priorityRank("urgent"), priorityRank("soon"), priorityRank("routine")]).toEqual([0, 1, 2]);
  });
});

describe("ageInYears", () => {
  it("counts completed years on the UTC date", () => {
    expect(ageInYears("1975-06-15", new Date("2025-06-14T23:59:59Z"))).toBe(49);
    expect(ageInYears("1975-06-15", new Date("2025-06-15T00:00:00Z"))).toBe(50);
    expect(ageInYears("1975-12-31", new Date("2025-01-01T00:00:00Z"))).toBe(49);
  });

  it("handles a leap-day birthday", () => {
    expect(ageInYears("2000-02-29", new Date("2025-02-28T12:00:00Z"))).toBe(24);
    expect(ageInYears("2000-02-29", new Date("2025-03-01T00:00:00Z"))).toBe(25);
    expect(ageInYears("2000-02-29", new Date("2024-02-29T00:00:00Z"))).toBe(24);
  });

  it("refuses a malformed date", () => {
    expect(() => ageInYears("15/06/1975", AT)).toThrow(RangeError);
  });
});
