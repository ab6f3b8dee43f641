/** Compare's size rule (lib/lesions/figures.ts): saved over automatic, the latest saved wins, no scale → no millimetres. */
import { describe, expect, it } from "vitest";
import { lesionFigures } from "@/lib/lesions/figures";
import type { PhotoMeasurement } from "@/lib/measure/types";

const auto: PhotoMeasurement = { kind: "auto", longestDiameterMm: 8.2, areaMm2: 49.5, outline: [[0, 0], [1, 0], [1, 1]], diameter: [[0, 0], [1, 1]], confidence: 0.9 };

describe("lesion figures", () => {
  it("uses the automatic measurement when nothing is saved", () => {
    expect(lesionFigures(true, auto, [])).toEqual({ scaled: true, longestDiameterMm: 8.2, diameterSource: "auto", areaMm2: 49.5, areaSource: "auto" });
  });

  it("the latest saved length wins for the diameter; only an outline gives a saved area", () => {
    const saved = [
      { kind: "outline" as const, lengthMm: 9.1, areaMm2: 55 },
      { kind: "ruler" as const, lengthMm: 9.6, areaMm2: null },
    ];
    expect(lesionFigures(true, auto, saved)).toEqual({ scaled: true, longestDiameterMm: 9.6, diameterSource: "manual", areaMm2: 55, areaSource: "manual" });
    expect(lesionFigures(true, null, [saved[1]!])).toEqual({ scaled: true, longestDiameterMm: 9.6, diameterSource: "manual", areaMm2: null, areaSource: null });
  });

  it("a scaled photo without any measurement has no figures but is not 'no scale'", () => {
    expect(lesionFigures(true, null, [])).toEqual({ scaled: true, longestDiameterMm: null, diameterSource: null, areaMm2: null, areaSource: null });
  });

  it("without a scale there are no millimetres, whatever else is stored", () => {
    expect(lesionFigures(false, auto, [{ kind: "ruler", lengthMm: 5, areaMm2: null }])).toEqual({ scaled: false, longestDiameterMm: null, diameterSource: null, areaMm2: null, areaSource: null });
  });
});
