/**
 * Image quality flags shown to the referrer (SPEC §4.4, §16): `blurry`, `underexposed`,
 * `overexposed`, `low_resolution`. Pure functions over a small RGB(A) copy with no Node-only
 * import, so the worker (stored flags, from a 1024 px copy of the decoded photo) and the browser
 * (pre-check before upload, from a canvas) run the same algorithm.
 *
 * - Focus is edge width at the strongest edges, per direction and at two scales, noise-aware
 *   (lib/photos/quality-focus.ts). It holds on smooth skin and on noisy dim-room photos, where one
 *   global variance-of-the-Laplacian threshold was fooled both ways.
 * - Exposure is judged on the skin, not the background: a white drape or a dark cloth in the frame
 *   no longer flags a good photo. Dark skin is not underexposure: a photo is underexposed when its
 *   highlights (skin gloss, a ruler, a drape) sit far below white, whatever the skin tone; it is
 *   overexposed when a large share of the skin is clipped or the skin itself is near white.
 *
 * Thresholds were set on the generated labelled set of scripts/bench/quality-set.ts
 * (`npm run bench:quality` prints the figures per flag and per skin tone).
 */
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { isLowResolution } from "./limits";
import { measureFocus, type GreyImage } from "./quality-focus";

export type { GreyImage } from "./quality-focus";

/** Long edge of the copy the metrics are computed on. Thresholds below assume it. */
export const QUALITY_EDGE = 1024;

/** Flag thresholds, for a copy with long edge {@link QUALITY_EDGE}. */
export const QUALITY_THRESHOLDS = {
  /** Edge width (px) above which a photo is blurred. A focused phone photo measures 3–5. */
  blurryEdgeWidth: 6.3,
  /** Edge width beyond which a photo is blurred even when its edges are faint. */
  clearlyBlurryEdgeWidth: 7.2,
  /** Median edge gradient (levels/px) a marginal width needs before it counts as blur. */
  minEdgeStrength: 5.5,
  /** 99.98th percentile of luma below which the photo is underexposed (nothing near white). */
  darkHighlightsBelow: 140,
  /** The same for a blurred photo, whose small highlights blur spreads and dims. */
  darkHighlightsBlurredBelow: 90,
  /** Skin median luma below which the photo is underexposed whatever its highlights. */
  darkSkinBelow: 18,
  /** Share of skin pixels with a clipped channel above which the photo is overexposed. */
  clippedSkinAbove: 0.3,
  /** Clipped skin share above which focus is not judged: blown-out edges cannot be measured. */
  blownSkinAbove: 0.6,
  /** Skin median luma above which the photo is overexposed. */
  brightSkinAbove: 232,
  shadowLevel: 5,
  highlightLevel: 250,
} as const;

/** Quality metrics of one photo and the flags they raise. */
export interface PhotoQuality {
  /** 100 / edge width: higher is sharper; below 100 / {@link QUALITY_THRESHOLDS.blurryEdgeWidth} is blurry. */
  sharpness: number;
  /** Edge width of the strongest edges, in pixels of the 1024 px copy; null when there is no edge. */
  edgeWidth: number | null;
  /** Estimated sensor noise (σ, 8-bit levels). */
  noise: number;
  /** Mean luma of the whole frame, 0–255. */
  brightness: number;
  /** Median luma of the skin region, 0–255. */
  skinBrightness: number;
  /** Fraction (0–1) of skin pixels with a channel at or above 250. */
  clippedHighlights: number;
  /** Fraction (0–1) of the frame at or below luma 5. */
  clippedShadows: number;
  flags: PhotoFlag[];
}

/** An 8-bit image with 1 (grey), 3 (RGB) or 4 (RGBA) interleaved channels, row-major. */
export interface PixelImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Luma (Rec. 709 weights on the sRGB-coded values) as a greyscale image. */
export function lumaOf(img: PixelImage): GreyImage {
  if (img.channels === 1) return { data: img.data, width: img.width, height: img.height };
  const n = img.width * img.height;
  const out = new Uint8Array(n);
  for (let i = 0, o = 0; i < n; i++, o += img.channels) {
    out[i] = Math.round(0.2126 * img.data[o]! + 0.7152 * img.data[o + 1]! + 0.0722 * img.data[o + 2]!);
  }
  return { data: out, width: img.width, height: img.height };
}

/**
 * Exposure measured on the skin. Skin is every pixel of skin-like colour (red ≥ green ≥ blue,
 * clearly warm) plus every clipped pixel (blown skin loses its colour); neutral pixels — white
 * drapes, grey backgrounds, black cloth — are left out. Without colour, or when under a fifth of
 * the frame looks like skin, the whole frame counts.
 */
export function exposureStats(img: PixelImage, luma: GreyImage = lumaOf(img)) {
  const t = QUALITY_THRESHOLDS;
  const n = img.width * img.height;
  const hist = new Uint32Array(256);
  const skinHist = new Uint32Array(256);
  let sum = 0;
  let shadows = 0;
  let skin = 0;
  let skinClipped = 0;
  let frameClipped = 0;
  for (let i = 0, o = 0; i < n; i++, o += img.channels) {
    const l = luma.data[i]!;
    hist[l]!++;
    sum += l;
    if (l <= t.shadowLevel) shadows++;
    const r = img.data[o]!;
    const g = img.channels === 1 ? r : img.data[o + 1]!;
    const b = img.channels === 1 ? r : img.data[o + 2]!;
    const clipped = Math.max(r, g, b) >= t.highlightLevel;
    if (clipped) frameClipped++;
    const warm = r >= g && g + 4 >= b && r - b >= 8 + 0.06 * r;
    if (img.channels === 1 || warm || clipped) {
      skin++;
      skinHist[l]!++;
      if (clipped) skinClipped++;
    }
  }
  const useFrame = skin < 0.2 * n;
  const region = useFrame ? hist : skinHist;
  const regionCount = useFrame ? n : skin;
  return {
    brightness: n ? sum / n : 0,
    skinBrightness: percentile(region, regionCount, 0.5),
    highlights: percentile(hist, n, 0.9998),
    clippedHighlights: regionCount ? (useFrame ? frameClipped : skinClipped) / regionCount : 0,
    clippedShadows: n ? shadows / n : 0,
  };
}

function percentile(hist: Uint32Array, count: number, p: number): number {
  if (count === 0) return 0;
  const target = p * count;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) return v;
  }
  return 255;
}

/**
 * Measure a photo and decide its flags.
 *
 * @param img a copy of the photo, long edge about {@link QUALITY_EDGE} (never enlarged), RGB(A) or grey
 * @param size full-resolution size after orientation, for the `low_resolution` flag
 */
export function assessQuality(img: PixelImage, size: { width: number; height: number }): PhotoQuality {
  const t = QUALITY_THRESHOLDS;
  const luma = lumaOf(img);
  const focus = measureFocus(luma);
  const e = exposureStats(img, luma);
  const flags: PhotoFlag[] = [];
  const blown = e.clippedHighlights > t.blownSkinAbove;
  const w = focus.edgeWidth;
  // A marginal width on faint edges (featureless skin, heavy JPEG) is not evidence of blur.
  const blurry = !blown && w !== null && (w > t.clearlyBlurryEdgeWidth || (w > t.blurryEdgeWidth && focus.strength >= t.minEdgeStrength));
  if (blurry) flags.push("blurry");
  const darkBelow = blurry ? t.darkHighlightsBlurredBelow : t.darkHighlightsBelow;
  if (e.highlights < darkBelow || e.skinBrightness < t.darkSkinBelow) flags.push("underexposed");
  else if (e.clippedHighlights > t.clippedSkinAbove || e.skinBrightness > t.brightSkinAbove) flags.push("overexposed");
  if (isLowResolution(size.width, size.height)) flags.push("low_resolution");
  return {
    sharpness: focus.edgeWidth === null ? 0 : round(100 / focus.edgeWidth, 1),
    edgeWidth: focus.edgeWidth,
    noise: round(focus.noise, 2),
    brightness: round(e.brightness, 1),
    skinBrightness: e.skinBrightness,
    clippedHighlights: round(e.clippedHighlights, 4),
    clippedShadows: round(e.clippedShadows, 4),
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
