import { describe, expect, it } from "vitest";
import { BODY_REGIONS, BODY_SITES, bodySiteLabel, isBodySiteCode } from "@/lib/codes/body-sites";
import { DIAGNOSIS_CODES, diagnosisLabel, isDiagnosisCode } from "@/lib/codes/diagnosis-codes";

// Verhoeff tables: every SNOMED CT identifier ends in a Verhoeff check digit.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
function verhoeffValid(digits: string): boolean {
  let c = 0;
  [...digits].reverse().forEach((ch, i) => {
    c = D[c]![P[i % 8]![Number(ch)]!]!;
  });
  return c === 0;
}

describe("verhoeff helper", () => {
  it("accepts a known SNOMED CT id and rejects a one-digit typo", () => {
    expect(verhoeffValid("22298006")).toBe(true); // Myocardial infarction
    expect(verhoeffValid("22298007")).toBe(false);
  });
});

describe("body sites (SNOMED CT)", () => {
  it("bundles at least 40 sites with unique codes and labels", () => {
    expect(BODY_SITES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BODY_SITES.map((s) => s.code)).size).toBe(BODY_SITES.length);
    expect(new Set(BODY_SITES.map((s) => s.label.toLowerCase())).size).toBe(BODY_SITES.length);
  });

  it("uses well-formed SNOMED CT concept ids (concept partition, valid check digit)", () => {
    for (const s of BODY_SITES) {
      expect(s.code, s.label).toMatch(/^[1-9]\d{5,17}$/);
      expect(s.code.slice(-3, -1), `${s.code} partition`).toBe("00");
      expect(verhoeffValid(s.code), `${s.code} check digit`).toBe(true);
    }
  });

  it("covers the regions dermatology referrals name", () => {
    const labels = BODY_SITES.map((s) => s.label.toLowerCase());
    for (const needed of ["scalp", "face", "nose", "ear", "back", "lower back", "abdomen", "forearm", "palm", "sole of foot", "thigh", "buttock"]) {
      expect(labels, needed).toContain(needed);
    }
    expect(new Set(BODY_SITES.map((s) => s.region))).toEqual(new Set(BODY_REGIONS));
  });

  it("keeps sites grouped by region in head-to-toe order", () => {
    const ranks = BODY_SITES.map((s) => BODY_REGIONS.indexOf(s.region));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("looks codes up", () => {
    expect(isBodySiteCode("43067004")).toBe(true);
    expect(bodySiteLabel("43067004")).toBe("Scalp");
    expect(isBodySiteCode("43067005")).toBe(false);
    expect(isBodySiteCode("")).toBe(false);
    expect(bodySiteLabel("nope")).toBeUndefined();
  });
});

describe("diagnosis codes (ICD-10-CM)", () => {
  it("bundles at least 150 codes with unique, well-formed codes in code order", () => {
    expect(DIAGNOSIS_CODES.length).toBeGreaterThanOrEqual(150);
    const codes = DIAGNOSIS_CODES.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/);
    expect(codes).toEqual([...codes].sort());
    for (const d of DIAGNOSIS_CODES) expect(d.label.trim().length, d.code).toBeGreaterThan(2);
  });

  it("includes the skin-cancer and common dermatosis families", () => {
    const has = (prefix: string) => DIAGNOSIS_CODES.some((d) => d.code.startsWith(prefix));
    for (const p of ["C43.", "C44.", "D03.", "D04.", "D22.", "D23.", "D18.0", "L20.", "L40.", "L50.", "L57.0", "L70.", "L71.", "L82.", "L43.", "B35.", "B00.", "B07.", "A46", "L01.", "L02.", "L03."]) {
      expect(has(p), p).toBe(true);
    }
    expect(diagnosisLabel("C44.311")).toBe("Basal cell carcinoma of skin of nose");
    expect(diagnosisLabel("C44.42")).toBe("Squamous cell carcinoma of skin of scalp and neck");
  });

  it("looks codes up exactly", () => {
    expect(isDiagnosisCode("L40.0")).toBe(true);
    expect(isDiagnosisCode("L40")).toBe(false);
    expect(isDiagnosisCode("Z99.9")).toBe(false);
    expect(diagnosisLabel("L57.0")).toBe("Actinic keratosis");
  });
});
