/**
 * One call for the photo pipeline: scale from the calibration sticker, then — on close-ups and
 * dermoscopy that have a scale — the automatic lesion outline (SPEC §15). Works on the decoded
 * pixels the pipeline already holds (its display-size copy), so measuring costs no extra decode;
 * results are expressed in master pixels.
 */
import { prescale, applyHomography, type Point } from "./homography";
import type { RgbImage } from "./image";
import { outlineLesion } from "./lesion";
import { findMarker, searchCopy } from "./marker";
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

/** Measure `img` (working pixels; any size up to the master's). Never throws on image content. */
export async function measurePhoto(img: RgbImage, opts: MeasureOptions): Promise<PhotoMeasureResult> {
  const small = await searchCopy(img);
  const marker = await findMarker(img, small, opts.markerSideMm);
  if (!marker) return { scale: null, measurement: null };
  const k = opts.masterWidth / img.width; // master px per working px
  const toMmMaster = prescale(marker.toMm, k);
  const centre: Point = [marker.corners.reduce((s, p) => s + p[0], 0) / 4, marker.corners.reduce((s, p) => s + p[1], 0) / 4];
  // mm per master pixel at the marker's centre: the local scale of the homography there.
  const a = applyHomography(toMmMaster, [centre[0] * k, centre[1] * k]);
  const b = applyHomography(toMmMaster, [centre[0] * k + 1, centre[1] * k]);
  const c = applyHomography(toMmMaster, [centre[0] * k, centre[1] * k + 1]);
  const mmPerPixel = Math.sqrt(Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])));
  const scale: PhotoScale = {
    mmPerPixel: round(mmPerPixel, 6),
    markerId: marker.id,
    markerSidePx: round(marker.sidePx * k, 2),
    confidence: marker.confidence,
    markerSideMm: opts.markerSideMm,
    corners: marker.corners.map((p) => roundPt(p, k)),
    homography: toMmMaster.map((v) => Number(v.toPrecision(10))),
  };
  if (!(MEASURED_VIEWS as readonly string[]).includes(opts.view)) return { scale, measurement: null };

  const grey = { data: new Uint8Array(small.width * small.height), width: small.width, height: small.height };
  for (let i = 0; i < grey.data.length; i++) {
    grey.data[i] = (small.data[i * 4]! * 0.299 + small.data[i * 4 + 1]! * 0.587 + small.data[i * 4 + 2]! * 0.114 + 0.5) | 0;
  }
  const lesion = await outlineLesion(img, { grey, factor: img.width / small.width }, marker.corners, marker.toMm);
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
