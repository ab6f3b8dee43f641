/**
 * The quality measure DermRelay used until SPEC §16: one global variance-of-the-Laplacian
 * threshold and whole-frame exposure. Kept only so `npm run bench:quality` can print it side by
 * side with the current measure on the same labelled set; nothing in the product calls it.
 */
import { isLowResolution } from "./limits";
import type { GreyImage } from "./quality-focus";

type Flag = "blurry" | "underexposed" | "overexposed" | "low_resolution";

const T = { blurryBelow: 60, darkMeanBelow: 50, brightMeanAbove: 210, clippedShadowsAbove: 0.4, clippedHighlightsAbove: 0.25 } as const;

/** Variance of the 4-neighbour Laplacian over the interior pixels (0 for images under 3×3). */
export function laplacianVariance({ data, width, height }: GreyImage): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap = data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]! - 4 * data[i]!;
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const n = (width - 2) * (height - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Today's flags before §16, from a greyscale copy (long edge 1024) and the full size. */
export function legacyFlags(grey: GreyImage, size: { width: number; height: number }): { sharpness: number; flags: Flag[] } {
  const sharpness = laplacianVariance(grey);
  let sum = 0;
  let high = 0;
  let low = 0;
  for (let i = 0; i < grey.data.length; i++) {
    const v = grey.data[i]!;
    sum += v;
    if (v >= 250) high++;
    else if (v <= 5) low++;
  }
  const n = Math.max(1, grey.data.length);
  const flags: Flag[] = [];
  if (sharpness < T.blurryBelow) flags.push("blurry");
  if (sum / n < T.darkMeanBelow || low / n > T.clippedShadowsAbove) flags.push("underexposed");
  if (sum / n > T.brightMeanAbove || high / n > T.clippedHighlightsAbove) flags.push("overexposed");
  if (isLowResolution(size.width, size.height)) flags.push("low_resolution");
  return { sharpness, flags };
}
