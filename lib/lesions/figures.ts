/**
 * The size of a lesion on one photo, for Compare's chart and table (SPEC §15): a specialist's
 * saved measurement wins over the worker's automatic suggestion, and a photo without a scale has
 * no millimetres at all — the figures say "no scale" instead of falling back to a guess.
 */
import type { PhotoMeasurement } from "../measure/types";

export type FigureSource = "manual" | "auto";

export type LesionFigures = {
  /** False when the photo has no calibration-sticker scale: nothing on it is in millimetres. */
  scaled: boolean;
  longestDiameterMm: number | null;
  diameterSource: FigureSource | null;
  areaMm2: number | null;
  areaSource: FigureSource | null;
};

/** A saved manual measurement as this rule needs it (oldest first in the list passed). */
export type SavedFigure = { kind: "ruler" | "outline"; lengthMm: number | null; areaMm2: number | null };

/**
 * Diameter: the latest saved ruler or outline (an outline's longest chord), else the automatic
 * longest diameter. Area: the latest saved outline, else the automatic area. `saved` is in the
 * order the measurements were made.
 */
export function lesionFigures(scaled: boolean, auto: PhotoMeasurement | null, saved: SavedFigure[]): LesionFigures {
  if (!scaled) return { scaled, longestDiameterMm: null, diameterSource: null, areaMm2: null, areaSource: null };
  const lastLength = saved.findLast((s) => s.lengthMm !== null);
  const lastArea = saved.findLast((s) => s.kind === "outline" && s.areaMm2 !== null);
  return {
    scaled,
    longestDiameterMm: lastLength?.lengthMm ?? auto?.longestDiameterMm ?? null,
    diameterSource: lastLength ? "manual" : auto ? "auto" : null,
    areaMm2: lastArea?.areaMm2 ?? auto?.areaMm2 ?? null,
    areaSource: lastArea ? "manual" : auto ? "auto" : null,
  };
}
