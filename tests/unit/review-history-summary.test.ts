import { describe, expect, it } from "vitest";
import { summarizeHistory } from "@/lib/reviews/history-summary";

const history = {
  referralQuestion: "  Is this a melanoma?  ",
  suspected: "melanoma",
  requestedUrgency: "soon",
  onset: "3 months",
  evolution: "changed",
  bodySites: ["39937001"],
  sizeMm: 7,
  symptoms: { itch: true, pain: false, bleeding: true, ulceration: false, scaling: false },
  abcde: { asymmetry: true, border: true, colour: true, diameter: false, evolving: false },
  priorTreatments: "none",
  medications: "none",
  allergies: "penicillin",
  immunosuppressed: false,
  pregnant: false,
  personalSkinCancer: true,
  familySkinCancer: false,
};

describe("summarizeHistory", () => {
  const reasons = [
    { label: "Suspected melanoma", level: "red_flag" },
    { label: "Referrer requested review soon", level: "minor" },
    { label: "Bleeding lesion", level: "red_flag" },
  ];

  it("puts red flags first and separates the lesser reasons", () => {
    const s = summarizeHistory(history, reasons);
    expect(s.question).toBe("Is this a melanoma?");
    expect(s.redFlags).toEqual(["Suspected melanoma", "Bleeding lesion"]);
    expect(s.otherReasons).toEqual(["Referrer requested review soon"]);
  });

  it("lists concerning facts before the rest and leaves negatives out", () => {
    const { facts } = summarizeHistory(history, reasons);
    const firstCalm = facts.findIndex((f) => !f.concern);
    expect(facts.slice(0, firstCalm).every((f) => f.concern)).toBe(true);
    expect(facts.slice(firstCalm).every((f) => !f.concern)).toBe(true);
    expect(facts.slice(0, firstCalm).map((f) => f.label)).toEqual(["Suspected", "Symptoms of concern", "ABCDE features", "Evolution"]);
    expect(facts.find((f) => f.label === "Symptoms of concern")!.value).toBe("bleeding");
    expect(facts.find((f) => f.label === "Body sites")!.value).toMatch(/Skin/);
    expect(facts.map((f) => f.label)).not.toContain("Pregnant");
    expect(facts.find((f) => f.label === "Risk factors")).toMatchObject({ value: "personal history of skin cancer", concern: false });
  });

  it("copes with an empty or malformed history", () => {
    expect(summarizeHistory({}, [])).toEqual({ question: null, redFlags: [], otherReasons: [], facts: [] });
    expect(summarizeHistory({ bodySites: "nope", symptoms: 3 }).facts).toEqual([]);
  });
});
