import { describe, expect, it } from "vitest";
import { BODY_SITES } from "@/lib/codes/body-sites";
import { DIAGNOSIS_CODES } from "@/lib/codes/diagnosis-codes";
import { DEFAULT_SEARCH_LIMIT, searchCodes } from "@/lib/codes/search";

const codesOf = (q: string, limit?: number) => searchCodes(DIAGNOSIS_CODES, q, limit).map((d) => d.code);

describe("searchCodes", () => {
  it("returns the first `limit` entries for an empty or blank query", () => {
    expect(searchCodes(DIAGNOSIS_CODES, "")).toEqual(DIAGNOSIS_CODES.slice(0, DEFAULT_SEARCH_LIMIT));
    expect(searchCodes(DIAGNOSIS_CODES, "   ", 5)).toEqual(DIAGNOSIS_CODES.slice(0, 5));
  });

  it("matches a code prefix, case-insensitive, with or without the dot", () => {
    const c43 = codesOf("C43", 100);
    expect(c43.length).toBeGreaterThan(5);
    expect(c43.every((c) => c.startsWith("C43"))).toBe(true);
    expect(codesOf("c43.5")).toEqual(["C43.51", "C43.52", "C43.59"]);
    expect(codesOf("c435")).toEqual(["C43.51", "C43.52", "C43.59"]);
    expect(codesOf("L57.0")).toEqual(["L57.0"]);
  });

  it("requires every query word to prefix-match a label word", () => {
    const bcc = searchCodes(DIAGNOSIS_CODES, "basal cell", 100);
    expect(bcc.length).toBeGreaterThan(10);
    expect(bcc.every((d) => /basal cell/i.test(d.label))).toBe(true);
    const noseBcc = codesOf("basal nose");
    expect(noseBcc).toEqual(["C44.311"]);
    const psor = codesOf("psor", 100);
    expect(psor).toContain("L40.0");
    expect(psor).toContain("L40.9");
    expect(codesOf("asal cell")).toEqual([]); // infix is not a prefix
  });

  it("is accent-insensitive and folds British spellings", () => {
    expect(codesOf("naevi", 100)).toContain("D22.5");
    expect(codesOf("haemangioma")).toContain("D18.01");
    expect(codesOf("seborrhoeic", 100)).toEqual(expect.arrayContaining(["L82.0", "L82.1", "L21.9"]));
    expect(codesOf("excoriée")).toEqual(["L70.5"]);
  });

  it("ranks code-prefix matches before label matches", () => {
    const list = [
      { code: "X01", label: "Something about L40 lesions" },
      { code: "L40.1", label: "Pustular" },
    ];
    expect(searchCodes(list, "l40").map((e) => e.code)).toEqual(["L40.1", "X01"]);
  });

  it("honours the limit", () => {
    expect(codesOf("C44", 3)).toHaveLength(3);
    expect(codesOf("C44", 0)).toEqual([]);
  });

  it("works on body sites too", () => {
    expect(searchCodes(BODY_SITES, "lower back").map((s) => s.label)).toEqual(["Lower back"]);
    expect(searchCodes(BODY_SITES, "4306").map((s) => s.code)).toEqual(["43067004"]);
  });
});
