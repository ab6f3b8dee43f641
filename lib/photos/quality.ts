/**
 * Image quality metrics shown to the referrer before submit (SPEC §4.4). Pure functions over a
 * greyscale raw buffer so they are cheap to test and cheap to run: the pipeline feeds them a
 * downscaled copy (long edge {@link QUALITY_EDGE}), never the full-resolution image.
 */
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { isLowResolution } from "./limits";

/** Long edge of the greyscale copy the metrics are computed on. Thresholds below assume it. */
export const QUALITY_EDGE = 1024;

/**
 * Flag thresholds, tuned on a 1024 px greyscale copy.
 * - Sharpness: variance of the 4-neighbour Laplacian. In-focus phone photos of skin land in the
 *   hundreds; a defocused or motion-blurred one falls well under 60.
 * - Exposure: mean luminance outside 50–210, or a large share of clipped pixels. Shadow clipping
 *   tolerates the black vignette of a dermoscopy photo (about 21% of the frame).
 */
export const QUALITY_THRESHOLDS = {
  blurryBelow: 60,
  darkMeanBelow: 50,
  brightMeanAbove: 210,
  clippedShadowsAbove: 0.4,
  clippedHighlightsAbove: 0.25,
  shadowLevel: 5,
  highlightLevel: 250,
} as const;

/** Quality metrics of one photo and the flags they raise. */
export interface PhotoQuality {
  /** Variance of the Laplacian on the downscaled greyscale copy; higher is sharper. */
  sharpness: number;
  /** Mean luminance, 0–255. */
  brightness: number;
  /** Fraction (0–1) of pixels at or above the highlight level (250). */
  clippedHighlights: number;
  /** Fraction (0–1) of pixels at or below the shadow level (5). */
  clippedShadows: number;
  flags: PhotoFlag[];
}

/** A single-channel 8-bit image, row-major, no padding. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Variance of the 4-neighbour Laplacian over the interior pixels (0 for images under 3×3). */
export function laplacianVariance({ data, width, height }: GreyImage): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const lap =
        (data[i - 1] as number) +
        (data[i + 1] as number) +
        (data[i - width] as number) +
        (data[i + width] as number) -
        4 * (data[i] as number);
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const n = (width - 2) * (height - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Mean luminance and clipped fractions of a greyscale image. */
export function exposureStats({ data }: GreyImage): {
  brightness: number;
  clippedHighlights: number;
  clippedShadows: number;
} {
  if (data.length === 0) return { brightness: 0, clippedHighlights: 0, clippedShadows: 0 };
  let sum = 0;
  let high = 0;
  let low = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    sum += v;
    if (v >= QUALITY_THRESHOLDS.highlightLevel) high++;
    else if (v <= QUALITY_THRESHOLDS.shadowLevel) low++;
  }
  return {
    brightness: sum / data.length,
    clippedHighlights: high / data.length,
    clippedShadows: low / data.length,
  };
}

/**
 * Measure a photo and decide its flags.
 *
 * @param grey greyscale copy of the photo (ideally long edge {@link QUALITY_EDGE})
 * @param size full-resolution size after orientation, for the `low_resolution` flag
 */
export function assessQuality(grey: GreyImage, size: { width: number; height: number }): PhotoQuality {
  const t = QUALITY_THRESHOLDS;
  const sharpness = laplacianVariance(grey);
  const { brightness, clippedHighlights, clippedShadows } = exposureStats(grey);
  const flags: PhotoFlag[] = [];
  if (sharpness < t.blurryBelow) flags.push("blurry");
  if (brightness < t.darkMeanBelow || clippedShadows > t.clippedShadowsAbove) flags.push("underexposed");
  if (brightness > t.brightMeanAbove || clippedHighlights > t.clippedHighlightsAbove) flags.push("overexposed");
  if (isLowResolution(size.width, size.height)) flags.push("low_resolution");
  return {
    sharpness: round(sharpness, 1),
    brightness: round(brightness, 1),
    clippedHighlights: round(clippedHighlights, 4),
    clippedShadows: round(clippedShadows, 4),
    flags,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const ADVICE: Record<PhotoFlag, string> = {
  blurry: "Blurry: hold the phone steady and tap the lesion to focus before taking the photo.",
  underexposed: "Too dark: move to daylight or switch on more light; avoid shadows across the skin.",
  overexposed: "Too bright: avoid direct flash or sunlight on the skin; step back or turn the flash off.",
  low_resolution: "Low resolution: use the phone's main camera at full size (at least 800×600 pixels).",
};

/** Plain-language advice for the referrer, one sentence per flag. */
export function adviceFor(flag: PhotoFlag): string {
  return ADVICE[flag];
}
