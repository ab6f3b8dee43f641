/**
 * Focus from edge width, not from how much high frequency an image holds (SPEC §16).
 *
 * A global variance of the Laplacian mixes "how textured is the skin" with "how sharp is it": a
 * crisp lesion on smooth skin scores low, and sensor noise on a defocused photo scores high. Edge
 * width measures blur itself: the distance over which the strongest edges rise (Marziliano et
 * al., 2002). It is measured
 * - on a lightly smoothed copy (σ = 1) so noise cannot end a walk early, with the walk tolerance
 *   scaled to the noise level estimated from the image (Immerkær, 1996);
 * - at the steepest edges of each direction (lesion border, hair, pores), found by non-maximum
 *   suppression, required to stand well above the noise and to be at least a third as steep as
 *   that direction's steepest: faint, naturally gradual shading is the scene's width, not blur;
 * - per gradient direction (four bins), taking the widest bin: motion blur widens only the edges
 *   across the motion, so averaging all directions would hide it;
 * - at two scales: the full 1024 px copy and a half-size copy, taking the narrower result, so a
 *   photo whose finest detail is soft but whose lesion border is crisp is not called blurred;
 *   on a frame too noisy for full size, the half-size reading stands alone.
 *
 * Two more readings help the verdict in lib/photos/quality.ts: how evenly the edges on the skin
 * spread over the four directions (a shake empties the direction across the motion), and how
 * strongly an 8 × 8 JPEG block grid shows (the codec, not the lens, then sets the full-size width).
 *
 * Pure TypeScript over typed arrays, with no Node-only import: the worker and the browser run
 * the same code.
 */
import { blockiness, estimateNoise, half, halfMask, sample, smooth, type GreyImage } from "./quality-pixels";

export { estimateNoise, type GreyImage } from "./quality-pixels";

/** The focus reading of one photo. */
export interface FocusReading {
  /** Edge width in pixels of the 1024 px copy (the widest direction's median); null when no edge stands above the noise. */
  edgeWidth: number | null;
  /** Edge width of the half-size copy, in its own pixels; null when no edge stands out there either. */
  coarseEdgeWidth: number | null;
  /** Full-size edges above the noise in the sparsest of four directions over the richest: near 0 under motion blur. */
  balance: number;
  /** How strongly an 8 × 8 JPEG block grid shows (about 1 without one; see {@link blockiness}). */
  blockiness: number;
  /** Estimated sensor noise, standard deviation in 8-bit levels. */
  noise: number;
  /** Edges measured. */
  edges: number;
  /** Median gradient (levels per pixel) of the measured edges at full scale. */
  strength: number;
}

/** Most edges measured per direction and scale; the steepest are kept. */
const MAX_PER_BIN = 600;
/** An edge counts when at least this fraction as steep as its direction's 99th-percentile edge. */
const RELATIVE_CUT = 1 / 3;
/** Least gradient (levels/px) an edge needs on a noiseless copy. */
const MIN_SLOPE = 1.5;
/** Fewest skin edges in the richest direction for the direction balance to be judged. */
const MIN_FOR_BALANCE = 50;
/** Distance (px) either side of an edge that must be skin too for the edge to count. */
const SKIN_MARGIN = 3;
/** Fewest edges in a direction bin for its median to count. */
const MIN_PER_BIN = 12;
/** Longest walk from an edge centre, each way, in pixels. */
const MAX_WALK = 24;
/** Walk step, in pixels. */
const STEP = 0.5;

/** The focus reading of one scale. */
interface ScaleReading {
  /** Widest direction's edge width in this copy's pixels, or null when too few edges stand out. */
  width: number | null;
  /** Edges measured. */
  edges: number;
  /** Median gradient of the measured edges. */
  strength: number;
  /** Edges above the noise in the sparsest direction over those in the richest (0–1). */
  balance: number;
}

/**
 * Edge width of the widest direction at one scale. `noise` is the noise σ of this copy before
 * smoothing.
 *
 * Edges are chosen per direction and relative to that direction's steepest ones: an edge counts
 * when it is at least {@link RELATIVE_CUT} as steep as the direction's 99th-percentile edge (and
 * well above the noise). Blur lowers every edge's slope alike, so the choice does not depend on
 * focus; but faint, naturally gradual shading (mottling inside a lesion, a soft shadow), whose
 * width is the scene's and not the lens's, no longer counts on a frame whose real edges are few.
 * Choosing per direction keeps the edges across a motion blur, which are all faint.
 */
function widthAtScale(src: ArrayLike<number>, width: number, height: number, noise: number, skin: Uint8Array | null, smoothed?: Float32Array): ScaleReading {
  const none: ScaleReading = { width: null, edges: 0, strength: 0, balance: 1 };
  if (width < 16 || height < 16) return none;
  const g = smoothed ?? smooth(src, width, height);
  // Smoothing by σ = 1 leaves about 0.28 of the noise.
  const smoothedNoise = noise * 0.28;
  const minMagnitude = Math.max(MIN_SLOPE, 5 * smoothedNoise);
  const n = width * height;
  const mag = new Float32Array(n);
  const gx = new Float32Array(n);
  const gy = new Float32Array(n);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const dx = (g[i - width + 1]! + 2 * g[i + 1]! + g[i + width + 1]! - g[i - width - 1]! - 2 * g[i - 1]! - g[i + width - 1]!) / 8;
      const dy = (g[i + width - 1]! + 2 * g[i + width]! + g[i + width + 1]! - g[i - width - 1]! - 2 * g[i - width]! - g[i - width + 1]!) / 8;
      gx[i] = dx;
      gy[i] = dy;
      mag[i] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  // Non-maximum suppression along the gradient, quantised to four directions (as in Canny); the
  // survivors are sorted into four direction bins, each with a histogram of magnitudes.
  const margin = 3;
  const binOf = new Int8Array(n).fill(-1);
  const hists = [0, 1, 2, 3].map(() => new Uint32Array(512));
  const counts = [0, 0, 0, 0];
  const skinCounts = [0, 0, 0, 0];
  let survivors = 0;
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const i = y * width + x;
      const m = mag[i]!;
      if (m < minMagnitude) continue;
      const ax = Math.abs(gx[i]!);
      const ay = Math.abs(gy[i]!);
      let step: number;
      let bin: number;
      if (ay <= 0.4142 * ax) [step, bin] = [1, 0];
      else if (ax <= 0.4142 * ay) [step, bin] = [width, 2];
      else [step, bin] = gx[i]! * gy[i]! > 0 ? [width + 1, 1] : [width - 1, 3];
      if (m < mag[i + step]! || m <= mag[i - step]!) continue;
      if (!skin || onSkin(skin, width, height, x, y, gx[i]! / m, gy[i]! / m)) skinCounts[bin]!++;
      binOf[i] = bin;
      hists[bin]![Math.min(511, Math.floor(m * 2))]!++;
      counts[bin]!++;
      survivors++;
    }
  }
  // Direction balance on the skin only: a drape's or a ruler's straight edge is not skin texture.
  const richest = Math.max(...skinCounts);
  const balance = richest >= MIN_FOR_BALANCE ? Math.min(...skinCounts) / richest : 1;
  if (survivors < MIN_PER_BIN) return { ...none, edges: survivors, balance };
  // Per bin: the cut is the larger of a third of the 99th-percentile slope and the slope that
  // keeps at most MAX_PER_BIN edges (the steepest).
  const cuts = hists.map((h, b) => {
    let top = 511;
    for (let acc = 0; top > 0 && (acc += h[top]!) < 0.01 * counts[b]!; ) top--;
    let cap = 511;
    for (let acc = 0; cap > 0 && acc + h[cap]! <= MAX_PER_BIN; cap--) acc += h[cap]!;
    return Math.max(minMagnitude, RELATIVE_CUT * ((top + 1) / 2), (cap + 1) / 2);
  });
  const tol = 0.5 * smoothedNoise;
  const bins: number[][] = [[], [], [], []];
  const strengths: number[] = [];
  for (let i = 0; i < n; i++) {
    const bin = binOf[i]!;
    if (bin < 0 || mag[i]! < cuts[bin]!) continue;
    strengths.push(mag[i]!);
    const x0 = i % width;
    const y0 = (i - x0) / width;
    const m = mag[i]!;
    const ux = gx[i]! / m;
    const uy = gy[i]! / m;
    // Walk up the slope and down it until it flattens: the step falls under a fifth of the
    // edge's own peak slope (so a slow background gradient does not count), or under the noise.
    // Half-pixel steps, so widths are not rounded to whole pixels.
    const minStep = Math.max(tol, 0.2 * m) * STEP;
    let up = 0;
    let prev = g[i]!;
    while (up < MAX_WALK) {
      const v = sample(g, width, height, x0 + ux * (up + STEP), y0 + uy * (up + STEP));
      if (v - prev < minStep) break;
      prev = v;
      up += STEP;
    }
    let down = 0;
    prev = g[i]!;
    while (down < MAX_WALK) {
      const v = sample(g, width, height, x0 - ux * (down + STEP), y0 - uy * (down + STEP));
      if (prev - v < minStep) break;
      prev = v;
      down += STEP;
    }
    bins[bin]!.push(up + down + STEP);
  }
  let widest: number | null = null;
  for (const b of bins) {
    if (b.length < MIN_PER_BIN) continue;
    b.sort((p, q) => p - q);
    // Mean of the middle half: steadier than the median on half-pixel steps.
    let sum = 0;
    const lo = Math.floor(b.length / 4);
    const hi = Math.ceil((3 * b.length) / 4);
    for (let k = lo; k < hi; k++) sum += b[k]!;
    const mid = sum / (hi - lo);
    widest = widest === null ? mid : Math.max(widest, mid);
  }
  strengths.sort((p, q) => p - q);
  return { width: widest, edges: strengths.length, strength: strengths[strengths.length >> 1] ?? 0, balance };
}

/** Whether the pixel and the pixels {@link SKIN_MARGIN} either side along (ux, uy) are skin. */
function onSkin(skin: Uint8Array, width: number, height: number, x: number, y: number, ux: number, uy: number): boolean {
  if (!skin[y * width + x]) return false;
  for (const s of [SKIN_MARGIN, -SKIN_MARGIN]) {
    const xs = Math.min(width - 1, Math.max(0, Math.round(x + s * ux)));
    const ys = Math.min(height - 1, Math.max(0, Math.round(y + s * uy)));
    if (!skin[ys * width + xs]) return false;
  }
  return true;
}

/**
 * Measure focus on a greyscale copy (long edge about 1024 px).
 *
 * @param smoothed the copy smoothed by {@link smooth}, when the caller already has it
 * @returns the edge width in pixels of that copy (smaller is sharper; null when no edge stands
 *   above the noise at full size), the half-size copy's own edge width (in half-size pixels: on a
 *   noisy frame the finest scale at which edges still stand out), the isotropy of the gradient
 *   energy, the noise estimate and how many edges were measured
 */
export function measureFocus(grey: GreyImage, skin: Uint8Array | null = null, smoothed?: Float32Array): FocusReading {
  const noise = estimateNoise(grey);
  const full = widthAtScale(grey.data, grey.width, grey.height, noise, skin, smoothed);
  const h = half(grey.data, grey.width, grey.height);
  // Averaging 2×2 halves the noise; widths at half size count double in full-size pixels.
  const coarse = widthAtScale(h.data, h.width, h.height, noise / 2, skin && halfMask(skin, grey.width, grey.height));
  const widths = full.width === null ? [] : [full.width, coarse.width === null ? null : coarse.width * 2].filter((w): w is number => w !== null);
  return {
    edgeWidth: widths.length ? round1(Math.min(...widths)) : null,
    coarseEdgeWidth: coarse.width === null ? null : round1(coarse.width),
    balance: Math.round(full.balance * 1000) / 1000,
    blockiness: Math.round(blockiness(grey) * 100) / 100,
    noise,
    edges: full.edges + coarse.edges,
    strength: full.strength,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;
