/**
 * Image quality flags shown to the referrer (SPEC §4.4, §16): `blurry`, `underexposed`,
 * `overexposed`, `low_resolution`. Pure functions over a small RGB(A) copy with no Node-only
 * import, so the worker (stored flags, from a 1024 px copy of the decoded photo) and the browser
 * (pre-check before upload, from a canvas) run the same algorithm.
 *
 * - Focus is edge width at the strongest edges, per direction and at two scales, noise-aware
 *   (lib/photos/quality-focus.ts). It holds on smooth skin and on noisy dim-room photos, where one
 *   global variance-of-the-Laplacian threshold was fooled both ways. Where edge width cannot
 *   tell (edges between a focused and a blurred photo's widths, as on plain skin whose steepest
 *   edges are hairs), the skin's own texture casts the deciding vote: how much of its finest
 *   band survives, and whether it survives in every direction (lib/photos/quality-texture.ts).
 * - Exposure is judged on the skin, not the background: a white drape or a dark cloth in the frame
 *   no longer flags a good photo. Dark skin is not underexposure: a photo is underexposed when its
 *   highlights (skin gloss, a ruler, a drape) sit far below white, whatever the skin tone; it is
 *   overexposed when a large share of the skin is clipped or the skin itself is near white.
 *
 * Thresholds were set on the generated labelled set of scripts/bench/quality-set.ts
 * (`npm run bench:quality` prints the figures per flag and per skin tone, and every image it
 * gets wrong with its readings); each rule below names the physical reason it exists.
 */
import type { PhotoFlag } from "@/lib/db/schema/enums";
import { isLowResolution } from "./limits";
import { measureFocus, type FocusReading, type GreyImage } from "./quality-focus";
import { smooth } from "./quality-pixels";
import { measureTexture, type TextureReading } from "./quality-texture";

export type { GreyImage } from "./quality-focus";

/** Long edge of the copy the metrics are computed on. Thresholds below assume it. */
export const QUALITY_EDGE = 1024;

/** Flag thresholds, for a copy with long edge {@link QUALITY_EDGE}. */
export const QUALITY_THRESHOLDS = {
  /** Edge width (px) above which a photo is blurred. A focused phone photo measures 3–5. */
  blurryEdgeWidth: 6.3,
  /** Edge width above which a photo with one direction nearly empty of edges is motion-blurred. */
  motionEdgeWidth: 5,
  /** Sparsest over richest direction's edge count below which a direction counts as nearly empty. */
  motionBalanceBelow: 0.12,
  /**
   * Finest-band over next-band texture energy below which the skin's fine texture is gone: a
   * natural (1/f²) scene shows ≈ 4 in focus and falls below 0.25 once blurred by σ ≈ 1.1 px.
   */
  textureFalloffBelow: 0.25,
  /** Finest-band isotropy below which the fine texture survives in one direction only (a shake). */
  textureIsotropyBelow: 0.5,
  /** Block-grid strength above which the frame counts as a heavily compressed JPEG. */
  blockyAbove: 1.8,
  /** Noise σ above which the direction balance is not judged: noise, not the scene, decides which edges stand out. */
  motionNoiseBelow: 2,
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
  /** Edge width of the half-size copy in its own pixels (the reading on a frame too noisy for full size); null without edges. */
  coarseEdgeWidth: number | null;
  /** Edges in the sparsest direction over the richest, 0–1 (low under motion blur). */
  directionBalance: number;
  /** How strongly an 8 × 8 JPEG block grid shows, about 1 without one. */
  blockiness: number;
  /** Skin texture's finest-band over next-band energy, noise removed (≈ 4 in focus on natural texture); null when too faint to judge. */
  textureFalloff: number | null;
  /** Isotropy (0–1) of the skin texture's finest band (low under a shake); null when too faint to judge. */
  textureIsotropy: number | null;
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
 * Which pixels are skin: every pixel of skin-like colour (red ≥ green ≥ blue, clearly warm) plus
 * every clipped pixel (blown skin loses its colour); neutral pixels — white drapes, grey
 * backgrounds, black cloth — are left out. Null without colour, or when under a fifth of the frame
 * looks like skin: then the whole frame counts.
 */
export function skinMask(img: PixelImage): Uint8Array | null {
  if (img.channels === 1) return null;
  const t = QUALITY_THRESHOLDS;
  const n = img.width * img.height;
  const mask = new Uint8Array(n);
  let skin = 0;
  for (let i = 0, o = 0; i < n; i++, o += img.channels) {
    const r = img.data[o]!;
    const g = img.data[o + 1]!;
    const b = img.data[o + 2]!;
    const clipped = Math.max(r, g, b) >= t.highlightLevel;
    if (clipped || (r >= g && g + 4 >= b && r - b >= 8 + 0.06 * r)) {
      mask[i] = 1;
      skin++;
    }
  }
  return skin < 0.2 * n ? null : mask;
}

/** Exposure measured on the skin ({@link skinMask}), the whole frame when there is none. */
export function exposureStats(img: PixelImage, luma: GreyImage = lumaOf(img), skin: Uint8Array | null = skinMask(img)) {
  const t = QUALITY_THRESHOLDS;
  const n = img.width * img.height;
  const hist = new Uint32Array(256);
  const skinHist = new Uint32Array(256);
  let sum = 0;
  let shadows = 0;
  let skinCount = 0;
  let skinClipped = 0;
  let frameClipped = 0;
  for (let i = 0, o = 0; i < n; i++, o += img.channels) {
    const l = luma.data[i]!;
    hist[l]!++;
    sum += l;
    if (l <= t.shadowLevel) shadows++;
    const r = img.data[o]!;
    const clipped = img.channels === 1 ? r >= t.highlightLevel : Math.max(r, img.data[o + 1]!, img.data[o + 2]!) >= t.highlightLevel;
    if (clipped) frameClipped++;
    if (skin?.[i]) {
      skinCount++;
      skinHist[l]!++;
      if (clipped) skinClipped++;
    }
  }
  const region = skin ? skinHist : hist;
  const regionCount = skin ? skinCount : n;
  return {
    brightness: n ? sum / n : 0,
    skinBrightness: percentile(region, regionCount, 0.5),
    highlights: percentile(hist, n, 0.9998),
    clippedHighlights: regionCount ? (skin ? skinClipped : frameClipped) / regionCount : 0,
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
  const skin = skinMask(img);
  // One σ = 1 copy serves both the edge walk and the texture's next band.
  const smoothed = smooth(luma.data, luma.width, luma.height);
  const focus = measureFocus(luma, skin, smoothed);
  const texture = measureTexture(luma, skin, focus.noise, smoothed);
  const e = exposureStats(img, luma, skin);
  const flags: PhotoFlag[] = [];
  const blown = e.clippedHighlights > t.blownSkinAbove;
  const blurry = !blown && isBlurred(focus);
  if (blurry) flags.push("blurry");
  const darkBelow = blurry ? t.darkHighlightsBlurredBelow : t.darkHighlightsBelow;
  if (e.highlights < darkBelow || e.skinBrightness < t.darkSkinBelow) flags.push("underexposed");
  else if (e.clippedHighlights > t.clippedSkinAbove || e.skinBrightness > t.brightSkinAbove) flags.push("overexposed");
  else if (!blurry && (isFeatureless(focus) || isTextureBlurred(focus, texture))) flags.unshift("blurry");
  if (isLowResolution(size.width, size.height)) flags.push("low_resolution");
  return {
    sharpness: focus.edgeWidth === null ? 0 : round(100 / focus.edgeWidth, 1),
    edgeWidth: focus.edgeWidth,
    coarseEdgeWidth: focus.coarseEdgeWidth,
    directionBalance: focus.balance,
    blockiness: focus.blockiness,
    textureFalloff: texture.falloff,
    textureIsotropy: texture.isotropy,
    noise: round(focus.noise, 2),
    brightness: round(e.brightness, 1),
    skinBrightness: e.skinBrightness,
    clippedHighlights: round(e.clippedHighlights, 4),
    clippedShadows: round(e.clippedShadows, 4),
    flags,
  };
}

/**
 * Whether a focus reading means a blurred photo.
 * - Edges at full size: their width decides, whatever their contrast. (Round one let a marginal
 *   width pass when the edges were faint in levels per pixel, which depends on the skin tone;
 *   the heavy JPEG it was for is now recognised by its block grid.)
 * - Motion: on the skin, one direction nearly without edges while another has many, and edges
 *   wider than a focused photo's (judged on a clean frame only). A shake smears every edge across
 *   the motion until it sinks into the noise, so the widest direction left to measure can look
 *   sharp; skin itself has edges every way.
 * - A heavily compressed JPEG at its own size (a strong 8 × 8 block grid): the codec has thrown
 *   away the fine detail inside each block, so the full-size width measures the codec, not the
 *   lens; the half-size copy is judged in its own pixels, which still shows a real defocus.
 * - No edge above the noise at full size (a dim, noisy room): the half-size copy, where the noise
 *   is halved, is judged in its own pixels — only a coarser blur can be seen through that noise.
 * - No edge at either size: see {@link isFeatureless}.
 */
function isBlurred(f: FocusReading): boolean {
  const t = QUALITY_THRESHOLDS;
  const w = f.edgeWidth;
  if (w === null || f.blockiness > t.blockyAbove) return f.coarseEdgeWidth !== null && f.coarseEdgeWidth > t.blurryEdgeWidth;
  if (w > t.motionEdgeWidth && f.balance < t.motionBalanceBelow && f.noise < t.motionNoiseBelow) return true;
  return w > t.blurryEdgeWidth;
}

/**
 * A clean (low-noise), well-exposed frame with no edge above 1.5 levels/px at full or half size:
 * close-up skin in focus always shows pores or hair at that contrast, so a frame without any has
 * lost them to blur. Not said of a dark, bright or noisy frame, where missing edges prove nothing.
 */
function isFeatureless(f: FocusReading): boolean {
  return f.edgeWidth === null && f.coarseEdgeWidth === null && f.noise < QUALITY_THRESHOLDS.motionNoiseBelow;
}

/**
 * The texture's vote, cast only where edge width cannot decide: edges wider than a focused
 * photo's ({@link QUALITY_THRESHOLDS.motionEdgeWidth}) yet not past the blur threshold. There a
 * sharp frame and a blurred one overlap (plain skin's steepest edges are hairs, thin lines whose
 * profile stays narrow under a blur), and the texture tells them apart by what blur does to it:
 * - its finest band has lost most of its energy relative to the next band (defocus), or
 * - its finest band survives in one direction only (a shake; aligned hair in a focused photo is
 *   anisotropic too, but then its edges are crisp and the vote is never asked).
 * Judged on a clean, well-exposed frame that is not a heavily compressed JPEG at its own size
 * (the codec, not the lens, removes the fine band there); the caller has already ruled out a dark
 * or bright frame, where rounding and clipping, not focus, shape the finest band.
 */
function isTextureBlurred(f: FocusReading, tex: TextureReading): boolean {
  const t = QUALITY_THRESHOLDS;
  if (f.edgeWidth === null || f.edgeWidth <= t.motionEdgeWidth) return false;
  if (f.noise >= t.motionNoiseBelow || f.blockiness > t.blockyAbove) return false;
  return (tex.falloff !== null && tex.falloff < t.textureFalloffBelow) || (tex.isotropy !== null && tex.isotropy < t.textureIsotropyBelow);
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
