import { afterEach, describe, expect, it, vi } from "vitest";
import { isCalendarDate, latestTodayIso, patientInputSchema } from "@/lib/cases/patient-schema";

const valid = { mrn: "NS-000123/A.b_1", givenName: " Ada ", familyName: "Lovelace", birthDate: "1950-06-15", sex: "female" };

const paths = (input: unknown) => {
  const r = patientInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

afterEach(() => {
  vi.useRealTimers();
});

describe("patientInputSchema", () => {
  it("accepts a valid patient and trims names", () => {
    const p = patientInputSchema.parse({ ...valid, fitzpatrick: 2 });
    expect(p.givenName).toBe("Ada");
    expect(p.fitzpatrick).toBe(2);
    expect(patientInputSchema.parse(valid).fitzpatrick).toBeUndefined();
  });

  it("refuses impossible calendar dates with a single clear message", () => {
    for (const d of ["2023-02-30", "2023-02-29", "1999-13-01", "2001-04-31", "2001-00-10"]) {
      const r = patientInputSchema.safeParse({ ...valid, birthDate: d });
      expect(r.success, d).toBe(false);
      expect(r.error?.issues.map((i) => i.message), d).toEqual(["Not a real calendar date"]);
    }
    expect(paths({ ...valid, birthDate: "2024-02-29" })).toEqual([]); // leap day
  });

  it("refuses other formats", () => {
    for (const d of ["15/06/1950", "1950-6-15", "1950-06-15T00:00:00Z", ""]) {
      expect(paths({ ...valid, birthDate: d }), d).toEqual(["birthDate"]);
    }
  });

  it("refuses a birth date in the future or before 1900", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2025-06-01T12:00:00Z"));
    expect(paths({ ...valid, birthDate: "2025-06-03" })).toEqual(["birthDate"]);
    expect(paths({ ...valid, birthDate: "2026-01-01" })).toEqual(["birthDate"]);
    expect(paths({ ...valid, birthDate: "2025-06-01" })).toEqual([]);
    expect(paths({ ...valid, birthDate: "1899-12-31" })).toEqual(["birthDate"]);
    expect(paths({ ...valid, birthDate: "1900-01-01" })).toEqual([]);
  });

  it("validates mrn, names, sex and fitzpatrick", () => {
    expect(paths({ ...valid, mrn: "" })).toEqual(["mrn"]);
    expect(paths({ ...valid, mrn: "A".repeat(33) })).toEqual(["mrn"]);
    expect(paths({ ...valid, mrn: "AB 12" })).toEqual(["mrn"]);
    expect(paths({ ...valid, mrn: "AB#12" })).toEqual(["mrn"]);
    expect(paths({ ...valid, givenName: "   " })).toEqual(["givenName"]);
    expect(paths({ ...valid, familyName: "x".repeat(101) })).toEqual(["familyName"]);
    expect(paths({ ...valid, sex: "f" })).toEqual(["sex"]);
    expect(paths({ ...valid, fitzpatrick: 0 })).toEqual(["fitzpatrick"]);
    expect(paths({ ...valid, fitzpatrick: 7 })).toEqual(["fitzpatrick"]);
    expect(paths({ ...valid, fitzpatrick: 2.5 })).toEqual(["fitzpatrick"]);
  });

  it("refuses unknown fields", () => {
    expect(paths({ ...valid, nhsNumber: "123" })).toEqual([""]);
  });
});

describe("date helpers", () => {
  it("isCalendarDate", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2023-02-30")).toBe(false);
  });

  it("latestTodayIso is the date at UTC+14", () => {
    expect(latestTodayIso(new Date("2025-06-01T09:59:59Z"))).toBe("2025-06-01");
    expect(latestTodayIso(new Date("2025-06-01T10:00:00Z"))).toBe("2025-06-02");
  });
});
