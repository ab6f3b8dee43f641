/**
 * One call for the photo pipeline: scale from the calibration sticker, then — on close-ups and
 * dermoscopy that have a scale — the automatic lesion outline (SPEC §15). Works on the decoded
 * pixels the pipeline already holds (its display-size copy), so measuring costs no extra decode,
 * and makes one small grey copy of them that both the marker and the lesion search use; results
 * are expressed in master pixels.
 */
import { localScale, prescale, type Point } from "./homography";
import type { RgbImage } from "./image";
import { outlineLesion, type LesionOutline } from "./lesion";
import { findMarker, searchCopy, type MarkerFit } from "./marker";
import type { PhotoMeasurement, PhotoScale } from "./types";

export const DEFAULT_MARKER_SIDE_MM = 20;
/** Views that get an automatic outline; an overview shows too much skin to pick one lesion. */
export const MEASURED_VIEWS = ["closeup", "dermoscopy"] as const;

export interface MeasureOptions {
  view: string;
  markerSideMm: number;
  /** Size of the master rendition the results are expressed in. */
  masterWidth: number;
  masterHeight: number;
}

export interface PhotoMeasureResult {
  scale: PhotoScale | null;
  measurement: PhotoMeasurement | null;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
const roundPt = (p: Point, k: number): [number, number] => [round(p[0] * k, 1), round(p[1] * k, 1)];

/** What the step finds, in working-image coordinates. */
export interface WorkingMeasure {
  workingWidth: number;
  markerSideMm: number;
  marker: MarkerFit | null;
  lesion: LesionOutline | null;
}

/**
 * Find the marker and, on measured views, the lesion, in `img` (working pixels). `preview` is a
 * smaller copy of the same pixels the caller already holds (the pipeline's quality copy), used
 * for the coarse searches.
 */
export async function measureWorking(img: RgbImage, opts: { view: string; markerSideMm: number }, preview?: RgbImage): Promise<WorkingMeasure> {
  const small = searchCopy(img, preview);
  const marker = findMarker(img, small, opts.markerSideMm);
  const base = { workingWidth: img.width, markerSideMm: opts.markerSideMm, marker, lesion: null };
  if (!marker || !(MEASURED_VIEWS as readonly string[]).includes(opts.view)) return base;
  // The lesion's coarse search copy is the marker's (already small and grey).
  const lesion = outlineLesion(img, small, marker.corners, marker.toMm);
  return { ...base, lesion };
}

/** Express a working-image result in master pixels (`masterWidth` wide). */
export function toPhotoResult(w: WorkingMeasure, masterWidth: number): PhotoMeasureResult {
  const { marker, lesion } = w;
  if (!marker) return { scale: null, measurement: null };
  const k = masterWidth / w.workingWidth; // master px per working px
  const toMmMaster = prescale(marker.toMm, k);
  const centre: Point = [(k * marker.corners.reduce((s, p) => s + p[0], 0)) / 4, (k * marker.corners.reduce((s, p) => s + p[1], 0)) / 4];
  const scale: PhotoScale = {
    // mm per master pixel at the marker's centre: the local scale of the homography there.
    mmPerPixel: round(localScale(toMmMaster, centre), 6),
    markerId: marker.id,
    markerSidePx: round(marker.sidePx * k, 2),
    confidence: marker.confidence,
    markerSideMm: w.markerSideMm,
    corners: marker.corners.map((p) => roundPt(p, k)),
    homography: toMmMaster.map((v) => Number(v.toPrecision(10))),
  };
  if (!lesion) return { scale, measurement: null };
  const step = Math.max(1, Math.floor(lesion.polygon.length / 90));
  return {
    scale,
    measurement: {
      kind: "auto",
      longestDiameterMm: round(lesion.longestDiameterMm, 2),
      areaMm2: round(lesion.areaMm2, 2),
      outline: lesion.polygon.filter((_, i) => i % step === 0).map((p) => roundPt(p, k)),
      diameter: [roundPt(lesion.diameterEnds[0], k), roundPt(lesion.diameterEnds[1], k)],
      confidence: lesion.confidence,
    },
  };
}

/** Measure `img` (working pixels; any size up to the master's) in master coordinates. */
export async function measurePhoto(img: RgbImage, opts: MeasureOptions): Promise<PhotoMeasureResult> {
  return toPhotoResult(await measureWorking(img, opts), opts.masterWidth);
}
